// Package envfile reads dotenv files and checks them against the seed's
// credential rules (sections 3.1, 4.3 and 6.1): chmod 600, `encrypted:`
// secrets, a password in production, debug off in production. No value it
// reads ever leaves the package except as a redacted preview or a hash.
package envfile

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Entry is one KEY=value assignment.
type Entry struct {
	Key   string
	Value string
	Line  int // 1-based line of the key
}

// File is a parsed dotenv file, entries in file order (a key may repeat;
// the last assignment wins, as in every dotenv loader).
type File struct {
	Entries []Entry
}

// Get returns the last value assigned to key.
func (f *File) Get(key string) (Entry, bool) {
	for i := len(f.Entries) - 1; i >= 0; i-- {
		if f.Entries[i].Key == key {
			return f.Entries[i], true
		}
	}
	return Entry{}, false
}

// ParseError names the line a dotenv file stops making sense.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var keyRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)

// Parse reads dotenv syntax: KEY=value, `export KEY=value`, single quotes
// (literal), double quotes (with \n \t \" \\ escapes), both may span lines,
// `#` comments on their own line or after an unquoted value.
func Parse(data []byte) (*File, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &ParseError{Line: 1 + bytes.Count(data[:bytes.IndexByte(data, 0)], []byte("\n")), Msg: "binary data (NUL byte) in a dotenv file"}
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	f := &File{}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		start := i + 1
		line = strings.TrimPrefix(line, "export ")
		key, rest, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok {
			return nil, &ParseError{Line: start, Msg: fmt.Sprintf("expected KEY=value, got %q", clip(line))}
		}
		if !keyRe.MatchString(key) {
			return nil, &ParseError{Line: start, Msg: fmt.Sprintf("invalid variable name %q", clip(key))}
		}
		rest = strings.TrimLeft(rest, " \t")
		var value string
		switch {
		case strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, `'`):
			q := rest[0]
			body := rest[1:]
			for {
				if end := closing(body, q); end >= 0 {
					value = body[:end]
					if tail := strings.TrimSpace(body[end+1:]); tail != "" && !strings.HasPrefix(tail, "#") {
						return nil, &ParseError{Line: i + 1, Msg: "unexpected text after the closing quote"}
					}
					break
				}
				if i+1 >= len(lines) {
					return nil, &ParseError{Line: start, Msg: fmt.Sprintf("unterminated %c quote", q)}
				}
				i++
				body += "\n" + lines[i]
			}
			if q == '"' {
				value = unescape(value)
			}
		default:
			if j := strings.Index(rest, " #"); j >= 0 {
				rest = rest[:j]
			}
			value = strings.TrimSpace(rest)
		}
		f.Entries = append(f.Entries, Entry{Key: key, Value: value, Line: start})
	}
	return f, nil
}

// closing finds the closing quote q in s, skipping backslash escapes in
// double-quoted values.
func closing(s string, q byte) int {
	for i := 0; i < len(s); i++ {
		if q == '"' && s[i] == '\\' {
			i++
			continue
		}
		if s[i] == q {
			return i
		}
	}
	return -1
}

func unescape(s string) string {
	return strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\"`, `"`, `\\`, `\`).Replace(s)
}

// clip keeps error messages short: they may quote a line from the file, and
// a long line is more likely to hold a secret than a syntax error.
func clip(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:8]) + "…"
	}
	return s
}

var envKeys = []string{"ENVIRONMENT", "ENV", "APP_ENV", "JESSE_ENV", "DEPLOY_ENV", "STAGE", "NODE_ENV", "FLASK_ENV", "PYTHON_ENV"}

// Environment returns the deployment environment a file declares, normalised
// to production, staging or development where the name is a common alias.
func Environment(f *File) (string, bool) {
	for _, k := range envKeys {
		if e, ok := f.Get(k); ok && e.Value != "" {
			switch v := strings.ToLower(e.Value); v {
			case "prod", "production", "live", "mainnet":
				return "production", true
			case "stage", "staging", "testnet":
				return "staging", true
			case "dev", "develop", "development", "local", "test", "testing":
				return "development", true
			default:
				return v, true
			}
		}
	}
	return "", false
}
