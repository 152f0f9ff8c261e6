// Package envfile reads dotenv files and checks them against the seed's
// credential rules (SECURITY_BEST_PRACTICES.md sections 2.1, 3.1, 4.3 and
// 6.1): chmod 600, `encrypted:` secrets, no empty password and no debug mode
// in production, a real password hash. PlaintextKeys finds private keys in
// any config-like text. No value read here leaves the package except as a
// redacted 4-character preview or inside a hash.
package envfile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Entry is one assignment.
type Entry struct {
	Key     string
	Value   string
	Line    int  // 1-based line of the key
	EndLine int  // last line of the value (a quoted value may span lines)
	Bare    bool // `KEY` alone: taken from the process environment (docker --env-file)
	// Start and End are the byte span of the value as written in the file
	// (inside its quotes, escapes not undone), for a caller that must point
	// at the value itself.
	Start, End int
}

// File is a parsed dotenv file, entries in file order. A key may repeat; the
// last assignment wins, as in every dotenv loader.
type File struct {
	Entries []Entry
}

// Get returns the last assignment of key.
func (f *File) Get(key string) (Entry, bool) {
	for i := len(f.Entries) - 1; i >= 0; i-- {
		if f.Entries[i].Key == key {
			return f.Entries[i], true
		}
	}
	return Entry{}, false
}

// ParseError names the line where a dotenv file stops making sense. Its
// message never quotes the file, which may hold secrets.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// maxSize bounds the input: dotenv files are a few KiB, and anything past
// 1 MiB is a mistake or not a dotenv file.
const maxSize = 1 << 20

// Parse reads dotenv syntax: `KEY=value` and `export KEY=value`, spaces
// around `=`, single quotes and backquotes (literal), double quotes (with
// \n \r \t \" \\ \$ \' escapes), quoted values spanning lines, `#` comments
// on their own line or after a value (for an unquoted value, a `#` preceded
// by a space or tab), blank lines, CRLF line ends, and a bare `KEY`. Keys
// match [A-Za-z_][A-Za-z0-9_.-]*. It runs in one pass.
func Parse(data []byte) (*File, error) {
	if len(data) > maxSize {
		return nil, &ParseError{Line: 1, Msg: fmt.Sprintf("the file is %d bytes; a dotenv file is under %d", len(data), maxSize)}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &ParseError{Line: lineAt(data, i), Msg: "binary data (a NUL byte)"}
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return nil, &ParseError{Line: lineAt(data, i), Msg: "invalid UTF-8 (binary data?)"}
	}
	f, errs := Lex(data)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return f, nil
}

// Lex is Parse without its refusals: it reads every line it can, of any
// size and with NULs or invalid UTF-8 in it, and returns the lines it could
// not read as errors instead of stopping there. Parse is Lex plus those
// refusals; the secrets scanner's env rule reads with Lex, so there is one
// dotenv reader.
func Lex(data []byte) (*File, []*ParseError) {
	p := &parser{s: strings.ReplaceAll(string(data), "\r\n", "\n"), line: 1}
	for i := bytes.Index(data, []byte("\r\n")); i >= 0; {
		p.crs = append(p.crs, i)
		j := bytes.Index(data[i+2:], []byte("\r\n"))
		if j < 0 {
			break
		}
		i += 2 + j
	}
	f := &File{}
	var errs []*ParseError
	for p.i < len(p.s) {
		at, line := p.i, p.line
		if err := p.entry(f); err != nil {
			errs = append(errs, err.(*ParseError))
			// go on after the line the entry started on
			p.i, p.line = at, line
			if j := strings.IndexByte(p.s[p.i:], '\n'); j >= 0 {
				p.i += j + 1
				p.line++
			} else {
				p.i = len(p.s)
			}
		}
	}
	return f, errs
}

// orig maps an offset in the parser's text (CRLF folded to LF) back to the
// file's bytes.
func (p *parser) orig(i int) int {
	n := 0
	for _, cr := range p.crs {
		if cr-n >= i {
			break
		}
		n++
	}
	return i + n
}

func lineAt(data []byte, i int) int { return 1 + bytes.Count(data[:i], []byte("\n")) }

// parser is a cursor over the file with the current line number.
type parser struct {
	s    string
	i    int
	line int
	crs  []int // offsets in the file of each CR dropped from a CRLF
}

func (p *parser) fail(line int, format string, args ...any) error {
	return &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// blank skips spaces, tabs and stray carriage returns; it reports whether
// it skipped any.
func (p *parser) blank() bool {
	start := p.i
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\r') {
		p.i++
	}
	return p.i > start
}

// endOfLine moves past the rest of the line, which must be empty or a
// comment.
func (p *parser) endOfLine(what string) error {
	p.blank()
	if p.i < len(p.s) && p.s[p.i] != '\n' && p.s[p.i] != '#' {
		return p.fail(p.line, "unexpected text after %s", what)
	}
	if j := strings.IndexByte(p.s[p.i:], '\n'); j >= 0 {
		p.i += j + 1
		p.line++
	} else {
		p.i = len(p.s)
	}
	return nil
}

// entry reads one line: blank, a comment, or an assignment.
func (p *parser) entry(f *File) error {
	p.blank()
	if p.i >= len(p.s) || p.s[p.i] == '\n' || p.s[p.i] == '#' {
		return p.endOfLine("")
	}
	line := p.line
	if rest := p.s[p.i:]; strings.HasPrefix(rest, "export") && len(rest) > 6 && (rest[6] == ' ' || rest[6] == '\t') {
		p.i += 6
		p.blank()
	}
	start := p.i
	for p.i < len(p.s) && isKeyByte(p.s[p.i]) {
		p.i++
	}
	key := p.s[start:p.i]
	if key == "" || key[0] == '.' || key[0] == '-' || key[0] >= '0' && key[0] <= '9' {
		return p.fail(line, "expected KEY=value with KEY matching [A-Za-z_][A-Za-z0-9_.-]*")
	}
	p.blank()
	if p.i >= len(p.s) || p.s[p.i] == '\n' || p.s[p.i] == '#' {
		f.Entries = append(f.Entries, Entry{Key: key, Line: line, EndLine: line, Bare: true})
		return p.endOfLine("")
	}
	if p.s[p.i] != '=' {
		return p.fail(line, "expected = after the variable name")
	}
	p.i++
	spaced := p.blank()
	value, vs, ve, err := p.value(line, spaced)
	if err != nil {
		return err
	}
	f.Entries = append(f.Entries, Entry{Key: key, Value: value, Line: line, EndLine: p.line, Start: p.orig(vs), End: p.orig(ve)})
	return p.endOfLine("the closing quote")
}

// value reads a quoted or unquoted value, leaving the cursor after it.
// spaced says whether blanks followed the `=`, which makes a `#` a comment.
func (p *parser) value(line int, spaced bool) (v string, start, end int, err error) {
	if p.i >= len(p.s) {
		return "", p.i, p.i, nil
	}
	q := p.s[p.i]
	if q != '"' && q != '\'' && q != '`' {
		start := p.i
		n := strings.IndexByte(p.s[p.i:], '\n')
		if n < 0 {
			n = len(p.s) - p.i
		}
		raw := p.s[p.i : p.i+n]
		p.i += n
		if spaced && strings.HasPrefix(raw, "#") {
			return "", start, start, nil
		}
		if k := commentStart(raw); k >= 0 {
			raw = raw[:k]
		}
		raw = strings.TrimRight(raw, " \t\r")
		return raw, start, start + len(raw), nil
	}
	p.i++
	start = p.i
	var b strings.Builder
	for {
		if p.i >= len(p.s) {
			return "", 0, 0, p.fail(line, "unterminated %c quote", q)
		}
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), start, p.i - 1, nil
		case c == '\\' && q == '"' && p.i+1 < len(p.s):
			b.WriteString(unescape(p.s[p.i+1]))
			if p.s[p.i+1] == '\n' {
				p.line++
			}
			p.i += 2
			continue
		case c == '\n':
			p.line++
		}
		b.WriteByte(c)
		p.i++
	}
}

// commentStart is the index of the first " #" or "\t#" in an unquoted value.
func commentStart(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return i - 1
		}
	}
	return -1
}

func unescape(c byte) string {
	switch c {
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case '"', '\\', '$', '\'':
		return string(c)
	}
	return "\\" + string(c)
}

func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}
