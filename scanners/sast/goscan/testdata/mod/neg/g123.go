package neg

import (
	"crypto/tls"
	"crypto/x509"
)

// Verified checks every connection, resumed ones too.
func Verified(verify func(tls.ConnectionState) error) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS13, VerifyConnection: verify}
}

// NoResumption keeps VerifyPeerCertificate but turns session tickets off.
func NoResumption(verify func([][]byte, [][]*x509.Certificate) error) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS13, VerifyPeerCertificate: verify, SessionTicketsDisabled: true}
}
