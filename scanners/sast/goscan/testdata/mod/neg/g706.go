package neg

import (
	"log/slog"
	"net/http"
)

// Audit logs request data as a structured attribute.
func Audit(w http.ResponseWriter, r *http.Request) {
	slog.Info("lookup", "name", r.FormValue("name"))
	w.WriteHeader(http.StatusNoContent)
}
