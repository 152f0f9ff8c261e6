package neg

import (
	"database/sql"
	"net/http"
)

// Lookup passes request data as a query parameter.
type Lookup struct{ DB *sql.DB }

// ServeHTTP queries with a placeholder.
func (l *Lookup) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rows, err := l.DB.QueryContext(r.Context(), "SELECT name FROM users WHERE id = $1", r.FormValue("id"))
	if err != nil {
		http.Error(w, "lookup failed", http.StatusInternalServerError)
		return
	}
	_ = rows.Close()
}
