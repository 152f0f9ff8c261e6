package neg

import "net/http"

// Protected exempts one webhook path from cross-origin protection.
func Protected(h http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.AddInsecureBypassPattern("/hooks/github")
	return p.Handler(h)
}
