package logcfg

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseError names the line a logging configuration stops making sense.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// parseDict reads a dictConfig document (YAML or JSON). ok is false when the
// document is not a logging configuration (no version + handlers at the top).
func parseDict(data []byte) (*config, bool, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		// only a file that names logging handlers is worth a parse error
		if strings.Contains(string(data), "handlers") && strings.Contains(string(data), "version") {
			return nil, true, &ParseError{Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
		}
		return nil, false, nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, false, nil
	}
	root := doc.Content[0]
	version, handlers, formatters := child(root, "version"), child(root, "handlers"), child(root, "formatters")
	if version == nil || handlers == nil || handlers.Kind != yaml.MappingNode {
		return nil, false, nil
	}
	cfg := &config{formatters: map[string]string{}, line: keyLine(root, "handlers")}
	for i := 0; formatters != nil && formatters.Kind == yaml.MappingNode && i+1 < len(formatters.Content); i += 2 {
		f := formatters.Content[i+1]
		desc := scalar(f, "class") + " " + scalar(f, "()") + " " + scalar(f, "format")
		cfg.formatters[formatters.Content[i].Value] = strings.ToLower(strings.TrimSpace(desc))
	}
	for i := 0; i+1 < len(handlers.Content); i += 2 {
		h := handlers.Content[i+1]
		hd := handler{name: handlers.Content[i].Value, class: scalar(h, "class"), filename: scalar(h, "filename"),
			level: scalar(h, "level"), formatter: scalar(h, "formatter"), line: handlers.Content[i].Line}
		if hd.class == "" {
			hd.class = scalar(h, "()")
		}
		hd.maxBytes = number(scalar(h, "maxBytes"))
		hd.backups = number(scalar(h, "backupCount"))
		cfg.handlers = append(cfg.handlers, hd)
	}
	return cfg, true, nil
}

func child(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func keyLine(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

func scalar(m *yaml.Node, key string) string {
	if c := child(m, key); c != nil && c.Kind == yaml.ScalarNode {
		return c.Value
	}
	return ""
}

// number reads an integer setting; nil when absent or not a number.
func number(s string) *int64 {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", ""))
	if s == "" {
		return nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= -1e18 && f <= 1e18 {
		n := int64(f)
		return &n
	}
	return nil
}

// parseINI reads a logging.config.fileConfig file: [handler_NAME] sections
// with class=, args= (Python tuple), kwargs=, level=, formatter=, and
// [formatter_NAME] sections with class= or format=.
func parseINI(data []byte) (*config, error) {
	cfg := &config{formatters: map[string]string{}}
	section, sectionLine := "", 0
	values := map[string]map[string]string{}
	lines := map[string]int{}
	for i, raw := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
			continue
		case line[0] == '[':
			if !strings.HasSuffix(line, "]") {
				return nil, &ParseError{Line: i + 1, Msg: "malformed section header"}
			}
			section, sectionLine = line[1:len(line)-1], i+1
			values[section] = map[string]string{}
			lines[section] = sectionLine
			if section == "handlers" {
				cfg.line = sectionLine
			}
		default:
			sep := strings.IndexAny(line, "=:")
			if sep < 0 {
				if section != "" && (raw[0] == ' ' || raw[0] == '\t') {
					continue // a continuation line of a multi-line value
				}
				return nil, &ParseError{Line: i + 1, Msg: "expected key = value"}
			}
			if section == "" {
				return nil, &ParseError{Line: i + 1, Msg: "value before any [section]"}
			}
			values[section][strings.ToLower(strings.TrimSpace(line[:sep]))] = strings.TrimSpace(line[sep+1:])
		}
	}
	for name, v := range values {
		switch {
		case strings.HasPrefix(name, "formatter_"):
			cfg.formatters[strings.TrimPrefix(name, "formatter_")] = strings.ToLower(v["class"] + " " + v["format"])
		case strings.HasPrefix(name, "handler_"):
			h := handler{name: strings.TrimPrefix(name, "handler_"), class: v["class"], level: v["level"], formatter: v["formatter"], line: lines[name]}
			args := splitArgs(v["args"])
			if len(args) > 0 {
				h.filename = strings.Trim(args[0], `'" `)
				if strings.HasPrefix(h.filename, "sys.") {
					h.filename = "" // a stream handler's sys.stdout
				}
			}
			if strings.Contains(strings.ToLower(h.class), "rotating") && !strings.Contains(strings.ToLower(h.class), "timed") {
				if len(args) > 2 {
					h.maxBytes = number(args[2])
				}
				if len(args) > 3 {
					h.backups = number(args[3])
				}
			}
			if kw := v["kwargs"]; kw != "" {
				if m := kwRe("maxBytes").FindStringSubmatch(kw); m != nil {
					h.maxBytes = number(m[1])
				}
				if m := kwRe("backupCount").FindStringSubmatch(kw); m != nil {
					h.backups = number(m[1])
				}
			}
			cfg.handlers = append(cfg.handlers, h)
		}
	}
	sortHandlers(cfg.handlers)
	return cfg, nil
}

func kwRe(name string) *regexp.Regexp {
	return regexp.MustCompile(`['"]` + name + `['"]\s*:\s*([0-9_]+)`)
}

// splitArgs splits a Python argument tuple at its top-level commas.
func splitArgs(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

func sortHandlers(hs []handler) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].line < hs[j-1].line; j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}
