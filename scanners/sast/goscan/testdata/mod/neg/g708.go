package neg

import (
	"html/template"
	"net/http"
)

// page is parsed from a constant; request data is only its input.
var page = template.Must(template.New("page").Parse("<p>{{.}}</p>"))

// Greet renders request data through a fixed template.
func Greet(w http.ResponseWriter, r *http.Request) {
	if err := page.Execute(w, r.FormValue("name")); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}
