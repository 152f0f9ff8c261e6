// Package edge holds HTTP handlers and clients with protocol-level
// defects: it is a gosec fixture.
package edge

import "net/http"

// Chunked announces both a length and chunked encoding. The header names
// are lower case (Set canonicalises them, gosec compares them ignoring
// case) so that they differ from the words of gosec's own message.
func Chunked(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("transfer-encoding", "chunked")
	w.Header().Set("content-length", "42")
	w.WriteHeader(http.StatusOK)
}
