package python

import (
	"strconv"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// call is what the call checks see of one call, as Bandit's Context does.
type call struct {
	node   *pyparse.Node
	qual   string          // qualified name, aliases resolved
	name   string          // the name after the last dot
	args   []*pyparse.Node // positional arguments (a *splat is one)
	kwargs []*pyparse.Node // keyword_argument nodes
	splat  bool            // has a **mapping argument
}

func (a *analyzer) newCall(n *pyparse.Node) *call {
	c := &call{node: n, qual: a.callee(n)}
	c.name = lastPart(c.qual)
	argl := n.ChildByField("arguments")
	if argl == nil {
		return c
	}
	if argl.Type == "generator_expression" {
		c.args = []*pyparse.Node{argl}
		return c
	}
	for _, ch := range argl.Children {
		if !ch.Named || ch.Type == "comment" {
			continue
		}
		switch ch.Type {
		case "keyword_argument":
			c.kwargs = append(c.kwargs, ch)
		case "dictionary_splat":
			c.splat = true
		default:
			c.args = append(c.args, ch)
		}
	}
	return c
}

// kw is the value of keyword argument name, or nil.
func (a *analyzer) kw(c *call, name string) *pyparse.Node {
	for _, k := range c.kwargs {
		if a.text(k.ChildByField("name")) == name {
			return k.ChildByField("value")
		}
	}
	return nil
}

// hasKw reports whether keyword argument name is given.
func (a *analyzer) hasKw(c *call, name string) bool { return a.kw(c, name) != nil }

// arg is positional argument i, or nil.
func (c *call) arg(i int) *pyparse.Node {
	if i < len(c.args) {
		return c.args[i]
	}
	return nil
}

// litKind classifies a literal the way Bandit's _get_literal_value does.
type litKind int

const (
	litNone  litKind = iota // not a literal Bandit reads (a call, an f-string, -1)
	litInt                  // ast.Num holding an int
	litFloat                // ast.Num holding a float or complex
	litStr                  // ast.Str
	litBytes                // ast.Bytes
	litName                 // ast.Name: its identifier
	litConst                // True, False, None: "True", "False", "None"
	litAttr                 // an attribute, read as its attribute name (call_args, call_keywords)
	litList                 // list, tuple or set
	litDict                 // dict
)

type lit struct {
	kind litKind
	s    string // string value, identifier, constant name or attribute name
	i    int64
	elts []lit
	node *pyparse.Node
}

// literal is Bandit's _get_literal_value of n.
func (a *analyzer) literal(n *pyparse.Node) lit {
	n = unparen(n)
	if n == nil {
		return lit{}
	}
	l := lit{node: n}
	switch n.Type {
	case "integer":
		if v, ok := parseInt(a.text(n)); ok {
			l.kind, l.i = litInt, v
		} else {
			l.kind = litFloat
		}
	case "float":
		l.kind = litFloat
	case "string", "concatenated_string":
		s, _ := decodeString(n, a.src)
		switch {
		case s.fstring:
		case s.bytes:
			l.kind, l.s = litBytes, s.value
		default:
			l.kind, l.s = litStr, s.value
		}
	case "list", "tuple", "set":
		l.kind = litList
		for _, c := range n.Children {
			if c.Named && c.Type != "comment" {
				l.elts = append(l.elts, a.literal(c))
			}
		}
	case "dictionary":
		l.kind = litDict
	case "identifier":
		l.kind, l.s = litName, a.text(n)
	case "true":
		l.kind, l.s = litConst, "True"
	case "false":
		l.kind, l.s = litConst, "False"
	case "none":
		l.kind, l.s = litConst, "None"
	}
	return l
}

// argValue is how Bandit's call_args and call_keywords read an argument: an
// attribute's name, else the literal value.
func (a *analyzer) argValue(n *pyparse.Node) lit {
	n = unparen(n)
	if n != nil && n.Type == "attribute" {
		return lit{kind: litAttr, s: a.text(n.ChildByField("attribute")), node: n}
	}
	return a.literal(n)
}

// str is the literal's value as Bandit compares it with a string: strings,
// names, True/False/None and attribute names; ok is false otherwise.
func (l lit) str() (string, bool) {
	switch l.kind {
	case litStr, litName, litConst, litAttr:
		return l.s, true
	}
	return "", false
}

// is reports whether the literal equals one of the strings, as Bandit's
// check_call_arg_value compares.
func (l lit) is(values ...string) bool {
	s, ok := l.str()
	if !ok {
		return false
	}
	for _, v := range values {
		if s == v {
			return true
		}
	}
	return false
}

// kwIs is Bandit's check_call_arg_value(name, values) == True.
func (a *analyzer) kwIs(c *call, name string, values ...string) bool {
	v := a.kw(c, name)
	return v != nil && a.argValue(v).is(values...)
}

// isStr reports whether n is a plain (not f-, not bytes) string literal:
// Bandit's isinstance(node, ast.Str).
func (a *analyzer) isStr(n *pyparse.Node) bool {
	return a.literal(n).kind == litStr
}

// pyRepr renders a literal in Python's syntax (for B609's argument string).
func (l lit) text() string {
	switch l.kind {
	case litInt:
		return strconv.FormatInt(l.i, 10)
	case litStr, litName, litConst, litAttr, litBytes:
		return l.s
	case litList:
		s := "["
		for i, e := range l.elts {
			if i > 0 {
				s += ", "
			}
			s += e.text()
		}
		return s + "]"
	}
	return ""
}
