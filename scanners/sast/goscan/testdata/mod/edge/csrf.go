package edge

import "net/http"

// Unprotected exempts every path from cross-origin protection.
func Unprotected(h http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.AddInsecureBypassPattern("/")
	return p.Handler(h)
}
