package edge

import (
	"crypto/tls"
	"crypto/x509"
)

// Pinned checks the peer's certificate in a callback that resumed sessions
// skip.
func Pinned(verify func([][]byte, [][]*x509.Certificate) error) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: verify}
}
