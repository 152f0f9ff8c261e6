package neg

import (
	"net/http"
	"time"
)

// Server sets ReadHeaderTimeout.
func Server(h http.Handler) *http.Server {
	return &http.Server{Addr: "127.0.0.1:8080", Handler: h, ReadHeaderTimeout: 5 * time.Second}
}
