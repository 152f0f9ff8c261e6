package neg

import "encoding/json"

// Account keeps its secret out of JSON.
type Account struct {
	User     string `json:"user"`
	Password string `json:"-"`
}

// DumpAccount marshals the account without the secret.
func DumpAccount(a Account) ([]byte, error) { return json.Marshal(a) }
