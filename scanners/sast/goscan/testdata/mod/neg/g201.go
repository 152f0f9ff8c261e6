package neg

import (
	"database/sql"
	"fmt"
)

// ByName passes the value as a parameter.
func ByName(db *sql.DB, name string) (*sql.Rows, error) {
	q := "SELECT * FROM users WHERE name = $1"
	rows, err := db.Query(q, name)
	return rows, err
}

// FirstN formats only an integer into the query.
func FirstN(db *sql.DB, n int) (*sql.Rows, error) {
	q := fmt.Sprintf("SELECT * FROM users LIMIT %d", n)
	rows, err := db.Query(q)
	return rows, err
}
