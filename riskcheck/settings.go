package riskcheck

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// Setting is one key = value found in a deployment file.
type Setting struct {
	Path   string
	Line   int
	Parent string // enclosing key, for "limits: {leverage: 3}"
	Key    string
	Value  any  // a decoded scalar, or literal text from Python and .env files
	Code   bool // Value is a run-time expression (Python), not a literal
}

// maxDepth bounds the walk of nested documents.
const maxDepth = 64

// structuredSettings reads the scalar leaves of a YAML, JSON or TOML document.
// YAML and JSON share the YAML parser, which keeps line numbers.
func structuredSettings(path string, data []byte) ([]Setting, error) {
	if strings.HasSuffix(strings.ToLower(path), ".toml") {
		return tomlSettings(path, data)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("cannot parse: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var out []Setting
	var walk func(n *yaml.Node, parent string, depth int)
	walk = func(n *yaml.Node, parent string, depth int) {
		if n == nil || depth > maxDepth {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, parent, depth+1)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Kind == yaml.ScalarNode {
					var val any
					if err := v.Decode(&val); err != nil {
						val = v.Value
					}
					out = append(out, Setting{Path: path, Line: k.Line, Parent: parent, Key: k.Value, Value: val})
					continue
				}
				walk(v, k.Value, depth+1)
			}
		}
	}
	walk(&doc, "", 0)
	return out, nil
}

func tomlSettings(path string, data []byte) ([]Setting, error) {
	var doc map[string]any
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		return nil, fmt.Errorf("cannot parse: %v", err)
	}
	var out []Setting
	for _, key := range md.Keys() {
		if len(key) == 0 || len(key) > maxDepth {
			continue
		}
		v := lookupTOML(doc, key)
		switch v.(type) {
		case map[string]any, []map[string]any, []any, nil:
			continue
		}
		parent := ""
		if len(key) > 1 {
			parent = key[len(key)-2]
		}
		out = append(out, Setting{Path: path, Line: tomlLine(data, key), Parent: parent, Key: key[len(key)-1], Value: v})
	}
	return out, nil
}

// tomlLine finds the line that sets key: the first "name =" after the header
// of its table. The TOML library keeps no positions, and keys are unique per
// table, so this is exact for ordinary documents.
func tomlLine(data []byte, key toml.Key) int {
	table := strings.Join(key[:len(key)-1], ".")
	inTable := table == ""
	name := key[len(key)-1]
	for i, raw := range strings.Split(string(data), "\n") {
		l := strings.TrimSpace(raw)
		if strings.HasPrefix(l, "[") {
			h := strings.Trim(l, "[] ")
			inTable = h == table
			continue
		}
		if !inTable {
			continue
		}
		if k, _, ok := strings.Cut(l, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == name {
			return i + 1
		}
	}
	return 0
}

func lookupTOML(doc map[string]any, key toml.Key) any {
	var cur any = doc
	for _, k := range key {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

// pyLiteral is the text of a Python literal the limits parser reads: a
// number, a plain string, None/True/False, infinity, a timedelta of one
// unit, or an enum member (ProtectionLevel.HIGH).
var pyLiteral = regexp.MustCompile(`^(?:[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|'[^']*'|"[^"]*"|None|True|False|float\(['"]-?inf['"]\)|math\.inf|timedelta\(\w+\s*=\s*[0-9.]+\)|[A-Z][A-Za-z]*\.[A-Z_]+)$`)

// pyValue turns a Python literal into what limits.Parse reads.
func pyValue(v string) any {
	switch v {
	case "None":
		return nil
	case "True":
		return true
	case "False":
		return false
	}
	return strings.Trim(v, `'"`)
}
