package neg

import (
	"html"
	"net/http"
)

// Echo escapes request data before writing it.
func Echo(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte(html.EscapeString(r.FormValue("q"))))
}
