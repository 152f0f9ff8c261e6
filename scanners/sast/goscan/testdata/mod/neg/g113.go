package neg

import "net/http"

// Sized announces a length and nothing else.
func Sized(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("content-length", "2")
	w.Header().Set("content-type", "text/plain")
	w.WriteHeader(http.StatusOK)
}
