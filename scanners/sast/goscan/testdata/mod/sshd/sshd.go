// Package sshd configures SSH unsafely: it is a gosec fixture.
package sshd

import "golang.org/x/crypto/ssh"

// Client trusts any host key.
func Client(user string) *ssh.ClientConfig {
	return &ssh.ClientConfig{User: user, HostKeyCallback: ssh.InsecureIgnoreHostKey()}
}

// Server keeps authentication state outside the callback.
func Server() (*ssh.ServerConfig, func() string) {
	var lastUser string
	cfg := &ssh.ServerConfig{}
	cfg.PublicKeyCallback = func(c ssh.ConnMetadata, _ ssh.PublicKey) (*ssh.Permissions, error) {
		lastUser = c.User()
		return nil, nil
	}
	return cfg, func() string { return lastUser }
}
