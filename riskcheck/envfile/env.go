package envfile

import "strings"

// envKeys are the variables that name the deployment environment, in the
// order they are consulted.
var envKeys = []string{"ENVIRONMENT", "APP_ENV", "ENV", "JESSE_ENV", "DEPLOY_ENV", "DEPLOYMENT_ENV",
	"STAGE", "APP_STAGE", "NODE_ENV", "FLASK_ENV", "RAILS_ENV", "PYTHON_ENV", "GO_ENV"}

// Environment returns the deployment environment the file declares (the
// last assignment of the first of envKeys that is set), normalised to
// "production", "staging" or "development" for the common aliases and
// lower-cased otherwise. A variable reference (${ENV}) declares nothing.
func Environment(f *File) (string, bool) {
	if f == nil {
		return "", false
	}
	for _, k := range envKeys {
		e, ok := f.Get(k)
		v := strings.ToLower(strings.TrimSpace(e.Value))
		if !ok || v == "" || strings.Contains(v, "$") {
			continue
		}
		switch v {
		case "prod", "production", "live", "prd", "mainnet":
			return "production", true
		case "stage", "staging", "stg", "preprod", "pre-production", "testnet":
			return "staging", true
		case "dev", "develop", "development", "local", "test", "testing", "ci":
			return "development", true
		}
		return v, true
	}
	return "", false
}
