// Package systemd parses systemd unit files (with drop-ins) and checks a
// service's hardening against the seed's section 4.3: a dedicated user,
// NoNewPrivileges, ProtectSystem=strict, CPU/memory/file limits, and the
// exposure settings `systemd-analyze security` weighs most.
package systemd

import (
	"bytes"
	"fmt"
	"strings"
)

// Setting is one Key=Value assignment and where it was made.
type Setting struct {
	Section, Key, Value string
	Path                string
	Line                int
}

// Unit is a parsed unit: every assignment in file order, drop-ins after the
// main file, so the last assignment of a key is the effective one.
type Unit struct {
	Settings []Setting
	Sections map[string]int // section name → line of its header in the main file
}

// ParseError names the line a unit file stops making sense.
type ParseError struct {
	Path string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// Parse reads one unit file: [Section] headers, Key=Value lines, # and ;
// comments, and backslash continuation lines (joined with a space, as
// systemd does).
func Parse(data []byte) (*Unit, error) {
	u := &Unit{Sections: map[string]int{}}
	if err := u.add("", data, true); err != nil {
		return nil, err
	}
	return u, nil
}

// add appends the assignments of one file: the unit itself (main) or a drop-in.
func (u *Unit) add(path string, data []byte, main bool) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &ParseError{Path: path, Line: 1 + bytes.Count(data[:i], []byte("\n")), Msg: "binary data (NUL byte) in a unit file"}
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	section := ""
	for i := 0; i < len(lines); i++ {
		start := i + 1
		line := strings.TrimSpace(lines[i])
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		for strings.HasSuffix(line, `\`) && i+1 < len(lines) {
			i++
			next := strings.TrimSpace(lines[i])
			if next != "" && (next[0] == '#' || next[0] == ';') {
				continue // comments inside a continuation are skipped
			}
			line = strings.TrimRight(strings.TrimSuffix(line, `\`), " \t") + " " + next
		}
		if line[0] == '[' {
			if !strings.HasSuffix(line, "]") || len(line) < 3 {
				return &ParseError{Path: path, Line: start, Msg: fmt.Sprintf("malformed section header %q", clip(line))}
			}
			section = line[1 : len(line)-1]
			if _, seen := u.Sections[section]; !seen && main {
				u.Sections[section] = start
			}
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return &ParseError{Path: path, Line: start, Msg: fmt.Sprintf("expected Key=Value, got %q", clip(line))}
		}
		if section == "" {
			return &ParseError{Path: path, Line: start, Msg: "assignment before any [Section] header"}
		}
		key = strings.TrimSpace(key)
		if key == "" || strings.ContainsAny(key, " \t") {
			return &ParseError{Path: path, Line: start, Msg: fmt.Sprintf("invalid key %q", clip(key))}
		}
		u.Settings = append(u.Settings, Setting{Section: section, Key: key, Value: strings.TrimSpace(value), Path: path, Line: start})
	}
	return nil
}

// Get returns the effective (last) assignment of a key in a section.
func (u *Unit) Get(section, key string) (Setting, bool) {
	for i := len(u.Settings) - 1; i >= 0; i-- {
		if s := u.Settings[i]; s.Section == section && strings.EqualFold(s.Key, key) {
			return s, true
		}
	}
	return Setting{}, false
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
