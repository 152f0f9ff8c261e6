package store

import (
	"database/sql"
	"fmt"
)

// FindFormatted formats the value into the query.
func FindFormatted(db *sql.DB, name string) (*sql.Rows, error) {
	q := fmt.Sprintf("SELECT * FROM users WHERE name = '%s'", name)
	rows, err := db.Query(q)
	return rows, err
}
