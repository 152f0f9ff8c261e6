package neg

import "golang.org/x/crypto/ssh"

// PinnedHost trusts exactly one host key.
func PinnedHost(user string, key ssh.PublicKey) *ssh.ClientConfig {
	return &ssh.ClientConfig{User: user, HostKeyCallback: ssh.FixedHostKey(key)}
}
