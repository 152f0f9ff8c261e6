package neg

import (
	"net/http"
	"path/filepath"
)

// Page serves a file named by its base name only.
func Page(w http.ResponseWriter, r *http.Request) {
	http.ServeFile(w, r, filepath.Join("static", filepath.Base(r.URL.Query().Get("page"))))
}
