package envfile

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

var (
	passwordKeyRe = regexp.MustCompile(`(?i)^(?:(.*)_)?(?:PASSWORD|PASSWD|PASS)$`)
	userKeyRe     = regexp.MustCompile(`(?i)^(?:(.*)_)?(?:USER|USERNAME|LOGIN)$`)
	referenceRe   = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)
)

// passwords applies env.password_missing (production only). A password is
// missing when:
//   - it is assigned an empty value (POSTGRES_PASSWORD=);
//   - a service has a user but no password: <P>_USERNAME, <P>_USER or
//     <P>_LOGIN is set and none of <P>_PASSWORD, <P>_PASSWD, <P>_PASS or
//     <P>_PASSWORD_FILE appears, where <P> ends in a service that logs in
//     with a password (see passwordServices; so TELEGRAM_USERNAME does not
//     count) or is empty (USERNAME, LOGIN; a bare USER is the shell's login
//     name and does not count);
//   - another value references it (${DB_PASSWORD}) and the file never
//     assigns it.
//
// A bare `KEY` line (taken from the process environment) counts as present.
func (c *checker) passwords(f *File, last map[string]int) {
	have := map[string]bool{} // upper-cased prefixes that have a password
	for _, e := range f.Entries {
		if m := passwordKeyRe.FindStringSubmatch(e.Key); m != nil {
			have[strings.ToUpper(m[1])] = true
		} else if p, ok := strings.CutSuffix("_"+strings.ToUpper(e.Key), "_PASSWORD_FILE"); ok {
			have[strings.TrimPrefix(p, "_")] = true
		}
	}
	for i, e := range f.Entries {
		if last[e.Key] != i || e.Bare {
			continue
		}
		if passwordKeyRe.MatchString(e.Key) && strings.TrimSpace(e.Value) == "" {
			c.missing(e, e.Key, "empty")
		}
		if m := userKeyRe.FindStringSubmatch(e.Key); m != nil && strings.TrimSpace(e.Value) != "" && !strings.EqualFold(e.Key, "USER") {
			if p := strings.ToUpper(m[1]); !have[p] && passwordService(p) {
				have[p] = true // one finding per service
				c.missing(e, strings.TrimPrefix(p+"_PASSWORD", "_"), "absent")
			}
		}
		for _, m := range referenceRe.FindAllStringSubmatch(e.Value, -1) {
			if _, set := last[m[1]]; !set && passwordKeyRe.MatchString(m[1]) {
				last[m[1]] = -1 // one finding per name
				c.missing(e, m[1], "referenced by "+e.Key+" but never set")
			}
		}
	}
}

// missing reports the password name at the line of entry e.
func (c *checker) missing(e Entry, name, deployed string) {
	fix := "set " + name + " to a strong value, stored as " + EncryptedPrefix + "<ciphertext> or supplied by a secret manager"
	c.add(rulePassword, finding.High, e.Line, e.EndLine, "Password missing in production",
		fmt.Sprintf("%s is %s in a production environment; required is a non-empty password (seed 3.1: no empty passwords in production); fix: %s", name, deployed, fix),
		name, map[string]any{"deployed": deployed, "limit": "set and non-empty", "fix": fix})
}

// passwordServices are the services whose user implies a password.
var passwordServices = map[string]bool{
	"DB": true, "DATABASE": true, "POSTGRES": true, "POSTGRESQL": true, "PG": true, "MYSQL": true, "MARIADB": true,
	"MSSQL": true, "ORACLE": true, "MONGO": true, "MONGODB": true, "REDIS": true, "RABBITMQ": true, "RABBIT": true,
	"AMQP": true, "KAFKA": true, "SASL": true, "BROKER": true, "SMTP": true, "MAIL": true, "EMAIL": true, "IMAP": true,
	"ELASTIC": true, "ELASTICSEARCH": true, "OPENSEARCH": true, "INFLUX": true, "INFLUXDB": true, "CLICKHOUSE": true,
	"LDAP": true, "FTP": true, "SFTP": true, "ADMIN": true, "DASHBOARD": true, "AUTH": true, "BASIC_AUTH": true, "PROXY": true,
}

// passwordService reports whether prefix (upper case) names such a service.
func passwordService(prefix string) bool {
	if prefix == "" || passwordServices[prefix] {
		return true
	}
	i := strings.LastIndexByte(prefix, '_')
	return i >= 0 && passwordServices[prefix[i+1:]]
}
