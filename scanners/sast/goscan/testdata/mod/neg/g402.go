package neg

import (
	"crypto/tls"
	"net/http"
)

// Client verifies certificates and requires TLS 1.2.
func Client() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}}
}
