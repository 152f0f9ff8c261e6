package neg

import (
	"errors"

	"golang.org/x/crypto/ssh"
)

// SSHServer decides in the callback and returns the decision in the
// Permissions; it writes nothing outside the callback.
func SSHServer(allowed map[string]bool) *ssh.ServerConfig {
	cfg := &ssh.ServerConfig{}
	cfg.PublicKeyCallback = func(c ssh.ConnMetadata, k ssh.PublicKey) (*ssh.Permissions, error) {
		if !allowed[string(k.Marshal())] {
			return nil, errors.New("unknown key")
		}
		return &ssh.Permissions{Extensions: map[string]string{"user": c.User()}}, nil
	}
	return cfg
}
