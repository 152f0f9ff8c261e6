package neg

import "net/http"

// SetSession sets a cookie with Secure, HttpOnly and SameSite.
func SetSession(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: id, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}
