package edge

import "net/http"

// Follower copies every header of the first request into each redirect,
// whatever its host.
func Follower() *http.Client {
	return &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		req.Header = via[0].Header.Clone()
		return nil
	}}
}

// Reauth puts the credentials back on each redirect.
func Reauth(token string) *http.Client {
	return &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		req.Header.Set("Authorization", token)
		return nil
	}}
}
