package rules

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/bulwark-sec/bulwark/internal/textscan"
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

// envKeys reads dotenv lines (export prefix, blanks around =, single,
// double or back quotes, a quoted value across lines, # comments) and
// reports credential variables with a plaintext value. It keeps its own
// small parser instead of riskcheck/envfile.Parse, whose API does not fit:
// Parse gives no byte offsets (a Match needs Start/End, with Secret equal
// to data[Start:End], while Parse unescapes values), and it rejects a whole
// file for one bad line, invalid UTF-8, a NUL or a size over 1 MiB, where
// Scan must still read the rest.
func envKeys(data []byte) []Match {
	var out []Match
	var c closer
	for ls := 0; ls < len(data); {
		le := lineEnd(data, ls)
		next := le + 1
		if key, vs, ve, end, ok := envLine(data, ls, le, &c); ok {
			next = lineEnd(data, end) + 1
			if suffix := credentialSuffix(key); suffix != "" && ve > vs {
				v := data[vs:ve]
				if !envfile.IsEncrypted(string(v)) && !placeholder(string(v)) {
					out = append(out, Match{Rule: envRule.ID, Title: envRule.Title, Severity: envRule.Severity, Start: vs, End: ve,
						Evidence: fmt.Sprintf("variable %s (*%s) holds a %d-character plaintext value in an env file, without the encrypted: prefix",
							key, suffix, utf8.RuneCount(v))})
				}
			}
		}
		ls = next
	}
	return out
}

// envLine parses one assignment starting on the line [ls, le) and returns
// the key, the raw value span and the offset where the value ends (past
// le for a quoted value spanning lines).
func envLine(data []byte, ls, le int, cl *closer) (key []byte, vs, ve, end int, ok bool) {
	i := skipBlanks(data, ls, le)
	if rest := data[i:le]; bytes.HasPrefix(rest, []byte("export")) && len(rest) > 6 && (rest[6] == ' ' || rest[6] == '\t') {
		i = skipBlanks(data, i+6, le)
	}
	k := i
	for k < le && (textscan.IsWord(data[k]) || data[k] == '.' || data[k] == '-') {
		k++
	}
	if k == i || !isIdentStart(data[i]) {
		return nil, 0, 0, 0, false
	}
	key = data[i:k]
	i = skipBlanks(data, k, le)
	if i >= le || data[i] != '=' {
		return nil, 0, 0, 0, false
	}
	afterEq := i + 1
	i = skipBlanks(data, afterEq, le)
	if i < le && textscan.IsQuote(data[i]) {
		q := data[i]
		c := bytes.IndexByte(data[i+1:le], q)
		if c >= 0 {
			c += i + 1
		} else if q != '`' {
			c = cl.find(data, i+1, q)
		}
		if c < 0 {
			return nil, 0, 0, 0, false
		}
		return key, i + 1, c, c, true
	}
	e := le
	if e > i && data[e-1] == '\r' {
		e--
	}
	for c := i + 1; c < e; c++ {
		if data[c] == '#' && (data[c-1] == ' ' || data[c-1] == '\t') {
			e = c
			break
		}
	}
	if i > afterEq && i < le && data[i] == '#' {
		e = i // KEY= # a comment, not a value
	}
	for e > i && (data[e-1] == ' ' || data[e-1] == '\t') {
		e--
	}
	return key, i, e, le, true
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

func skipBlanks(data []byte, i, le int) int {
	for i < le && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return i
}
