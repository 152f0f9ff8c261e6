// Package systemd parses systemd unit files (with drop-ins) and checks a
// service's hardening against the seed's section 4.3: a dedicated user,
// NoNewPrivileges, ProtectSystem=strict, CPU/memory/file limits, and an
// exposure score over the settings `systemd-analyze security` weighs most.
package systemd

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxUnitSize bounds the work on hostile input. Real units are a few KiB;
// anything past 1 MiB is not a unit anyone wrote by hand.
const maxUnitSize = 1 << 20

// Setting is one Key=Value assignment and where it was made.
type Setting struct {
	Section, Key, Value string
	Path                string // the file; empty for Parse
	Line                int    // 1-based; the first line of a continued assignment
}

// Section is one [Name] header and where it is.
type Section struct {
	Name, Path string
	Line       int
}

// Unit is a parsed unit: every assignment in file order, drop-ins after the
// main file, so later assignments come later, as systemd applies them.
type Unit struct {
	Settings []Setting
	Sections []Section
}

// ParseError names the line a unit file stops making sense.
type ParseError struct {
	Path string
	Line int // 0 when the problem is the whole file
	Msg  string
}

func (e *ParseError) Error() string {
	switch {
	case e.Path != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	case e.Path != "":
		return e.Path + ": " + e.Msg
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// readResult is what reading one file produced besides its settings.
type readResult struct {
	first *ParseError // the first malformed line
	bad   int         // malformed lines in all
	good  int         // headers and assignments read
	fatal bool        // nothing usable: binary, oversized or no valid line
}

// Parse reads one unit file. Like systemd it skips a malformed line and reads
// on, so the Unit is never nil; err is the first malformed line (a
// *ParseError), nil when every line parsed.
func Parse(data []byte) (*Unit, error) {
	u := &Unit{}
	if r := u.read("", data); r.first != nil {
		return u, r.first
	}
	return u, nil
}

// read appends one file's sections and assignments. Lines follow systemd's
// conf-parser: # and ; start comments (also between continued lines), an odd
// number of trailing backslashes continues the line, the backslash becoming
// a space, and an empty line ends a continuation.
func (u *Unit) read(path string, data []byte) readResult {
	var r readResult
	fail := func(line int, format string, args ...any) {
		if r.first == nil {
			r.first = &ParseError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
		}
		r.bad++
	}
	if len(data) > maxUnitSize {
		fail(0, "%d bytes is too large for a unit file (limit %d)", len(data), maxUnitSize)
		r.fatal = true
		return r
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		fail(1+bytes.Count(data[:i], []byte("\n")), "binary data (NUL byte) in a unit file")
		r.fatal = true
		return r
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	section := ""
	var cont strings.Builder // the continued line so far
	contLine := 0
	for n := 1; text != ""; n++ {
		var raw string
		raw, text, _ = strings.Cut(text, "\n")
		raw = strings.TrimSuffix(raw, "\r")
		if t := strings.TrimLeft(raw, " \t"); t != "" && (t[0] == '#' || t[0] == ';') {
			continue
		}
		if cont.Len() == 0 {
			contLine = n
		}
		if continued(raw) {
			cont.WriteString(raw[:len(raw)-1])
			cont.WriteByte(' ')
			continue
		}
		line := raw
		if cont.Len() > 0 {
			cont.WriteString(raw)
			line = cont.String()
			cont.Reset()
		}
		u.line(path, contLine, line, &section, &r, fail)
	}
	if cont.Len() > 0 { // a continuation running into the end of the file
		u.line(path, contLine, cont.String(), &section, &r, fail)
	}
	r.fatal = r.good == 0 && r.bad > 0
	return r
}

// continued reports an odd run of trailing backslashes: `\\` is an escaped
// backslash, not a continuation.
func continued(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// line reads one logical line: a [Section] header or a Key=Value assignment.
// An error names the line and never quotes it: a line that does not parse may
// be anything, a secret pasted into the unit included.
func (u *Unit) line(path string, n int, s string, section *string, r *readResult, fail func(int, string, ...any)) {
	l := strings.Trim(s, " \t\r\n")
	switch {
	case l == "":
		return
	case !utf8.ValidString(l):
		fail(n, "line is not valid UTF-8")
		return
	case l[0] == '[':
		name, ok := strings.CutSuffix(l[1:], "]")
		if !ok || name == "" || strings.ContainsAny(name, "[]\t") {
			fail(n, "invalid section header")
			return
		}
		*section = name
		u.Sections = append(u.Sections, Section{Name: name, Path: path, Line: n})
		r.good++
		return
	}
	key, value, ok := strings.Cut(l, "=")
	key = strings.TrimRight(key, " \t")
	switch {
	case !ok:
		fail(n, "missing '=': the line is neither a [Section] header nor a Key=Value assignment")
	case *section == "":
		fail(n, "assignment before any [Section] header")
	case key == "" || strings.ContainsAny(key, " \t"):
		fail(n, "invalid key (empty, or with a space or tab in it)")
	default:
		u.Settings = append(u.Settings, Setting{Section: *section, Key: key, Value: strings.TrimLeft(value, " \t"), Path: path, Line: n})
		r.good++
	}
}

// Get returns the last assignment of a key in a section. Keys and section
// names are case-sensitive, as in systemd: `user=root` is an unknown key.
func (u *Unit) Get(section, key string) (Setting, bool) {
	for i := len(u.Settings) - 1; i >= 0; i-- {
		if s := u.Settings[i]; s.Section == section && s.Key == key {
			return s, true
		}
	}
	return Setting{}, false
}

// All returns every assignment of a key in a section, in the order systemd
// applies them.
func (u *Unit) All(section, key string) []Setting {
	var out []Setting
	for _, s := range u.Settings {
		if s.Section == section && s.Key == key {
			out = append(out, s)
		}
	}
	return out
}
