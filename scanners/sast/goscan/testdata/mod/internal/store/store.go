// Package store builds SQL the wrong way: it is a gosec fixture.
package store

import (
	"database/sql"
	"fmt"
	"os"
)

// dbPassword is an obviously fake credential for the G101 rule.
const dbPassword = "fixture-not-a-real-password-0000"

// Find formats a query.
func Find(db *sql.DB, name string) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT * FROM users WHERE name = %s", name))
}

// FindConcat concatenates a query.
func FindConcat(db *sql.DB, name string) (*sql.Rows, error) {
	return db.Query("SELECT * FROM users WHERE name = '" + name + "'")
}

// Files writes with loose permissions.
func Files(dir string) {
	_ = os.MkdirAll(dir, 0o777)
	_ = os.WriteFile(dir+"/a", []byte("x"), 0o666)
	f, _ := os.OpenFile(dir+"/b", os.O_CREATE|os.O_WRONLY, 0o666)
	_ = f.Chmod(0o777)
	_ = os.Chmod(dir+"/c", 0o777)
	os.Remove(dir + "/d")
	_ = os.WriteFile("/tmp/fixture-demo", []byte("x"), 0o600)
}

// Narrow converts without a bound check.
func Narrow(n int) int8 { return int8(n) }

// Login uses the fake credential.
func Login() string { return dbPassword }

// Suppressed holds findings silenced inline.
func Suppressed(db *sql.DB, name string) {
	_, _ = db.Query("SELECT 1 FROM t WHERE n = '" + name + "'") // #nosec G202 -- the fixture's justified suppression
	os.Remove(name)                                             // #nosec
	_ = os.Chmod(name, 0o777)                                   /* #nosec G302 */
	//gosec:disable G104 -- directive form
	os.Remove(name + ".bak")
}
