package redact

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/textscan"
)

// placeholderWords are whole words (between non-alphanumerics) that mark a
// value as a stand-in: "your_api_key", "my-test-secret", "changeme".
var placeholderWords = map[string]bool{
	"your": true, "yours": true, "here": true, "changeme": true, "replaceme": true, "placeholder": true,
	"example": true, "sample": true, "dummy": true, "fake": true, "mock": true, "test": true, "testing": true,
	"todo": true, "tbd": true, "fixme": true, "null": true, "none": true, "nil": true, "empty": true,
	"undefined": true, "redacted": true, "secret": true, "password": true, "xxx": true,
}

// placeholderParts are substrings that mark a stand-in even without word
// boundaries ("YOURAPIKEYHERE", "change-me-please").
var placeholderParts = []string{"changeme", "change-me", "change_me", "replaceme", "replace-me", "replace_me",
	"placeholder", "example", "dummy", "yourapi", "yourkey", "yoursecret", "yourprivate", "yourtoken"}

// refPrefixes start a reference to a value kept elsewhere, not a value.
var refPrefixes = []string{"${", "$(", "{{", "%(", "os.environ", "os.getenv", "getenv(", "process.env", "env(", "env.", "secrets.", "vault:", "ref+"}

// IsPlaceholder reports a value that stands in for a secret rather than
// being one, case-insensitively: a template word (your-api-key-here,
// changeme, replace-me, example, dummy, test, todo, null, none, empty…) as
// the whole value or as one of its words; a reference (${X}, $X, {{ x }},
// <secret>, os.environ[...], os.getenv(...), process.env.X); a run of
// x/X/*/0/./-/_/# making the whole value (after any 0x); one character
// repeated; a value of 16 or more characters with under 5 distinct ones, a
// short pattern repeated (period ≤ 16, "deadbeefdeadbeef…") or an ascending
// run of 8 ("12345678", "abcdefgh"), none of which a random key shows; and
// an empty value. It is the one placeholder check: riskcheck and the secret
// detectors both use it.
func IsPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return true
	}
	l := strings.ToLower(v)
	if l[0] == '<' && l[len(l)-1] == '>' || l[0] == '%' && l[len(l)-1] == '%' || isShellVar(l) {
		return true
	}
	for _, p := range refPrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	for _, p := range placeholderParts {
		if strings.Contains(l, p) {
			return true
		}
	}
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return !isAlnum(r) }) {
		if placeholderWords[w] || len(w) >= 3 && strings.Trim(w, "x") == "" {
			return true
		}
	}
	return lowEntropyShape(strings.TrimPrefix(l, "0x"))
}

// lowEntropyShape reports values made only of filler characters, or with
// too little variety, a short period or an ascending run.
func lowEntropyShape(l string) bool {
	if strings.Trim(l, "x*0.-_#") == "" || strings.Trim(l, l[:1]) == "" {
		return true
	}
	var seen [256]bool
	distinct, run := 0, 1
	for i := 0; i < len(l); i++ {
		if !seen[l[i]] {
			seen[l[i]] = true
			distinct++
		}
		if i > 0 && l[i] == l[i-1]+1 {
			if run++; run >= 8 {
				return true
			}
		} else {
			run = 1
		}
	}
	if len(l) < 16 {
		return false
	}
	return distinct < 5 || periodic(l, 16)
}

// periodic reports whether s repeats a unit of at most maxPeriod bytes at
// least twice.
func periodic(s string, maxPeriod int) bool {
	for p := 1; p <= maxPeriod && 2*p <= len(s); p++ {
		if s[p:] == s[:len(s)-p] {
			return true
		}
	}
	return false
}

func isShellVar(l string) bool {
	if len(l) < 2 || l[0] != '$' || !isIdentStart(l[1]) {
		return false
	}
	for i := 2; i < len(l); i++ {
		if !textscan.IsWord(l[i]) {
			return false
		}
	}
	return true
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
