package logcfg

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// stanza is one `paths { directives }` block of a logrotate file.
type stanza struct {
	paths      string
	line       int
	directives map[string]string
}

// parseLogrotate reads logrotate syntax: global directives, then stanzas of
// one or more paths and a braced block. Scripts (postrotate … endscript) are
// skipped.
func parseLogrotate(data []byte) ([]stanza, error) {
	global := map[string]string{}
	var out []stanza
	var cur *stanza
	inScript := false
	for i, raw := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		if inScript {
			inScript = line != "endscript"
			continue
		}
		switch {
		case strings.HasSuffix(line, "{"):
			if cur != nil {
				return nil, &ParseError{Line: i + 1, Msg: "nested block"}
			}
			cur = &stanza{paths: strings.TrimSpace(strings.TrimSuffix(line, "{")), line: i + 1, directives: map[string]string{}}
			for k, v := range global {
				cur.directives[k] = v
			}
		case line == "}":
			if cur == nil {
				return nil, &ParseError{Line: i + 1, Msg: "} without a block"}
			}
			out = append(out, *cur)
			cur = nil
		default:
			word, arg, _ := strings.Cut(line, " ")
			word = strings.ToLower(word)
			if word == "postrotate" || word == "prerotate" || word == "firstaction" || word == "lastaction" || word == "preremove" {
				inScript = true
				continue
			}
			if cur != nil {
				cur.directives[word] = strings.TrimSpace(arg)
			} else {
				global[word] = strings.TrimSpace(arg)
			}
		}
	}
	if cur != nil {
		return nil, &ParseError{Line: cur.line, Msg: "block not closed"}
	}
	return out, nil
}

// size reads logrotate sizes: bytes, or k, M, G suffixes (base 1024).
func size(v string) (int64, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	mult := int64(1)
	switch v[len(v)-1] {
	case 'k', 'K':
		mult = 1 << 10
	case 'M':
		mult = 1 << 20
	case 'G':
		mult = 1 << 30
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return 0, false
	}
	return n * mult, true
}

func checkLogrotate(file string, stanzas []stanza) []finding.Finding {
	var out []finding.Finding
	for _, s := range stanzas {
		add := func(rule string, sev finding.Severity, title, msg, deployed, limit, fix string) {
			out = append(out, finding.Finding{RuleID: rule, Severity: sev, Title: title, Message: msg + "; " + fix,
				Location: finding.Location{Path: file, StartLine: s.line, EndLine: s.line}, Identity: rule + " " + s.paths,
				Detail: map[string]any{"logs": s.paths, "deployed": deployed, "limit": limit, "fix": fix}})
		}
		sz, ok := s.directives["size"]
		if !ok {
			sz, ok = s.directives["maxsize"]
		}
		switch n, valid := size(sz); {
		case !ok:
			add("logging.rotation_size", finding.Medium, "Log rotation without a size limit", fmt.Sprintf("%s rotates by time only", s.paths), "unset", "100M", "add size 100M (or maxsize 100M)")
		case !valid:
			add("logging.rotation_size", finding.Medium, "Unreadable rotation size", fmt.Sprintf("%s: size %q is not a size", s.paths, sz), sz, "100M", "set size 100M")
		case n > maxBytes:
			add("logging.rotation_size", finding.Medium, "Log rotation size above limit", fmt.Sprintf("%s rotates at %s, above 100M", s.paths, sz), sz, "100M", "set size 100M")
		}
		rot, ok := s.directives["rotate"]
		n, err := strconv.Atoi(rot)
		switch {
		case !ok || err != nil || n <= 0:
			add("logging.rotation_backups", finding.Medium, "Rotated logs are deleted", fmt.Sprintf("%s keeps no rotated logs (logrotate's default is rotate 0)", s.paths), orNone(rot), "≥ 10", "add rotate 10")
		case n < minBackups:
			add("logging.rotation_backups", finding.Low, "Few log backups", fmt.Sprintf("%s keeps %d rotated logs, fewer than 10", s.paths, n), rot, "≥ 10", "set rotate 10")
		}
	}
	return out
}
