package neg

import "database/sql"

// usersTable is a constant, so concatenating it is not an injection.
const usersTable = "users"

// ByID concatenates constants only and passes the value as a parameter.
func ByID(db *sql.DB, id string) (*sql.Rows, error) {
	rows, err := db.Query("SELECT * FROM "+usersTable+" WHERE id = $1", id)
	return rows, err
}
