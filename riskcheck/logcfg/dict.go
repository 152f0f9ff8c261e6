package logcfg

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	yamlErrLine = regexp.MustCompile(`line (\d+)`)
	topVersion  = regexp.MustCompile(`(?m)^["']?version["']?[ \t]*:`)
	topHandlers = regexp.MustCompile(`(?m)^["']?handlers["']?[ \t]*:`)
	topLogging  = regexp.MustCompile(`(?m)^["']?logging["']?[ \t]*:`)
)

// topLevel says whether a document that does not parse still claims, at its
// top level, to be a logging configuration.
func topLevel(data []byte) bool {
	return topVersion.Match(data) && topHandlers.Match(data) || topLogging.Match(data) && yamlHandlers.Match(data)
}

// budget bounds the work of reading one document: YAML aliases and merge
// keys let a small file make every lookup walk a huge mapping.
const budget = 1 << 22

// reader walks a node tree within the budget.
type reader struct{ spent int }

func (r *reader) spend(n int) bool {
	r.spent += n
	return r.spent <= budget
}

// parseDict reads a dictConfig document. isDict is false when the document
// is not a logging configuration: no version and handlers at the top level
// or under a top-level logging: key.
// A JSON-looking document in a file not named .json may be YAML flow
// syntax (trailing commas, comments): YAML gets a second try at it.
func parseDict(data []byte, json, strict bool) (cfg *config, isDict bool, perr *ParseError) {
	var doc *yaml.Node
	var err error
	if json {
		doc, err = parseJSON(data)
		if err != nil && !strict {
			if y, yerr := parseYAML(data); yerr == nil {
				doc, err = y, nil
			}
		}
	} else {
		doc, err = parseYAML(data)
	}
	if err != nil {
		pe, _ := err.(*ParseError)
		if pe == nil {
			pe = &ParseError{Msg: err.Error()}
		}
		return nil, json || topLevel(data), pe
	}
	if doc == nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, false, nil
	}
	r := &reader{}
	root := resolve(doc.Content[0])
	if !r.isDictConfig(root) {
		if root = r.lookup(root, "logging"); !r.isDictConfig(root) {
			return nil, false, nil
		}
	}
	cfg, perr = r.readDict(root)
	if perr == nil && r.spent > budget {
		perr = &ParseError{Msg: "the document's aliases and merge keys are too deep or too many to read"}
	}
	return cfg, true, perr
}

func (r *reader) isDictConfig(m *yaml.Node) bool {
	return r.lookup(m, "version") != nil && r.lookup(m, "handlers") != nil
}

// parseYAML parses YAML into a node tree. The parser is third-party code
// fed untrusted bytes, so a panic in it is turned into a parse error.
func parseYAML(data []byte) (doc *yaml.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, &ParseError{Msg: fmt.Sprintf("YAML parser failed: %v", p)}
		}
	}()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = strings.TrimSpace(strings.TrimPrefix(msg, m[0]+":"))
		}
		if parserError(msg) {
			line++ // yaml.v3 gives its parser's errors 0-based lines (its scanner's are 1-based)
		}
		return nil, &ParseError{Line: line, Msg: msg}
	}
	return &n, nil
}

// parserError recognises the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner's.
func parserError(msg string) bool {
	for _, p := range []string{"did not find expected ',' or", "did not find expected '-' indicator", "did not find expected <",
		"did not find expected key", "did not find expected node content", "found duplicate %", "found incompatible YAML", "found undefined tag handle"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// readDict reads the dictConfig schema: version 1, formatters, handlers.
func (r *reader) readDict(root *yaml.Node) (*config, *ParseError) {
	v, handlers := r.lookup(root, "version"), r.lookup(root, "handlers")
	if v == nil || handlers == nil {
		return nil, nil // out of budget; the caller reports it
	}
	// Python compares version != 1, so 1 and 1.0 pass and "1" does not
	if f, err := strconv.ParseFloat(v.Value, 64); v.Kind != yaml.ScalarNode || err != nil || f != 1 || v.ShortTag() != "!!int" && v.ShortTag() != "!!float" {
		return nil, &ParseError{Line: v.Line, Msg: fmt.Sprintf("dictConfig needs version: 1 (an integer), not %s", clip(v.Value))}
	}
	if handlers.Kind != yaml.MappingNode {
		return nil, &ParseError{Line: handlers.Line, Msg: "handlers must be a mapping of handler names to settings"}
	}
	cfg := &config{formatters: map[string]formatter{}, line: keyLine(root, "handlers")}
	for _, e := range r.entries(r.lookup(root, "formatters")) {
		var f formatter
		for _, kv := range r.entries(e.val) {
			switch k := kv.key.Value; {
			case k == "format" && kv.val != nil:
				f.format = kv.val.Value
			case k != "datefmt" && k != "style" && kv.val != nil && kv.val.Kind == yaml.ScalarNode:
				f.class += " " + strings.ToLower(kv.val.Value)
			}
		}
		cfg.formatters[e.key.Value] = f
	}
	for _, e := range r.entries(handlers) {
		if e.val == nil || e.val.Kind != yaml.MappingNode {
			return nil, &ParseError{Line: e.key.Line, Msg: fmt.Sprintf("handler %s must be a mapping", clip(e.key.Value))}
		}
		h := handler{name: e.key.Value, class: r.scalar(e.val, "class"), filename: r.scalar(e.val, "filename"), level: r.scalar(e.val, "level"),
			formatter: r.scalar(e.val, "formatter"), when: r.scalar(e.val, "when"), line: e.key.Line,
			maxBytes: number(r.scalar(e.val, "maxBytes")), backups: number(r.scalar(e.val, "backupCount"))}
		if h.class == "" {
			h.class = r.scalar(e.val, "()") // a factory instead of a class
		}
		if h.class == "" {
			return nil, &ParseError{Line: e.key.Line, Msg: fmt.Sprintf("handler %s has no class (or () factory), which dictConfig rejects", clip(h.name))}
		}
		cfg.handlers = append(cfg.handlers, h)
	}
	return cfg, nil
}

// entry is one key of a mapping.
type entry struct{ key, val *yaml.Node }

// entries lists a mapping's keys in order; for a repeated key the last
// value is kept (PyYAML and json both let it win) at the first key's place.
func (r *reader) entries(m *yaml.Node) []entry {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode || !r.spend(len(m.Content)) {
		return nil
	}
	var out []entry
	at := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], resolve(m.Content[i+1])
		if k.Value == "<<" && k.ShortTag() == "!!merge" {
			continue
		}
		if j, seen := at[k.Value]; seen {
			out[j].val = v
			continue
		}
		at[k.Value] = len(out)
		out = append(out, entry{k, v})
	}
	return out
}

// resolve follows YAML aliases, a bounded number of hops.
func resolve(n *yaml.Node) *yaml.Node {
	for hops := 0; n != nil && n.Kind == yaml.AliasNode && hops < 8; hops++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// lookup finds a key in a mapping, honouring YAML merge keys (<<: *base):
// the mapping's own keys win over merged ones. Depth and work are bounded.
func (r *reader) lookup(m *yaml.Node, key string) *yaml.Node { return r.lookupDepth(m, key, 0) }

func (r *reader) lookupDepth(m *yaml.Node, key string, depth int) *yaml.Node {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > 4 || !r.spend(len(m.Content)) {
		return nil
	}
	var found *yaml.Node
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch k := m.Content[i]; {
		case k.Value == key && k.Kind == yaml.ScalarNode:
			found = resolve(m.Content[i+1])
		case k.Value == "<<" && k.ShortTag() == "!!merge":
			if v := resolve(m.Content[i+1]); v != nil && v.Kind == yaml.SequenceNode {
				merges = append(merges, v.Content...)
			} else {
				merges = append(merges, v)
			}
		}
	}
	for i := 0; found == nil && i < len(merges); i++ {
		found = r.lookupDepth(merges[i], key, depth+1)
	}
	return found
}

func keyLine(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return m.Line
}

func (r *reader) scalar(m *yaml.Node, key string) string {
	if c := r.lookup(m, key); c != nil && c.Kind == yaml.ScalarNode {
		return c.Value
	}
	return ""
}
