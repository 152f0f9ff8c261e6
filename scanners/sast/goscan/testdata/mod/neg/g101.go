package neg

import "os"

// passwordField names a form field; it is not a credential.
const passwordField = "password"

// DBPassword reads the credential from the environment.
func DBPassword() (string, string) {
	dbPassword := os.Getenv("FIXTURE_DB_PASSWORD")
	return passwordField, dbPassword
}
