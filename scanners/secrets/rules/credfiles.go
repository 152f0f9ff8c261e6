package rules

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/redact"
	"github.com/bulwark-sec/bulwark/internal/textscan"
)

// Credential files: stores whose format says where the password is, so a
// value there is a credential whatever it looks like.
var (
	gitCredRule = Rule{ID: "secrets.git_credentials", Title: "Password in a git credential store",
		Description: "A line of a .git-credentials file (git's credential.helper store): https://user:password@host. " +
			"The password or token pushes to and pulls from every repository of that account.", Severity: High}
	netrcRule = Rule{ID: "secrets.netrc_password", Title: "Password in a .netrc file",
		Description: "The value after `password` in a .netrc/_netrc file, which curl, ftp, git and pip send to that machine.", Severity: High}
	pgpassRule = Rule{ID: "secrets.pgpass_password", Title: "Password in a PostgreSQL .pgpass file",
		Description: "The fifth field of a .pgpass line (hostname:port:database:username:password), which libpq sends to the server.", Severity: High}
	uriRule = Rule{ID: "secrets.uri_password", Title: "Password embedded in a connection URI",
		Description: "A database, message-broker, mail or FTP URI with a password in its user part " +
			"(postgres://user:password@host, mongodb+srv://…, jdbc:mysql://…, amqp://…, smtp://…), " +
			"not a placeholder or a ${VARIABLE}.", Severity: High}
)

// credFileRules are the rules of this file, for the catalogue.
var credFileRules = []Rule{gitCredRule, netrcRule, pgpassRule, uriRule}

// uriSchemes are the schemes whose user part is a service credential. Web
// schemes are left out: http://user:pass@ in documentation is rarely one.
var uriSchemes = map[string]string{
	"postgres": "PostgreSQL", "postgresql": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB",
	"mongodb": "MongoDB", "mongodb+srv": "MongoDB", "redis": "Redis", "rediss": "Redis",
	"amqp": "AMQP", "amqps": "AMQP", "mssql": "SQL Server", "sqlserver": "SQL Server",
	"clickhouse": "ClickHouse", "couchdb": "CouchDB", "cassandra": "Cassandra", "nats": "NATS",
	"ftp": "FTP", "ftps": "FTP", "sftp": "SFTP", "smtp": "SMTP", "smtps": "SMTP",
	"imap": "IMAP", "imaps": "IMAP", "ldap": "LDAP", "ldaps": "LDAP",
}

// credFiles runs the credential-file detectors that path's name selects.
func credFiles(p string, data []byte) []Match {
	switch base := strings.ToLower(path.Base(p)); base {
	case ".git-credentials", "git-credentials":
		return gitCredentials(data)
	case ".netrc", "_netrc":
		return netrcPasswords(data)
	case ".pgpass", "pgpass.conf":
		return pgpassPasswords(data)
	}
	out := append(append(keyValues(p, data), dockerAuths(p, data)...), frameworkKeys(p, data)...)
	slices.SortFunc(out, func(a, b Match) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// lines calls fn with each line's start and end (without the newline).
func lines(data []byte, fn func(s, e int)) {
	for s := 0; s < len(data); {
		e := bytes.IndexByte(data[s:], '\n')
		if e < 0 {
			e = len(data)
		} else {
			e += s
		}
		le := e
		if le > s && data[le-1] == '\r' {
			le--
		}
		fn(s, le)
		s = e + 1
	}
}

// credential reports whether a value in a credential file is a real one:
// not empty, not a placeholder or reference, at least 4 characters.
func credential(v []byte) bool {
	return len(bytes.TrimSpace(v)) >= 4 && !redact.IsPlaceholder(string(v))
}

func gitCredentials(data []byte) []Match {
	var out []Match
	lines(data, func(s, e int) {
		line := data[s:e]
		i := bytes.Index(line, []byte("://"))
		if i < 0 {
			return
		}
		if m, ok := userinfoPassword(data, s+i+3, e); ok {
			m.Rule, m.Title, m.Severity = gitCredRule.ID, gitCredRule.Title, gitCredRule.Severity
			m.Evidence = fmt.Sprintf("%s URL with a password in a git credential store", strings.ToLower(string(line[:i])))
			out = append(out, m)
		}
	})
	return out
}

// defaultPasswords are the stock passwords of documentation and local
// services (RabbitMQ's guest, Postgres images' postgres, Java's changeit):
// a URI with one, or with the user name as password, is an example.
var defaultPasswords = map[string]bool{
	"pass": true, "passwd": true, "pwd": true, "pw": true, "mypass": true, "mypassword": true, "pass123": true,
	"password1": true, "password123": true, "secret": true, "guest": true, "admin": true, "root": true,
	"postgres": true, "mysql": true, "changeit": true, "foobar": true, "123456": true, "12345678": true,
	"qwerty": true, "letmein": true, "s3cret": true, "hunter2": true,
}

// stockWords reports a password spelled from the word "password" itself
// (ldap-pwd, db_pass, passwd1).
func stockWords(lower string) bool {
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !isAlnum(r) }) {
		switch strings.TrimRight(w, "0123456789") {
		case "pass", "pwd", "passwd", "password", "pw":
			return true
		}
	}
	return false
}

// userinfoPassword finds user:password@ starting at from (just past
// "://"), before the end of the authority (/, whitespace, a quote) and e.
func userinfoPassword(data []byte, from, e int) (Match, bool) {
	at, colon := -1, -1
	for j := from; j < e; j++ {
		c := data[j]
		if c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '`' || c == '<' || c == '>' {
			break
		}
		if c == ':' && colon < 0 {
			colon = j
		}
		if c == '@' {
			at = j // the last @ ends the user part (a password may hold @)
		}
	}
	if colon < 0 || at < 0 || colon > at || colon == from {
		return Match{}, false
	}
	pw := data[colon+1 : at]
	lower := strings.ToLower(string(pw))
	if !credential(pw) || defaultPasswords[lower] || strings.EqualFold(string(data[from:colon]), string(pw)) ||
		bytes.ContainsAny(data[from:at], "[]") || stockWords(lower) {
		return Match{}, false // brackets: the syntax of a manual page, not a URI
	}
	return Match{Start: colon + 1, End: at}, true
}

func netrcPasswords(data []byte) []Match {
	var out []Match
	want := false
	for i := 0; i < len(data); {
		for i < len(data) && isSpace(data[i]) {
			i++
		}
		if i < len(data) && data[i] == '#' { // a comment runs to the end of the line
			for i < len(data) && data[i] != '\n' {
				i++
			}
			continue
		}
		s := i
		for i < len(data) && !isSpace(data[i]) {
			i++
		}
		if s == i {
			break
		}
		tok := data[s:i]
		if want {
			want = false
			if credential(tok) {
				out = append(out, Match{Rule: netrcRule.ID, Title: netrcRule.Title, Severity: netrcRule.Severity,
					Start: s, End: i, Evidence: "the value after `password` in a netrc file"})
			}
			continue
		}
		want = string(tok) == "password"
	}
	return out
}

// isExamplePath reports test, example and documentation files.
func isExamplePath(p string) bool {
	l := "/" + strings.ToLower(strings.ReplaceAll(p, "\\", "/"))
	base := path.Base(l)
	for _, d := range []string{"/test/", "/tests/", "/testdata/", "/testutils/", "/fixtures/", "/examples/", "/example/", "/_examples/", "/docs/", "/doc/"} {
		if strings.Contains(l, d) {
			return true
		}
	}
	return strings.HasSuffix(base, "_test.go") || strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") ||
		strings.HasSuffix(base, ".md") || strings.HasSuffix(base, ".rst") || base == "doc.go"
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func pgpassPasswords(data []byte) []Match {
	var out []Match
	lines(data, func(s, e int) {
		if s == e || data[s] == '#' {
			return
		}
		fields, start := 0, s
		for j := s; j < e; j++ {
			if data[j] == '\\' {
				j++ // \: and \\ are literal
				continue
			}
			if data[j] == ':' {
				fields++
				start = j + 1
				if fields == 4 {
					break
				}
			}
		}
		if fields == 4 && credential(data[start:e]) {
			out = append(out, Match{Rule: pgpassRule.ID, Title: pgpassRule.Title, Severity: pgpassRule.Severity,
				Start: start, End: e, Evidence: "the password field of a .pgpass line (host:port:database:user:password)"})
		}
	})
	return out
}

// uriPasswords finds scheme://user:password@ for the schemes in uriSchemes
// (and jdbc:<scheme>://) anywhere in data. In test, example and
// documentation files it is medium: usually a local service's login,
// still a password someone may reuse.
func uriPasswords(p string, data []byte) []Match {
	exampleContext := isExamplePath(p)
	var out []Match
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte("://"))
		if i < 0 {
			return out
		}
		i += off
		off = i + 3
		s := i
		for s > 0 && (isAlnum(rune(data[s-1])) || data[s-1] == '+' || data[s-1] == '.' || data[s-1] == '-') {
			s--
		}
		scheme := strings.ToLower(string(data[s:i]))
		name, ok := uriSchemes[scheme]
		if !ok {
			continue
		}
		e := bytes.IndexByte(data[off:], '\n')
		if e < 0 {
			e = len(data)
		} else {
			e += off
		}
		m, ok := userinfoPassword(data, off, e)
		if !ok || bytes.Contains(data[m.Start:m.End], []byte("${")) {
			continue
		}
		jdbc := ""
		if s >= 5 && strings.EqualFold(string(data[s-5:s]), "jdbc:") {
			jdbc = "JDBC "
		}
		m.Rule, m.Title, m.Severity = uriRule.ID, uriRule.Title, uriRule.Severity
		m.Evidence = fmt.Sprintf("%s%s connection URI (%s://) with a password in its user part", jdbc, name, scheme)
		if exampleContext {
			m.Severity = Medium
			m.Evidence += "; in test, example or documentation code, so medium"
		}
		out = append(out, m)
		off = m.End
	}
}

// Key = value credential files.
var (
	awsINIRule = Rule{ID: "secrets.aws_credentials_file", Title: "AWS secret key in a credentials file",
		Description: "aws_secret_access_key (or aws_session_token) in an AWS shared credentials or config file, " +
			"whatever the key's format: trufflehog's AWS detector needs AWS's own format, and keys of other " +
			"S3-compatible services sit in the same file.", Severity: High}
	npmrcRule = Rule{ID: "secrets.npmrc_token", Title: "Registry credential in an .npmrc file",
		Description: "An _authToken, _auth or _password in .npmrc, which npm and yarn send to the registry: " +
			"it publishes packages as that user.", Severity: High}
	pypircRule = Rule{ID: "secrets.pypirc_password", Title: "Password in a .pypirc file",
		Description: "The password of a package index in .pypirc, which twine uploads with.", Severity: High}
	dockerAuthRule = Rule{ID: "secrets.docker_auth", Title: "Registry login in a Docker config",
		Description: "An \"auth\" entry of a Docker config.json or .dockercfg: base64 of user:password for a " +
			"container registry (checked to decode to user:password).", Severity: High}
)

func init() {
	credFileRules = append(credFileRules, awsINIRule, npmrcRule, pypircRule, dockerAuthRule)
}

// keyValueFiles are the key = value stores: the file's name, the keys
// that hold a credential (lower case), and the rule.
func keyValueFile(p string) (map[string]bool, Rule, bool) {
	base := strings.ToLower(path.Base(p))
	dir := strings.ToLower(path.Base(path.Dir(p)))
	switch {
	case dir == ".aws" && (base == "credentials" || base == "config"), base == "aws_credentials":
		return map[string]bool{"aws_secret_access_key": true, "aws_session_token": true}, awsINIRule, true
	case base == ".npmrc" || base == "npmrc":
		return map[string]bool{"_authtoken": true, "_auth": true, "_password": true}, npmrcRule, true
	case base == ".pypirc":
		return map[string]bool{"password": true}, pypircRule, true
	}
	return nil, Rule{}, false
}

// keyValues reads key = value (or key: value) lines; npm's scoped keys
// (//registry.npmjs.org/:_authToken=…) match by their last segment.
func keyValues(p string, data []byte) []Match {
	keys, rule, ok := keyValueFile(p)
	if !ok {
		return nil
	}
	var out []Match
	lines(data, func(s, e int) {
		line := data[s:e]
		t := bytes.TrimLeft(line, " \t")
		if len(t) == 0 || t[0] == '#' || t[0] == ';' || t[0] == '[' {
			return
		}
		eq := bytes.IndexAny(line, "=:")
		if rule.ID == npmrcRule.ID {
			eq = bytes.IndexByte(line, '=') // npm keys hold colons (//host/:_authToken)
		}
		if eq < 0 {
			return
		}
		key := strings.ToLower(strings.TrimSpace(string(line[:eq])))
		if i := strings.LastIndexByte(key, ':'); i >= 0 {
			key = key[i+1:]
		}
		if !keys[key] {
			return
		}
		vs := s + eq + 1
		for vs < e && (data[vs] == ' ' || data[vs] == '\t') {
			vs++
		}
		ve := e
		for ve > vs && (data[ve-1] == ' ' || data[ve-1] == '\t') {
			ve--
		}
		if ve-vs >= 2 && (data[vs] == '"' && data[ve-1] == '"' || data[vs] == '\'' && data[ve-1] == '\'') {
			vs, ve = vs+1, ve-1
		}
		if vs >= ve || !credential(data[vs:ve]) {
			return
		}
		out = append(out, Match{Rule: rule.ID, Title: rule.Title, Severity: rule.Severity, Start: vs, End: ve,
			Evidence: fmt.Sprintf("%s in %s", key, path.Base(p))})
	})
	return out
}

// dockerAuths finds "auth": "<base64 of user:password>" in a Docker config.
func dockerAuths(p string, data []byte) []Match {
	base := strings.ToLower(path.Base(p))
	if base != ".dockercfg" && !(base == "config.json" && strings.EqualFold(path.Base(path.Dir(p)), ".docker")) {
		return nil
	}
	var out []Match
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte(`"auth"`))
		if i < 0 {
			return out
		}
		i += off
		off = i + 6
		j := skipSpace(data, off)
		if j >= len(data) || data[j] != ':' {
			continue
		}
		j = skipSpace(data, j+1)
		if j >= len(data) || data[j] != '"' {
			continue
		}
		vs := j + 1
		ve := bytes.IndexByte(data[vs:], '"')
		if ve < 0 {
			return out
		}
		ve += vs
		dec, err := base64.StdEncoding.DecodeString(string(data[vs:ve]))
		user, pw, ok := strings.Cut(string(dec), ":")
		if err != nil || !ok || user == "" || !credential([]byte(pw)) {
			continue
		}
		out = append(out, Match{Rule: dockerAuthRule.ID, Title: dockerAuthRule.Title, Severity: dockerAuthRule.Severity,
			Start: vs, End: ve, Evidence: "an auth entry that decodes to user:password in a Docker config"})
		off = ve
	}
}

// Framework keys and password hashes.
var (
	railsKeyRule = Rule{ID: "secrets.rails_master_key", Title: "Rails master key",
		Description: "config/master.key (or config/credentials/<env>.key): 32 hex digits that decrypt the app's " +
			"credentials.yml.enc, and with it every secret the app holds.", Severity: High}
	appKeyRule = Rule{ID: "secrets.framework_secret_key", Title: "Web framework secret key",
		Description: "Django's SECRET_KEY in a settings module, Laravel's APP_KEY (base64:…), Rails' " +
			"secret_key_base, or WordPress's DB_PASSWORD and authentication keys and salts in wp-config.php: " +
			"keys that sign sessions and tokens (whoever has one can forge a login) and the site's database password.", Severity: High}
	hashFileRule = Rule{ID: "secrets.password_hash_file", Title: "Password hashes in an htpasswd or shadow file",
		Description: "A user:hash line of an htpasswd or shadow file (crypt $1$/$5$/$6$/$y$, bcrypt $2*$, " +
			"Apache $apr1$, {SHA}): hashes that can be cracked offline, and often are.", Severity: Medium}
)

func init() {
	credFileRules = append(credFileRules, railsKeyRule, appKeyRule, hashFileRule)
}

// frameworkKeys runs the framework-key and hash-file detectors path selects.
func frameworkKeys(p string, data []byte) []Match {
	base := strings.ToLower(path.Base(p))
	dir := strings.ToLower(path.Dir(p))
	switch {
	case base == "master.key" || strings.HasSuffix(dir, "config/credentials") && strings.HasSuffix(base, ".key"):
		v := bytes.TrimSpace(data)
		if len(v) == 32 && isHex(v) {
			s := bytes.Index(data, v)
			return []Match{{Rule: railsKeyRule.ID, Title: railsKeyRule.Title, Severity: railsKeyRule.Severity, Start: s, End: s + 32,
				Evidence: "32 hex digits in a Rails key file"}}
		}
	case base == ".htpasswd" || base == "htpasswd" || base == "shadow" || base == "shadow-":
		return hashLines(data)
	case base == "settings.py" || strings.HasPrefix(dir+"/", "settings/") || strings.Contains(dir+"/", "/settings/"):
		return assignedKey(data, "SECRET_KEY", "Django SECRET_KEY in a settings module")
	case isEnvFile(p):
		return assignedKey(data, "APP_KEY", "Laravel APP_KEY in an env file")
	case base == "secrets.yml" || base == "secrets.yaml":
		return assignedKey(data, "secret_key_base", "Rails secret_key_base")
	case base == "wp-config.php":
		return wordpressDefines(data)
	case strings.HasSuffix(base, ".ppk"):
		return puttyKeys(data)
	}
	return nil
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !textscan.IsHex(c) {
			return false
		}
	}
	return true
}

// assignedKey finds NAME = "value", NAME: value or NAME=value at the start
// of a line, with a value that is a real key (16+ characters, not a
// placeholder, not a reference).
func assignedKey(data []byte, name, why string) []Match {
	var out []Match
	lines(data, func(s, e int) {
		line := data[s:e]
		t := bytes.TrimLeft(line, " \t")
		if !bytes.HasPrefix(t, []byte(name)) {
			return
		}
		rest := t[len(name):]
		i := 0
		for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
			i++
		}
		if i >= len(rest) || rest[i] != '=' && rest[i] != ':' {
			return
		}
		i++
		for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
			i++
		}
		vs := s + (len(line) - len(t)) + len(name) + i
		ve := e
		if vs < ve && (data[vs] == '"' || data[vs] == '\'') {
			q := data[vs]
			end := bytes.IndexByte(data[vs+1:e], q)
			if end < 0 {
				return
			}
			vs, ve = vs+1, vs+1+end
		} else {
			for j := vs; j < ve; j++ {
				if data[j] == ' ' || data[j] == '\t' || data[j] == '#' {
					ve = j
					break
				}
			}
		}
		v := data[vs:ve]
		if len(v) < 16 || redact.IsPlaceholder(string(v)) || bytes.ContainsAny(v, "(){}") {
			return // os.environ[...], get_random_secret_key(), ${APP_KEY}
		}
		out = append(out, Match{Rule: appKeyRule.ID, Title: appKeyRule.Title, Severity: appKeyRule.Severity, Start: vs, End: ve, Evidence: why})
	})
	return out
}

// hashPrefixes start the password hashes of htpasswd and shadow files.
var hashPrefixes = []string{"$1$", "$5$", "$6$", "$y$", "$2a$", "$2b$", "$2y$", "$apr1$", "{SHA}", "$argon2"}

func hashLines(data []byte) []Match {
	var out []Match
	lines(data, func(s, e int) {
		c := bytes.IndexByte(data[s:e], ':')
		if c <= 0 {
			return
		}
		vs := s + c + 1
		ve := vs
		for ve < e && data[ve] != ':' {
			ve++
		}
		h := string(data[vs:ve])
		for _, p := range hashPrefixes {
			if strings.HasPrefix(h, p) && len(h) > len(p)+8 {
				out = append(out, Match{Rule: hashFileRule.ID, Title: hashFileRule.Title, Severity: hashFileRule.Severity,
					Start: vs, End: ve, Evidence: fmt.Sprintf("a %s password hash for a user of the file", strings.Trim(p, "$"))})
				return
			}
		}
	})
	return out
}

// wpKeys are the wp-config.php constants that hold secrets: the database
// password and the eight authentication keys and salts.
var wpKeys = map[string]bool{
	"DB_PASSWORD": true, "AUTH_KEY": true, "SECURE_AUTH_KEY": true, "LOGGED_IN_KEY": true, "NONCE_KEY": true,
	"AUTH_SALT": true, "SECURE_AUTH_SALT": true, "LOGGED_IN_SALT": true, "NONCE_SALT": true,
}

// wordpressDefines finds define('NAME', 'value') of wpKeys in wp-config.php.
func wordpressDefines(data []byte) []Match {
	var out []Match
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte("define"))
		if i < 0 {
			return out
		}
		i += off
		off = i + 6
		j := skipSpace(data, off)
		if j >= len(data) || data[j] != '(' {
			continue
		}
		name, j, ok := phpString(data, skipSpace(data, j+1))
		if !ok || !wpKeys[name] {
			continue
		}
		j = skipSpace(data, j)
		if j >= len(data) || data[j] != ',' {
			continue
		}
		vs := skipSpace(data, j+1)
		val, ve, ok := phpString(data, vs)
		if !ok || !credential([]byte(val)) || strings.Contains(strings.ToLower(val), "put your unique phrase here") {
			continue
		}
		out = append(out, Match{Rule: appKeyRule.ID, Title: appKeyRule.Title, Severity: appKeyRule.Severity,
			Start: vs + 1, End: ve - 1, Evidence: "WordPress " + name + " in wp-config.php"})
		off = ve
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// phpString reads a '…' or "…" literal without escapes at i: its text and
// the offset just past the closing quote.
func phpString(data []byte, i int) (string, int, bool) {
	if i >= len(data) || data[i] != '\'' && data[i] != '"' {
		return "", i, false
	}
	e := bytes.IndexByte(data[i+1:], data[i])
	if e < 0 || bytes.IndexByte(data[i+1:i+1+e], '\n') >= 0 || bytes.IndexByte(data[i+1:i+1+e], '\\') >= 0 {
		return "", i, false
	}
	return string(data[i+1 : i+1+e]), i + 2 + e, true
}

var ppkRule = Rule{ID: "secrets.putty_private_key", Title: "Unencrypted PuTTY private key",
	Description: "A PuTTY .ppk key file (PuTTY-User-Key-File-2 or -3) with `Encryption: none`: the private " +
		"lines log in as its owner to every host that trusts the key.", Severity: High}

func init() { credFileRules = append(credFileRules, ppkRule) }

// puttyKeys finds the Private-Lines block of an unencrypted .ppk key.
func puttyKeys(data []byte) []Match {
	if !bytes.HasPrefix(data, []byte("PuTTY-User-Key-File-")) {
		return nil
	}
	var encrypted bool
	var out []Match
	lines(data, func(s, e int) {
		line := string(data[s:e])
		if v, ok := strings.CutPrefix(line, "Encryption:"); ok {
			encrypted = strings.TrimSpace(v) != "none"
		}
		if strings.HasPrefix(line, "Private-Lines:") && !encrypted && len(out) == 0 {
			vs := e + 1
			if vs >= len(data) {
				return
			}
			ve := bytes.Index(data[vs:], []byte("\nPrivate-MAC:"))
			if ve < 0 {
				ve = len(data) - vs
			}
			if ve > 16 {
				out = append(out, Match{Rule: ppkRule.ID, Title: ppkRule.Title, Severity: ppkRule.Severity,
					Start: vs, End: vs + ve, Evidence: "the private lines of a PuTTY key with Encryption: none"})
			}
		}
	})
	return out
}
