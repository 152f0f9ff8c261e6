package neg

import (
	"errors"
	"net/http"
)

// Limited bounds redirects and sets only a harmless header on them.
func Limited() *http.Client {
	return &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		req.Header.Set("User-Agent", "fixture")
		return nil
	}}
}
