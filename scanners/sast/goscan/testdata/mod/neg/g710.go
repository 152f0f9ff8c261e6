package neg

import (
	"net/http"
	"net/url"
)

// ToItem redirects to a local path with the escaped id.
func ToItem(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/items/"+url.PathEscape(r.FormValue("id")), http.StatusFound)
}
