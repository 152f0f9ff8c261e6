package logcfg

import (
	"fmt"
	"strconv"
	"strings"
)

// directive is one logrotate setting as written.
type directive struct {
	value string
	line  int // 0 when not set
}

// rotation is the state the rotation directives build up, globally and per
// stanza: a stanza starts from the global state at its opening brace.
type rotation struct {
	rotate, size, maxsize directive
	interval              string // hourly, daily… the last time criterion given
	sizeLast              bool   // size came after the last time criterion, so it rules
}

// stanza is one `paths { directives }` block.
type stanza struct {
	paths []string
	line  int
	rotation
	known int // rotation directives seen in the block (for sniffing)
}

// scripts are the directives whose body runs to endscript.
var scripts = map[string]bool{"postrotate": true, "prerotate": true, "firstaction": true, "lastaction": true, "preremove": true}

var intervals = map[string]bool{"hourly": true, "daily": true, "weekly": true, "monthly": true, "yearly": true}

// known are directives only logrotate has, for recognising its files.
var known = map[string]bool{"rotate": true, "size": true, "maxsize": true, "minsize": true, "compress": true, "missingok": true,
	"notifempty": true, "copytruncate": true, "delaycompress": true, "dateext": true, "maxage": true, "create": true, "olddir": true,
	"sharedscripts": true, "su": true, "hourly": true, "daily": true, "weekly": true, "monthly": true, "yearly": true}

// parseLogrotate reads logrotate syntax: global directives, then stanzas
// of one or more log paths (possibly over several lines) and a braced block.
// Script bodies (postrotate … endscript) are skipped.
func parseLogrotate(data []byte) ([]stanza, *ParseError) {
	var global rotation
	var out []stanza
	var cur *stanza
	var pending []string // paths waiting for their {
	pendingLine, script, scriptLine := 0, "", 0
	text := strings.TrimPrefix(string(data), "\uFEFF")
	for n := 1; text != ""; n++ {
		var raw string
		raw, text, _ = strings.Cut(text, "\n")
		t := strings.TrimSpace(raw)
		switch {
		case script != "":
			if t == "endscript" {
				script = ""
			}
		case t == "" || t[0] == '#':
		case strings.HasSuffix(t, "{"):
			if cur != nil {
				return nil, &ParseError{Line: n, Msg: fmt.Sprintf("a block inside the block opened at line %d", cur.line)}
			}
			paths := append(pending, strings.Fields(strings.TrimSuffix(t, "{"))...)
			if len(paths) == 0 {
				return nil, &ParseError{Line: n, Msg: "a { block with no log file path"}
			}
			if pendingLine == 0 {
				pendingLine = n
			}
			cur = &stanza{paths: paths, line: pendingLine, rotation: global}
			pending, pendingLine = nil, 0
		case t == "}":
			if cur == nil {
				return nil, &ParseError{Line: n, Msg: "} without an open block"}
			}
			out = append(out, *cur)
			cur = nil
		case cur == nil && strings.ContainsAny(t[:1], `/~"'*`):
			if pendingLine == 0 {
				pendingLine = n
			}
			pending = append(pending, strings.Fields(t)...)
		default:
			word, arg, _ := strings.Cut(strings.Replace(t, "=", " ", 1), " ")
			word, arg = strings.ToLower(word), strings.TrimSpace(arg)
			switch {
			case scripts[word]:
				script, scriptLine = word, n
			case cur != nil:
				cur.apply(word, arg, n)
			default:
				global.apply(word, arg, n)
			}
		}
	}
	switch {
	case script != "":
		return nil, &ParseError{Line: scriptLine, Msg: script + " has no endscript"}
	case cur != nil:
		return nil, &ParseError{Line: cur.line, Msg: "the block opened here is never closed"}
	case len(pending) > 0:
		return nil, &ParseError{Line: pendingLine, Msg: "log file paths with no { block } after them"}
	}
	return out, nil
}

func (s *stanza) apply(word, arg string, line int) {
	if known[word] {
		s.known++
	}
	s.rotation.apply(word, arg, line)
}

func (r *rotation) apply(word, arg string, line int) {
	d := directive{value: arg, line: line}
	switch {
	case word == "rotate":
		r.rotate = d
	case word == "size":
		r.size, r.sizeLast = d, true
	case word == "maxsize":
		r.maxsize = d
	case intervals[word]:
		r.interval, r.sizeLast = word, false
	}
}

// size reads a logrotate size: bytes, or k, M, G (base 1024; either case).
func size(v string) (int64, bool) {
	v = strings.TrimPrefix(strings.TrimSpace(v), "+")
	mult := int64(1)
	if v != "" {
		switch v[len(v)-1] {
		case 'k', 'K':
			mult = 1 << 10
		case 'm', 'M':
			mult = 1 << 20
		case 'g', 'G':
			mult = 1 << 30
		}
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	if v == "" || len(v) > 12 || strings.Trim(v, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n * mult, err == nil
}
