package web

import (
	"encoding/json"
	"net/http"
	"text/template"
)

// Render parses a template the user sent.
func Render(w http.ResponseWriter, r *http.Request) {
	t, err := template.New("page").Parse(r.FormValue("tpl"))
	if err != nil {
		return
	}
	_ = t.Execute(w, nil)
}

// Dump marshals the secret field.
func Dump(c Config) ([]byte, error) { return json.Marshal(c) }
