package python

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// Flows is the data flow the rules follow, within one file. An expression is
// constant, tainted or unknown:
//
//   - constant: string, bytes and number literals, True/False/None; f-strings,
//     %, +, .format(), .join() and other str methods, containers and
//     conditional expressions whose parts are all constant; int(), float(),
//     len(), bool() of anything; shlex.quote() and pipes.quote() of anything
//     (quoted for the shell).
//   - tainted: a function parameter (not self or cls); flask.request and
//     anything under it; request.* and self.request.* where request is a
//     parameter (Django views); os.environ, os.environb, os.getenv(),
//     os.getenvb(); sys.argv; sys.stdin; input() and raw_input(); the result
//     of a .parse_args() call (argparse); and any expression built from a
//     tainted part by the operations above, subscripting, attribute access or
//     str(), repr(), format(), os.path functions and str methods.
//   - unknown: everything else (other calls, imported names, attributes of
//     unknown objects, comprehensions, lambdas, await).
//
// A name is resolved through the assignments to it earlier in the same
// function (x = ..., x: T = ..., x += ..., a = b = ..., tuple unpacking,
// for-loop and comprehension targets, the walrus operator), then through its
// parameters, then the enclosing functions, then the module's top-level
// assignments. Assignments are combined flow-insensitively: a name assigned
// both a constant and a tainted value earlier is tainted. Names bound by
// with ... as, except ... as, import or def are unknown. Nothing is followed
// across functions (a call's return value is unknown) or files, and
// reassignment of imported names is not tracked.
type flow struct {
	a      *analyzer
	scopes map[*pyparse.Node]*scopeInfo
	memo   map[*pyparse.Node]verdict
	busy   map[*pyparse.Node]bool
}

type class int

const (
	unknown class = iota
	constant
	tainted
)

// verdict is a classification and, when tainted, what the taint came from.
type verdict struct {
	class  class
	source string
}

// combine joins the verdicts of an expression's parts: tainted if any part
// is, constant if all are.
func combine(vs ...verdict) verdict {
	out := verdict{class: constant}
	for _, v := range vs {
		switch v.class {
		case tainted:
			return v
		case unknown:
			out = verdict{class: unknown}
		}
	}
	return out
}

type binding struct {
	at    uint32        // where the binding happens
	value *pyparse.Node // what is bound; nil for an unknown value
	elem  bool          // the target is an element of value (unpacking, iteration)
	aug   bool          // x op= value
}

type scopeInfo struct {
	node     *pyparse.Node
	params   map[string]bool
	bindings map[string][]binding
}

func newFlow(a *analyzer) *flow {
	return &flow{a: a, scopes: map[*pyparse.Node]*scopeInfo{}, memo: map[*pyparse.Node]verdict{}, busy: map[*pyparse.Node]bool{}}
}

// isScope reports whether n opens a scope for names.
func isScope(n *pyparse.Node) bool {
	return n.Type == "function_definition" || n.Type == "class_definition" || n.Type == "module"
}

// scopeOf is the innermost scope around n.
func scopeOf(n *pyparse.Node) *pyparse.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if isScope(p) {
			return p
		}
	}
	return nil
}

func (fl *flow) scope(n *pyparse.Node) *scopeInfo {
	if s, ok := fl.scopes[n]; ok {
		return s
	}
	s := &scopeInfo{node: n, params: map[string]bool{}, bindings: map[string][]binding{}}
	fl.scopes[n] = s
	body := n
	if n.Type == "function_definition" {
		for _, p := range n.ChildByField("parameters").NamedChildren() {
			if name := paramName(p, fl.a.src); name != "" {
				s.params[name] = true
			}
		}
		body = n.ChildByField("body")
	} else if n.Type == "class_definition" {
		body = n.ChildByField("body")
	}
	if body == nil {
		return s
	}
	pyparse.Walk(body, func(c *pyparse.Node) bool {
		if c != body && isScope(c) {
			if name := c.ChildByField("name"); name != nil {
				s.add(fl.a.text(name), binding{at: c.Start})
			}
			return false
		}
		fl.collect(s, c)
		return c.Type != "lambda"
	})
	return s
}

func (s *scopeInfo) add(name string, b binding) {
	s.bindings[name] = append(s.bindings[name], b)
}

// paramName is the name a parameter binds.
func paramName(p *pyparse.Node, src []byte) string {
	switch p.Type {
	case "identifier":
		return p.Text(src)
	case "default_parameter", "typed_default_parameter":
		if n := p.ChildByField("name"); n != nil && n.Type == "identifier" {
			return n.Text(src)
		}
	case "typed_parameter", "list_splat_pattern", "dictionary_splat_pattern":
		for _, c := range p.Children {
			if c.Type == "identifier" {
				return c.Text(src)
			}
			if c.Type == "list_splat_pattern" || c.Type == "dictionary_splat_pattern" {
				return paramName(c, src)
			}
		}
	}
	return ""
}

// collect records the bindings a node makes.
func (fl *flow) collect(s *scopeInfo, n *pyparse.Node) {
	switch n.Type {
	case "assignment":
		if n.Parent != nil && n.Parent.Type == "assignment" {
			return // the outer assignment binds for the whole chain
		}
		value := n
		var targets []*pyparse.Node
		for value != nil && value.Type == "assignment" {
			if l := value.ChildByField("left"); l != nil {
				targets = append(targets, l)
			}
			value = value.ChildByField("right")
		}
		for _, t := range targets {
			fl.bind(s, t, value, n.End, false)
		}
	case "augmented_assignment":
		if t := n.ChildByField("left"); t != nil && t.Type == "identifier" {
			s.add(fl.a.text(t), binding{at: n.End, value: n.ChildByField("right"), aug: true})
		}
	case "for_statement", "for_in_clause":
		if r := n.ChildByField("right"); r != nil {
			fl.bindElem(s, n.ChildByField("left"), r, r.End)
		}
	case "named_expression":
		if t := n.ChildByField("name"); t != nil {
			s.add(fl.a.text(t), binding{at: n.End, value: n.ChildByField("value")})
		}
	case "as_pattern_target":
		for _, c := range n.Children {
			if c.Type == "identifier" {
				s.add(fl.a.text(c), binding{at: n.Start})
			}
		}
	case "import_statement", "import_from_statement":
		for _, c := range n.ChildrenByField("name") {
			switch c.Type {
			case "aliased_import":
				s.add(fl.a.text(c.ChildByField("alias")), binding{at: n.Start})
			case "dotted_name":
				if first := c.ChildOfType("identifier"); first != nil {
					s.add(fl.a.text(first), binding{at: n.Start})
				}
			}
		}
	}
}

// bind records target = value, unpacking tuples pairwise when the shapes
// match.
func (fl *flow) bind(s *scopeInfo, target, value *pyparse.Node, at uint32, elem bool) {
	target = unparen(target)
	if target == nil {
		return
	}
	switch target.Type {
	case "identifier":
		s.add(fl.a.text(target), binding{at: at, value: value, elem: elem})
	case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "expression_list":
		ts := target.NamedChildren()
		v := unparen(value)
		if !elem && v != nil && (v.Type == "tuple" || v.Type == "expression_list" || v.Type == "list") {
			if vs := v.NamedChildren(); len(vs) == len(ts) {
				for i := range ts {
					fl.bind(s, ts[i], vs[i], at, false)
				}
				return
			}
		}
		for _, t := range ts {
			fl.bind(s, t, value, at, true)
		}
	case "list_splat_pattern":
		for _, c := range target.NamedChildren() {
			fl.bind(s, c, value, at, true)
		}
	}
}

func (fl *flow) bindElem(s *scopeInfo, target, iter *pyparse.Node, at uint32) {
	fl.bind(s, target, iter, at, true)
}

// classify rates the data an expression carries.
func (fl *flow) classify(n *pyparse.Node) verdict { return fl.class(n, 0) }

// maxFlowDepth bounds how deep classification recurses; maxBindings how
// many assignments to one name are combined.
const (
	maxFlowDepth = 24
	maxBindings  = 64
)

func (fl *flow) class(n *pyparse.Node, depth int) verdict {
	n = unparen(n)
	if n == nil || depth > maxFlowDepth {
		return verdict{}
	}
	switch n.Type {
	case "string", "concatenated_string":
		var parts []verdict
		pyparse.Walk(n, func(c *pyparse.Node) bool {
			if c.Type == "interpolation" {
				parts = append(parts, fl.class(c.ChildByField("expression"), depth+1))
				return false
			}
			return true
		})
		return combine(parts...)
	case "integer", "float", "true", "false", "none", "ellipsis", "comparison_operator":
		return verdict{class: constant}
	case "binary_operator", "boolean_operator":
		return combine(fl.class(n.ChildByField("left"), depth+1), fl.class(n.ChildByField("right"), depth+1))
	case "unary_operator", "not_operator":
		return fl.class(n.ChildByField("argument"), depth+1)
	case "conditional_expression":
		kids := n.NamedChildren()
		if len(kids) == 3 {
			return combine(fl.class(kids[0], depth+1), fl.class(kids[2], depth+1))
		}
	case "tuple", "list", "set", "expression_list", "dictionary", "pair", "list_splat", "parenthesized_list_splat":
		var parts []verdict
		for _, c := range n.NamedChildren() {
			parts = append(parts, fl.class(c, depth+1))
		}
		return combine(parts...)
	case "named_expression":
		return fl.class(n.ChildByField("value"), depth+1)
	case "identifier":
		return fl.name(n, depth)
	case "attribute", "subscript":
		if src := fl.source(n); src != "" {
			return verdict{class: tainted, source: src}
		}
		obj := n.ChildByField("object")
		if n.Type == "subscript" {
			obj = n.ChildByField("value")
		}
		v := fl.class(obj, depth+1)
		if v.class == tainted || n.Type == "subscript" && v.class == constant {
			return v
		}
	case "call":
		return fl.call(n, depth)
	}
	return verdict{}
}

// taintSources are the qualified names whose data is untrusted.
var taintSources = map[string]string{
	"flask.request": "flask request", "os.environ": "os.environ", "os.environb": "os.environ",
	"sys.argv": "sys.argv", "sys.stdin": "sys.stdin",
}

// source names the untrusted source an attribute, subscript or name is, or
// "".
func (fl *flow) source(n *pyparse.Node) string {
	a := fl.a
	for cur := unparen(n); cur != nil; {
		switch cur.Type {
		case "identifier", "attribute":
			q := a.qualName(cur)
			for name, src := range taintSources {
				if q == name || strings.HasPrefix(q, name+".") {
					return src
				}
			}
			if cur.Type == "attribute" {
				obj := unparen(cur.ChildByField("object"))
				if obj != nil && obj.Type == "identifier" && a.text(cur.ChildByField("attribute")) == "request" && a.text(obj) == "self" {
					return "request data"
				}
				cur = obj
				continue
			}
			if a.text(cur) == "request" && fl.isParam(cur) {
				return "request data"
			}
			return ""
		case "subscript":
			cur = unparen(cur.ChildByField("value"))
		case "call":
			cur = unparen(cur.ChildByField("function"))
		default:
			return ""
		}
	}
	return ""
}

// isParam reports whether identifier n names a parameter of its function.
func (fl *flow) isParam(n *pyparse.Node) bool {
	for s := scopeOf(n); s != nil; s = scopeOf(s) {
		if s.Type == "function_definition" {
			return fl.scope(s).params[fl.a.text(n)]
		}
	}
	return false
}

// safeCalls return data that cannot inject: numbers and shell-quoted text.
var safeCalls = map[string]bool{
	"int": true, "float": true, "len": true, "bool": true, "abs": true, "round": true,
	"shlex.quote": true, "pipes.quote": true, "uuid.uuid4": true,
}

// passCalls return their arguments' data.
var passCalls = map[string]bool{"str": true, "repr": true, "format": true, "bytes": true}

// strMethods return data made from the object and the arguments.
var strMethods = map[string]bool{
	"format": true, "join": true, "strip": true, "lstrip": true, "rstrip": true, "lower": true, "upper": true,
	"replace": true, "encode": true, "decode": true, "split": true, "rsplit": true, "title": true, "capitalize": true,
	"casefold": true, "zfill": true, "ljust": true, "rjust": true, "center": true, "removeprefix": true,
	"removesuffix": true, "splitlines": true, "format_map": true, "get": true, "getlist": true, "read": true,
	"readline": true, "readlines": true, "copy": true, "pop": true, "values": true, "items": true, "keys": true,
}

func (fl *flow) call(n *pyparse.Node, depth int) verdict {
	a := fl.a
	q := a.callee(n)
	switch q {
	case "input", "raw_input":
		return verdict{class: tainted, source: "input()"}
	case "os.getenv", "os.getenvb", "os.environ.get":
		return verdict{class: tainted, source: "os.environ"}
	}
	if safeCalls[q] {
		return verdict{class: constant}
	}
	if strings.HasSuffix(q, ".parse_args") || q == "parse_args" {
		return verdict{class: tainted, source: "command-line arguments"}
	}
	if src := fl.source(n); src != "" {
		return verdict{class: tainted, source: src}
	}
	c := a.newCall(n)
	var parts []verdict
	argsOf := func() {
		for _, x := range c.args {
			parts = append(parts, fl.class(x, depth+1))
		}
		for _, k := range c.kwargs {
			parts = append(parts, fl.class(k.ChildByField("value"), depth+1))
		}
	}
	switch {
	case passCalls[q] || strings.HasPrefix(q, "os.path."):
		argsOf()
		return combine(parts...)
	}
	fn := unparen(n.ChildByField("function"))
	if fn != nil && fn.Type == "attribute" && strMethods[a.text(fn.ChildByField("attribute"))] {
		parts = append(parts, fl.class(fn.ChildByField("object"), depth+1))
		argsOf()
		return combine(parts...)
	}
	return verdict{}
}

// name resolves an identifier through its bindings.
func (fl *flow) name(n *pyparse.Node, depth int) verdict {
	if v, ok := fl.memo[n]; ok {
		return v
	}
	if fl.busy[n] {
		return verdict{}
	}
	fl.busy[n] = true
	v := fl.resolve(n, depth)
	delete(fl.busy, n)
	fl.memo[n] = v
	return v
}

// visible are the bindings of identifier n that reach it: earlier ones in
// its own scope, else all of the nearest enclosing scope that binds it.
// param is set when the name is a parameter of the scope that has it.
func (fl *flow) visible(n *pyparse.Node) (bs []binding, param bool) {
	id := fl.a.text(n)
	first := true
	for s := scopeOf(n); s != nil; s = scopeOf(s) {
		if !first && s.Type == "class_definition" {
			continue // class bodies are not enclosing scopes for their methods
		}
		info := fl.scope(s)
		// in the scope the name is used in, only earlier bindings count;
		// an enclosing scope's bindings have all run by the time an inner
		// function is called
		for _, b := range info.bindings[id] {
			if !first || b.at <= n.Start {
				bs = append(bs, b)
			}
		}
		if len(bs) > maxBindings {
			bs = bs[len(bs)-maxBindings:] // the nearest ones; bounds the work on generated code
		}
		if len(bs) > 0 {
			return bs, false
		}
		if info.params[id] {
			return nil, true
		}
		first = false
	}
	return nil, false
}

// bindingValues are the values assigned to identifier n that reach it.
func (fl *flow) bindingValues(n *pyparse.Node) []*pyparse.Node {
	bs, _ := fl.visible(n)
	var out []*pyparse.Node
	for _, b := range bs {
		if b.value != nil && !b.elem {
			out = append(out, b.value)
		}
	}
	return out
}

func (fl *flow) resolve(n *pyparse.Node, depth int) verdict {
	if src := fl.source(n); src != "" {
		return verdict{class: tainted, source: src}
	}
	id := fl.a.text(n)
	if id == "self" || id == "cls" {
		return verdict{}
	}
	bs, param := fl.visible(n)
	if param {
		return verdict{class: tainted, source: "parameter " + id}
	}
	if len(bs) == 0 {
		return verdict{}
	}
	var parts []verdict
	for _, b := range bs {
		if b.value == nil {
			parts = append(parts, verdict{})
			continue
		}
		parts = append(parts, fl.class(b.value, depth+1))
	}
	return combine(parts...)
}
