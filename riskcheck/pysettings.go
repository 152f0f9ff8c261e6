package riskcheck

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// pythonSettings reads the limits a Python module deploys, from its parse
// tree: a value bound at module level, at class level (strategy and
// risk-control classes, dataclass and pydantic fields), or to self.x in a
// class's __init__, and the literals inside a dict or call bound at those
// levels ('max_leverage': 3, RiskLimits(max_leverage=3)). Never a docstring
// or comment, never a value computed in a function body, a comparison, or a
// dict entry whose value is not a literal (a schema such as
// {"max_drawdown": float}). A value that is not a literal at those levels
// is a Setting with Code set: the caller decides whether it matters.
func pythonSettings(path string, f *pyparse.File) []Setting {
	r := pyReader{path: path, f: f}
	r.block(f.Root, "")
	return r.out
}

type pyReader struct {
	path string
	f    *pyparse.File
	out  []Setting
}

// block reads the statements of a module or class body. Compound
// statements at that level (if, try, with) are read through: a module that
// sets a limit under `if ENV == "prod":` still sets it.
func (r *pyReader) block(n *pyparse.Node, class string) {
	for _, st := range n.Children {
		switch st.Type {
		case "expression_statement":
			for _, c := range st.Children {
				if c.Type == "assignment" {
					r.assignment(c, false)
				}
			}
		case "class_definition":
			r.class(st)
		case "decorated_definition":
			for _, c := range st.Children {
				if c.Type == "class_definition" {
					r.class(c)
				}
				if c.Type == "function_definition" && class != "" {
					r.method(c)
				}
			}
		case "function_definition":
			if class != "" {
				r.method(st)
			}
		case "if_statement", "try_statement", "with_statement", "else_clause", "elif_clause",
			"except_clause", "finally_clause", "block":
			r.block(st, class)
		}
	}
}

func (r *pyReader) class(n *pyparse.Node) {
	name := ""
	if id := n.ChildByField("name"); id != nil {
		name = id.Text(r.f.Src)
	}
	if body := n.ChildByField("body"); body != nil {
		r.block(body, name)
	}
}

// method reads self.x = ... in __init__ (and __post_init__), the only
// function bodies whose values are configuration rather than computation.
func (r *pyReader) method(n *pyparse.Node) {
	id := n.ChildByField("name")
	if id == nil {
		return
	}
	if name := id.Text(r.f.Src); name != "__init__" && name != "__post_init__" {
		return
	}
	body := n.ChildByField("body")
	if body == nil {
		return
	}
	var walk func(b *pyparse.Node)
	walk = func(b *pyparse.Node) {
		for _, st := range b.Children {
			switch st.Type {
			case "expression_statement":
				for _, c := range st.Children {
					if c.Type == "assignment" {
						r.assignment(c, true)
					}
				}
			case "if_statement", "try_statement", "with_statement", "else_clause", "elif_clause",
				"except_clause", "finally_clause", "block":
				walk(st)
			}
		}
	}
	walk(body)
}

// assignment reads `name = value`, `name: T = value` and, in __init__,
// `self.name = value`; chained assignments (a = b = 3) bind each name.
func (r *pyReader) assignment(n *pyparse.Node, self bool) {
	left, right := n.ChildByField("left"), n.ChildByField("right")
	if left == nil || right == nil {
		return
	}
	key := ""
	switch {
	case !self && left.Type == "identifier":
		key = left.Text(r.f.Src)
	case self && left.Type == "attribute":
		obj, attr := left.ChildByField("object"), left.ChildByField("attribute")
		if obj != nil && attr != nil && obj.Text(r.f.Src) == "self" {
			key = attr.Text(r.f.Src)
		}
	}
	if right.Type == "assignment" { // a = b = value
		r.assignment(right, self)
		if v := right.ChildByField("right"); v != nil {
			right = v
		}
	}
	if key == "" {
		return
	}
	r.value(left.Line, "", key, right, 0)
}

// value binds key to v: a literal is a setting; a dict's and a call's
// literal entries are settings under key; anything else is code.
func (r *pyReader) value(line int, parent, key string, v *pyparse.Node, depth int) {
	if depth > maxDepth {
		return
	}
	text := strings.Join(strings.Fields(v.Text(r.f.Src)), " ")
	switch {
	case r.literal(v, text):
		r.out = append(r.out, Setting{Path: r.path, Line: line, Parent: parent, Key: key, Value: pyValue(text)})
	case v.Type == "dictionary":
		for _, p := range v.Children {
			if p.Type != "pair" {
				continue
			}
			k, val := p.ChildByField("key"), p.ChildByField("value")
			name, ok := r.stringKey(k)
			if !ok || val == nil {
				continue
			}
			if r.literal(val, strings.Join(strings.Fields(val.Text(r.f.Src)), " ")) || val.Type == "dictionary" || val.Type == "call" {
				r.value(p.Line, key, name, val, depth+1)
			}
		}
	case v.Type == "call":
		fn := v.ChildByField("function")
		args := v.ChildByField("arguments")
		if fn != nil && args != nil && strings.HasSuffix(fn.Text(r.f.Src), "deque") && strings.Contains(strings.ToLower(key), "event") {
			for _, a := range args.Children {
				if a.Type == "keyword_argument" && a.ChildByField("name") != nil && a.ChildByField("name").Text(r.f.Src) == "maxlen" {
					// deque(maxlen=N) of risk events is the seed's risk event buffer
					if val := a.ChildByField("value"); val != nil && val.Type == "integer" {
						r.out = append(r.out, Setting{Path: r.path, Line: line, Key: "risk_event_buffer", Value: val.Text(r.f.Src)})
					}
				}
			}
			return
		}
		if parent == "" {
			r.out = append(r.out, Setting{Path: r.path, Line: line, Key: key, Value: text, Code: true})
		}
		if args == nil {
			return
		}
		for _, a := range args.Children {
			switch a.Type {
			case "keyword_argument":
				name, val := a.ChildByField("name"), a.ChildByField("value")
				if name != nil && val != nil && (r.literal(val, strings.Join(strings.Fields(val.Text(r.f.Src)), " ")) || val.Type == "dictionary") {
					r.value(a.Line, key, name.Text(r.f.Src), val, depth+1)
				}
			case "dictionary":
				r.value(a.Line, parent, key, a, depth+1)
			}
		}
	case parent == "":
		r.out = append(r.out, Setting{Path: r.path, Line: line, Key: key, Value: text, Code: true})
	}
}

// literalTypes are the nodes a literal value can be; pyLiteral then checks
// the text, as the limits parser reads it.
var literalTypes = map[string]bool{"integer": true, "float": true, "string": true, "true": true, "false": true,
	"none": true, "unary_operator": true, "call": true, "attribute": true}

func (r *pyReader) literal(v *pyparse.Node, text string) bool {
	if !literalTypes[v.Type] {
		return false
	}
	if v.Type == "string" && strings.ContainsAny(text, "{") && strings.HasPrefix(strings.ToLower(text), "f") {
		return false // an f-string with fields is computed
	}
	return pyLiteral.MatchString(text)
}

// stringKey is a dict key written as a plain string literal.
func (r *pyReader) stringKey(k *pyparse.Node) (string, bool) {
	if k == nil || k.Type != "string" {
		return "", false
	}
	t := k.Text(r.f.Src)
	if len(t) < 2 || (t[0] != '\'' && t[0] != '"') {
		return "", false
	}
	name := strings.Trim(t, `'"`)
	if name == "" || strings.ContainsAny(name, " \t\n{}") {
		return "", false
	}
	return name, true
}
