package envfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// EncryptedPrefix marks a value the deployment decrypts at start-up (seed 4.3).
const EncryptedPrefix = "encrypted:"

var (
	secretKeyRe   = regexp.MustCompile(`(?i)(^|_)(API_KEY|API_SECRET|SECRET|SECRET_KEY|PASSPHRASE|PRIVATE_KEY)$`)
	passwordKeyRe = regexp.MustCompile(`(?i)(^|_)(PASSWORD|PASSWD|PASS)$`)
	userKeyRe     = regexp.MustCompile(`(?i)^(.*_)?(USER|USERNAME|LOGIN)$`)
	debugKeyRe    = regexp.MustCompile(`(?i)^(DEBUG|DEBUG_MODE|FLASK_DEBUG|DJANGO_DEBUG|[A-Z0-9]+_DEBUG)$`)
	hashKeyRe     = regexp.MustCompile(`(?i)^(PASSWORD_HASH\w*|PASSWORD_HASHER|HASH_ALGORITHM|AUTH_HASH\w*|PASSWORD_ALGORITHM)$`)
	hex64Re       = regexp.MustCompile(`^(0x)?[0-9a-fA-F]{64}$`)
)

// Check applies every .env rule to one file. mode is the file's permission
// bits; production turns on the production-only rules.
func Check(path string, data []byte, mode fs.FileMode, production bool) []finding.Finding {
	var out []finding.Finding
	add := func(rule string, sev finding.Severity, line int, title, msg, identity string, detail map[string]any) {
		out = append(out, finding.Finding{RuleID: rule, Severity: sev, Title: title, Message: msg,
			Location: finding.Location{Path: path, StartLine: line, EndLine: line}, Identity: identity, Detail: detail})
	}
	if perm := mode.Perm(); perm&0o077 != 0 {
		add("env.permissions", finding.High, 0, "Environment file readable by others",
			fmt.Sprintf("%s has mode %04o: other users on the host can read its credentials; run chmod 600 %s", path, perm, path),
			"permissions", map[string]any{"deployed": fmt.Sprintf("%04o", perm), "limit": "0600", "fix": "chmod 600 " + path})
	}
	f, err := Parse(data)
	if err != nil {
		line := 0
		var pe *ParseError
		if errors.As(err, &pe) {
			line = pe.Line
		}
		add("env.parse_error", finding.Medium, line, "Environment file cannot be parsed",
			fmt.Sprintf("%s: %v; its credentials and settings were not checked", path, err), "parse",
			map[string]any{"fix": "fix the dotenv syntax"})
		return out
	}
	for _, e := range f.Entries {
		switch {
		case secretKeyRe.MatchString(e.Key):
			out = append(out, secretFinding(path, e)...)
		case hashKeyRe.MatchString(e.Key):
			if weak, why := WeakHashScheme(e.Value); weak {
				add("env.weak_password_hash", finding.High, e.Line, "Weak password hashing",
					fmt.Sprintf("%s=%s: %s; hash passwords with argon2id, bcrypt or scrypt", e.Key, e.Value, why), e.Key,
					map[string]any{"deployed": e.Value, "limit": "argon2id, bcrypt or scrypt", "fix": "switch the hasher to argon2id (or bcrypt/scrypt) with a per-password salt"})
			}
		case production && debugKeyRe.MatchString(e.Key) && truthy(e.Value):
			add("env.debug_enabled", finding.High, e.Line, "Debug mode on in production",
				fmt.Sprintf("%s=%s in a production environment: debug mode leaks stack traces and internals; set %s=false", e.Key, e.Value, e.Key), e.Key,
				map[string]any{"deployed": e.Value, "limit": "false", "fix": "set " + e.Key + "=false"})
		}
	}
	if production {
		out = append(out, passwordFindings(path, f)...)
	}
	return out
}

// secretFinding reports a credential that is not `encrypted:`. The value is
// shown only as a 4-character preview, and not at all for a private key.
func secretFinding(path string, e Entry) []finding.Finding {
	v := strings.TrimSpace(e.Value)
	if v == "" || strings.HasPrefix(v, EncryptedPrefix) {
		return nil
	}
	loc := finding.Location{Path: path, StartLine: e.Line, EndLine: e.Line}
	id := e.Key + " " + hashValue(v)
	if Placeholder(v) {
		return []finding.Finding{{RuleID: "env.placeholder_secret", Severity: finding.Info, Title: "Placeholder credential",
			Message:  fmt.Sprintf("%s holds a placeholder, not a credential; make sure the deployed file sets a real, encrypted: value", e.Key),
			Location: loc, Identity: id, Detail: map[string]any{"deployed": "placeholder", "limit": EncryptedPrefix + "…", "fix": "set the real value with the encrypted: prefix"}}}
	}
	sev, kind, preview := finding.High, "credential", Preview(v)
	if hex64Re.MatchString(v) {
		sev, kind, preview = finding.Critical, "private key", ""
	}
	detail := map[string]any{"deployed": "plaintext " + kind, "limit": EncryptedPrefix + "…", "fix": "store it as " + e.Key + "=" + EncryptedPrefix + "<ciphertext> and rotate the exposed value"}
	if preview != "" {
		detail["preview"] = preview
	}
	return []finding.Finding{{RuleID: "env.unencrypted_secret", Severity: sev, Title: "Unencrypted " + kind + " in environment file",
		Message:  fmt.Sprintf("%s is a plaintext %s; the seed requires the encrypted: prefix for exchange keys and secrets; encrypt it and rotate it", e.Key, kind),
		Location: loc, Identity: id, Detail: detail}}
}

// passwordFindings: in production a password must be set and non-empty. An
// assignment with an empty value is a finding; so is a service that has a
// user name (POSTGRES_USERNAME) but no password at all (no POSTGRES_PASSWORD
// and no POSTGRES_PASS) in the same file.
func passwordFindings(path string, f *File) []finding.Finding {
	var out []finding.Finding
	have := map[string]bool{}
	for _, e := range f.Entries {
		if m := passwordKeyRe.FindStringSubmatchIndex(e.Key); m != nil {
			have[strings.ToUpper(strings.TrimSuffix(e.Key[:m[0]], "_"))] = true
			if strings.TrimSpace(e.Value) == "" {
				out = append(out, finding.Finding{RuleID: "env.password_missing", Severity: finding.High, Title: "Empty password in production",
					Message:  fmt.Sprintf("%s is empty in a production environment; the seed refuses empty passwords in production; set it (encrypted:)", e.Key),
					Location: finding.Location{Path: path, StartLine: e.Line, EndLine: e.Line}, Identity: e.Key,
					Detail: map[string]any{"deployed": "empty", "limit": "set and non-empty", "fix": "set " + e.Key + " to an encrypted: value"}})
			}
		}
	}
	for _, e := range f.Entries {
		m := userKeyRe.FindStringSubmatch(e.Key)
		if m == nil || have[strings.ToUpper(strings.TrimSuffix(m[1], "_"))] {
			continue
		}
		want := m[1] + "PASSWORD"
		out = append(out, finding.Finding{RuleID: "env.password_missing", Severity: finding.High, Title: "No password for a configured user",
			Message:  fmt.Sprintf("%s is set but %s is not, in a production environment; set %s (encrypted:)", e.Key, want, want),
			Location: finding.Location{Path: path, StartLine: e.Line, EndLine: e.Line}, Identity: want,
			Detail: map[string]any{"deployed": "absent", "limit": "set and non-empty", "fix": "add " + want + "=" + EncryptedPrefix + "…"}})
		have[strings.ToUpper(strings.TrimSuffix(m[1], "_"))] = true
	}
	return out
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on", "y", "t":
		return true
	}
	return false
}

var placeholderRe = regexp.MustCompile(`(?i)^(changeme|change[-_]?me|todo|tbd|placeholder|example|dummy|secret|password|none|null|nil|xxx+|your[-_ ].*|.*[-_]here|<[^>]*>|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*)$`)

// Placeholder reports a value that only stands in for a credential.
func Placeholder(v string) bool {
	if placeholderRe.MatchString(v) {
		return true
	}
	for i := 1; i < len(v); i++ {
		if v[i] != v[0] {
			return false
		}
	}
	return true // one character repeated: "xxxxxxxx", "00000000"
}

// Preview is at most the first 4 characters of a value, for a person to
// recognise which credential leaked without seeing it.
func Preview(v string) string {
	r := []rune(v)
	if len(r) <= 8 {
		return "…"
	}
	return string(r[:4]) + "…"
}

func hashValue(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:8])
}

// WeakHashScheme reports whether a declared password hashing scheme is weaker
// than bcrypt, scrypt or argon2 (the seed's auth hashes with unsalted SHA-256).
// Unknown names are not judged.
func WeakHashScheme(value string) (bool, string) {
	v := strings.ToLower(strings.TrimSpace(value))
	switch {
	case v == "":
		return false, ""
	case strings.Contains(v, "argon2"), strings.Contains(v, "bcrypt"), strings.Contains(v, "scrypt"):
		return false, ""
	case strings.Contains(v, "pbkdf2"):
		if n := iterations(v); n >= 600000 {
			return false, ""
		}
		return true, "PBKDF2 below OWASP's 600,000 iterations (or with none given) is weaker than argon2id, bcrypt or scrypt"
	case strings.Contains(v, "sha"), strings.Contains(v, "md5"), strings.Contains(v, "md4"), strings.Contains(v, "crc"):
		return true, v + " is a fast hash: GPUs try billions of guesses a second against it"
	case v == "plain" || v == "plaintext" || v == "none" || v == "clear":
		return true, "passwords stored in plain text"
	}
	return false, ""
}

var iterRe = regexp.MustCompile(`([0-9][0-9_,]*)`)

func iterations(v string) int {
	n := 0
	for _, m := range iterRe.FindAllString(v, -1) {
		var x int
		_, _ = fmt.Sscan(strings.NewReplacer("_", "", ",", "").Replace(m), &x)
		if x > n {
			n = x
		}
	}
	return n
}
