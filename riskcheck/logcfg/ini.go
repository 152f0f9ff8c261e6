package logcfg

import (
	"fmt"
	"strings"
)

// iniSection is one [section] of a configparser file.
type iniSection struct {
	line int
	opts map[string]iniOpt
}

type iniOpt struct {
	value string
	line  int
}

// parseINI reads configparser syntax as logging.config.fileConfig does:
// key = value or key: value (keys lower-cased), full-line # and ;
// comments, indented continuation lines, and no repeated sections or keys
// (configparser's strict mode raises on them).
func parseINI(data []byte) (map[string]*iniSection, *ParseError) {
	sections := map[string]*iniSection{}
	var cur *iniSection
	last, lastIndent := "", 0
	text := strings.TrimPrefix(string(data), "\uFEFF")
	for n := 1; text != ""; n++ {
		var raw string
		raw, text, _ = strings.Cut(text, "\n")
		t := strings.TrimSpace(raw)
		indent := len(raw) - len(strings.TrimLeft(raw, " \t"))
		switch {
		case t == "" || t[0] == '#' || t[0] == ';':
		case last != "" && indent > lastIndent: // continues the value above
			o := cur.opts[last]
			o.value += "\n" + t
			cur.opts[last] = o
		case t[0] == '[':
			end := strings.LastIndexByte(t, ']')
			if end < 2 {
				return nil, &ParseError{Line: n, Msg: "malformed section header " + clip(t)}
			}
			name := t[1:end]
			if s, dup := sections[name]; dup {
				return nil, &ParseError{Line: n, Msg: fmt.Sprintf("section [%s] already defined at line %d", clip(name), s.line)}
			}
			cur = &iniSection{line: n, opts: map[string]iniOpt{}}
			sections[name], last = cur, ""
		default:
			i := strings.IndexAny(t, "=:")
			key := ""
			if i > 0 {
				key = strings.ToLower(strings.TrimSpace(t[:i]))
			}
			switch {
			case cur == nil:
				return nil, &ParseError{Line: n, Msg: "setting before any [section]"}
			case key == "":
				return nil, &ParseError{Line: n, Msg: "expected key = value, got " + clip(t)}
			}
			if o, dup := cur.opts[key]; dup {
				return nil, &ParseError{Line: n, Msg: fmt.Sprintf("%s already set at line %d", clip(key), o.line)}
			}
			cur.opts[key] = iniOpt{value: strings.TrimSpace(t[i+1:]), line: n}
			last, lastIndent = key, indent
		}
	}
	return sections, nil
}

// get reads an option, falling back to [DEFAULT] as configparser does.
func get(secs map[string]*iniSection, sec *iniSection, key string) string {
	if o, ok := sec.opts[key]; ok {
		return o.value
	}
	if d := secs["DEFAULT"]; d != nil {
		return d.opts[key].value
	}
	return ""
}

// positional are the constructor parameters fileConfig's args= fills, by
// handler kind (logging.handlers signatures).
var positional = map[handlerKind][]string{
	plainFile:    {"filename", "mode", "encoding", "delay"},
	sizeRotating: {"filename", "mode", "maxBytes", "backupCount", "encoding", "delay"},
	timeRotating: {"filename", "when", "interval", "backupCount", "encoding", "delay"},
}

// parseFileConfig reads a logging.config.fileConfig file: the handlers and
// formatters that [handlers] and [formatters] list (fileConfig ignores any
// other [handler_x]), with class=, args= (a Python tuple), kwargs=, level=
// and formatter=. A listed section that is missing fails fileConfig, and is
// a parse error here.
func parseFileConfig(data []byte) (*config, *ParseError) {
	secs, err := parseINI(data)
	if err != nil {
		return nil, err
	}
	hs := secs["handlers"]
	if hs == nil || hs.opts["keys"].line == 0 {
		return nil, &ParseError{Msg: "fileConfig needs a [handlers] section with keys="}
	}
	cfg := &config{formatters: map[string]formatter{}, line: hs.line}
	if fs := secs["formatters"]; fs != nil {
		for _, name := range names(fs.opts["keys"].value) {
			s := secs["formatter_"+name]
			if s == nil {
				return nil, &ParseError{Line: fs.opts["keys"].line, Msg: fmt.Sprintf("[formatters] lists %s but there is no [formatter_%s]", clip(name), name)}
			}
			cfg.formatters[name] = formatter{class: strings.ToLower(get(secs, s, "class")), format: get(secs, s, "format")}
		}
	}
	for _, name := range names(hs.opts["keys"].value) {
		s := secs["handler_"+name]
		if s == nil {
			return nil, &ParseError{Line: hs.opts["keys"].line, Msg: fmt.Sprintf("[handlers] lists %s but there is no [handler_%s]", clip(name), name)}
		}
		h := handler{name: name, class: get(secs, s, "class"), level: get(secs, s, "level"), formatter: get(secs, s, "formatter"), line: s.line}
		if h.class == "" {
			return nil, &ParseError{Line: s.line, Msg: fmt.Sprintf("[handler_%s] has no class=", name)}
		}
		if _, ok := cfg.formatters[h.formatter]; h.formatter != "" && !ok {
			return nil, &ParseError{Line: s.line, Msg: fmt.Sprintf("handler %s uses formatter %s, which [formatters] does not list", name, clip(h.formatter))}
		}
		vals := map[string]string{}
		args := splitTop(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(get(secs, s, "args")), "("), ")"), ',')
		for i, p := range positional[classify(h)] {
			if i < len(args) {
				vals[p] = args[i]
			}
		}
		kw := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(get(secs, s, "kwargs")), "{"), "}")
		for _, item := range splitTop(kw, ',') {
			if kv := splitTop(item, ':'); len(kv) == 2 {
				vals[pyString(kv[0])] = kv[1]
			}
		}
		h.filename, h.when = pyString(vals["filename"]), pyString(vals["when"])
		h.maxBytes, h.backups = number(vals["maxBytes"]), number(vals["backupCount"])
		cfg.handlers = append(cfg.handlers, h)
	}
	return cfg, nil
}

// names splits a keys= list.
func names(s string) []string {
	var out []string
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// pyString unquotes a Python string literal; anything else (an expression
// such as os.path.join(…)) is returned as written.
func pyString(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimLeft(s, "rRuUbB")
	if len(t) >= 2 && (t[0] == '\'' || t[0] == '"') && t[len(t)-1] == t[0] {
		return t[1 : len(t)-1]
	}
	return s
}

// splitTop splits Python source at sep where it is not nested in brackets
// or quoted, dropping empty pieces (a trailing comma in a tuple).
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == sep && depth == 0:
			out = appendPiece(out, s[start:i])
			start = i + 1
		}
	}
	return appendPiece(out, s[min(start, len(s)):])
}

func appendPiece(out []string, p string) []string {
	if p = strings.TrimSpace(p); p != "" {
		out = append(out, p)
	}
	return out
}
