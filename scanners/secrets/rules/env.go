package rules

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/bulwark-sec/bulwark/riskcheck/envfile"
)

var envRule = Rule{
	ID:    "secrets.env_plaintext_key",
	Title: "Plaintext credential in an env file",
	Description: "In an env file (.env, *.env, .env.*; templates such as .env.example are left to the format-based rules), " +
		"a variable named *_API_KEY, *_API_SECRET, *_PRIVATE_KEY, *_SECRET_KEY or *_PASSPHRASE with a value that is " +
		"neither encrypted: nor a placeholder. Where a more specific rule (an exchange format, an EVM key) matches the " +
		"same value, only that one is reported.",
	Severity: High,
}

// envSuffixes end (after "_") or make up the names of credential variables.
var envSuffixes = []string{"API_KEY", "API_SECRET", "PRIVATE_KEY", "SECRET_KEY", "PASSPHRASE"}

// templateParts name a committed template in a dotted file name.
var templateParts = map[string]bool{"example": true, "examples": true, "sample": true, "samples": true,
	"template": true, "templates": true, "tmpl": true, "tpl": true, "dist": true}

// isEnvFile reports a dotenv file that is deployed: .env, prod.env,
// .env.production, but not a template (.env.example, .env.sample,
// .env.template, example.env, .env.local.dist). Templates are committed
// on purpose with stand-in values, and any value in them that is not a
// placeholder is usually a sample; a real key pasted into one is still
// caught by the rules that check its format (EVM key, exchange, Telegram,
// mnemonic), which run on every file.
func isEnvFile(p string) bool {
	base := strings.ToLower(path.Base(p))
	if base != ".env" && !strings.HasSuffix(base, ".env") && !strings.HasPrefix(base, ".env.") {
		return false
	}
	for _, part := range strings.Split(base, ".") {
		if templateParts[part] {
			return false
		}
	}
	return true
}

// envKeys reports credential variables with a plaintext value, read with
// riskcheck's dotenv reader (envfile.Lex: the project has one), which keeps
// each value's byte span and reads every line it can, so one bad line, a NUL
// or invalid UTF-8 does not hide the rest.
func envKeys(data []byte) []Match {
	f, _ := envfile.Lex(data)
	var out []Match
	for _, e := range f.Entries {
		if e.Bare || e.End <= e.Start {
			continue
		}
		suffix := credentialSuffix([]byte(e.Key))
		v := data[e.Start:e.End]
		if suffix == "" || envfile.IsEncrypted(string(v)) || placeholder(string(v)) {
			continue
		}
		out = append(out, Match{Rule: envRule.ID, Title: envRule.Title, Severity: envRule.Severity, Start: e.Start, End: e.End,
			Evidence: fmt.Sprintf("variable %s (*%s) holds a %d-character plaintext value in an env file, without the encrypted: prefix",
				e.Key, suffix, utf8.RuneCount(v))})
	}
	return out
}

// credentialSuffix returns the suffix of envSuffixes that key has, in any
// case, or "".
func credentialSuffix(key []byte) string {
	for _, s := range envSuffixes {
		n := len(key) - len(s)
		if n >= 0 && bytes.EqualFold(key[n:], []byte(s)) && (n == 0 || key[n-1] == '_') {
			return "_" + s
		}
	}
	return ""
}
