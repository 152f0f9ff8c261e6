package neg

import (
	"net/http"
	"time"
)

// Serve listens through an http.Server that has timeouts.
func Serve(h http.Handler) error {
	srv := &http.Server{Addr: "127.0.0.1:8081", Handler: h, ReadHeaderTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}
