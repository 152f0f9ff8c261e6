package neg

import (
	"encoding/json"
	"net/http"
)

// DecodeJSON decodes request data as JSON into a plain struct.
func DecodeJSON(w http.ResponseWriter, r *http.Request) {
	var v struct{ Name string }
	if err := json.Unmarshal([]byte(r.FormValue("doc")), &v); err != nil {
		http.Error(w, "bad document", http.StatusBadRequest)
	}
}
