package python

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// found is an issue and the node whose check raised it (for nosec).
type found struct {
	issue Issue
	node  *pyparse.Node
}

// analyzer holds the state of one file's analysis.
type analyzer struct {
	f   *pyparse.File
	src []byte
	opt AnalyzeOptions

	testFile bool
	// quiet counts the issues of QuietInTests rules a test file had.
	quiet int
	// aliases maps a local name to the qualified name it was imported as,
	// as Bandit's import_aliases; imports are the qualified names imported.
	// Both grow in source order, as Bandit's visitor sees the imports.
	aliases   map[string]string
	imports   map[string]bool
	importSeq []string

	scope []string // enclosing class and function names, for identities
	found []found
	nosec map[int]nosecDirective
	flow  *flow
	// sqlSeen are the + and % chains B608 has looked at.
	sqlSeen map[*pyparse.Node]bool
}

func newAnalyzer(f *pyparse.File, opt AnalyzeOptions) *analyzer {
	a := &analyzer{
		f: f, src: f.Src, opt: opt,
		testFile: opt.Path != "" && IsTestFile(opt.Path),
		aliases:  map[string]string{},
		imports:  map[string]bool{},
		sqlSeen:  map[*pyparse.Node]bool{},
	}
	a.nosec = collectNosec(f)
	a.flow = newFlow(a)
	return a
}

func (a *analyzer) run() { a.visit(a.f.Root) }

// visit walks the tree in source order. Depth is bounded by the parser's
// depth limit.
func (a *analyzer) visit(n *pyparse.Node) {
	pushed := false
	switch n.Type {
	case "import_statement", "import_from_statement", "future_import_statement":
		a.visitImport(n)
	case "call":
		a.visitCall(n)
	case "assert_statement":
		a.checkAssert(n)
	case "exec_statement":
		a.report(n, n, ruleExec, finding.Medium, "high", "use of exec", "exec", "")
	case "except_clause", "except_group_clause":
		a.checkExcept(n)
	case "function_definition":
		a.checkFunctionDef(n)
		a.scope = append(a.scope, a.text(n.ChildByField("name")))
		pushed = true
	case "class_definition":
		a.scope = append(a.scope, a.text(n.ChildByField("name")))
		pushed = true
	case "string", "concatenated_string":
		if n.Parent == nil || n.Parent.Type != "concatenated_string" {
			a.visitString(n)
		}
	case "comparison_operator":
		a.checkTimingCompare(n)
	}
	for _, c := range n.Children {
		a.visit(c)
	}
	if pushed {
		a.scope = a.scope[:len(a.scope)-1]
	}
}

func (a *analyzer) text(n *pyparse.Node) string { return n.Text(a.src) }

// scopeName is the dotted name of the enclosing classes and functions, or
// "<module>".
func (a *analyzer) scopeName() string {
	if len(a.scope) == 0 {
		return "<module>"
	}
	return strings.Join(a.scope, ".")
}

// report records an issue raised at node n (whose line Bandit's nosec
// checks) and reported at line node at.
func (a *analyzer) report(n, at *pyparse.Node, r *ruleDef, sev finding.Severity, conf, msg, subject, taint string) {
	if a.testFile && QuietInTests[r.BanditID] {
		a.quiet++
		return
	}
	if at == nil {
		at = n
	}
	// A keyword's value is reported where Python's AST puts it, and
	// parentheses are not AST nodes: `shell=(\n True)` is True's line.
	at = unparen(at)
	id := r.ID + "|" + subject + "|" + a.scopeName()
	a.found = append(a.found, found{node: n, issue: Issue{
		Rule: r.ID, BanditID: r.BanditID,
		Line: at.Line, EndLine: n.EndLine, Col: at.Col,
		Severity: sev, Confidence: conf, CWE: r.CWE,
		Message: oneLine(msg), Identity: id, Taint: taint,
	}})
}

// oneLine keeps a message on one line and bounded in length.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// unparen strips parentheses around an expression, as Python's AST does.
func unparen(n *pyparse.Node) *pyparse.Node {
	for n != nil && n.Type == "parenthesized_expression" {
		var inner *pyparse.Node
		for _, c := range n.Children {
			if c.Named && c.Type != "comment" {
				inner = c
				break
			}
		}
		if inner == nil {
			return n
		}
		n = inner
	}
	return n
}

// visitImport records aliases and imports the way Bandit's visitor does,
// then runs the import blacklist.
func (a *analyzer) visitImport(n *pyparse.Node) {
	var module string
	isFrom := n.Type != "import_statement"
	if isFrom {
		if n.Type == "future_import_statement" {
			module = "__future__"
		} else if m := n.ChildByField("module_name"); m != nil {
			if m.Type == "relative_import" {
				// Bandit keeps the module without its dots; "from . import x"
				// has no module and is treated as "import x".
				if d := m.ChildOfType("dotted_name"); d != nil {
					module = dottedName(d, a.src)
				}
			} else {
				module = dottedName(m, a.src)
			}
		}
	}
	var names []importName
	for _, c := range n.Children {
		if c.Field != "name" && c.Type != "wildcard_import" {
			continue
		}
		var in importName
		switch c.Type {
		case "aliased_import":
			in.name = dottedName(c.ChildByField("name"), a.src)
			in.asname = a.text(c.ChildByField("alias"))
		case "dotted_name":
			in.name = dottedName(c, a.src)
		case "wildcard_import":
			in.name = "*"
		default:
			continue
		}
		in.node = c
		names = append(names, in)
	}
	for _, in := range names {
		if isFrom && module != "" {
			full := module + "." + in.name
			if in.asname != "" {
				a.aliases[in.asname] = full
			} else {
				a.aliases[in.name] = full
			}
			a.addImport(full)
		} else {
			if in.asname != "" {
				a.aliases[in.asname] = in.name
			}
			a.addImport(in.name)
		}
	}
	a.checkImportBlacklist(n, module, isFrom, names)
}

type importName struct {
	name, asname string
	node         *pyparse.Node
}

func (a *analyzer) addImport(name string) {
	if !a.imports[name] {
		a.imports[name] = true
		a.importSeq = append(a.importSeq, name)
	}
}

// importedLike is Bandit's is_module_imported_like: some import contains
// module as a substring.
func (a *analyzer) importedLike(module string) bool {
	for _, imp := range a.importSeq {
		if strings.Contains(imp, module) {
			return true
		}
	}
	return false
}

// importedModule reports whether module, or something from it, was
// imported (`import yaml`, `from yaml import load`).
func (a *analyzer) importedModule(module string) bool {
	for _, imp := range a.importSeq {
		if imp == module || strings.HasPrefix(imp, module+".") {
			return true
		}
	}
	return false
}

// dottedName is the text of a dotted_name without white space or comments.
func dottedName(n *pyparse.Node, src []byte) string {
	if n == nil {
		return ""
	}
	if n.Type != "dotted_name" {
		return n.Text(src)
	}
	var parts []string
	for _, c := range n.Children {
		if c.Type == "identifier" {
			parts = append(parts, c.Text(src))
		}
	}
	return strings.Join(parts, ".")
}

// qualName is Bandit's qualified name of an expression used as a callee:
// names resolved through the import aliases, attributes joined with dots,
// "" for anything else (an attribute of a call or subscript gives ".attr").
func (a *analyzer) qualName(n *pyparse.Node) string {
	n = unparen(n)
	if n == nil {
		return ""
	}
	switch n.Type {
	case "identifier":
		id := a.text(n)
		if q, ok := a.aliases[id]; ok {
			return q
		}
		return id
	case "attribute":
		name := a.qualName(n.ChildByField("object")) + "." + a.text(n.ChildByField("attribute"))
		if q, ok := a.aliases[name]; ok {
			return q
		}
		return name
	}
	return ""
}

// callee is the qualified name of a call's function ("" when it has none).
func (a *analyzer) callee(call *pyparse.Node) string {
	fn := unparen(call.ChildByField("function"))
	if fn == nil || (fn.Type != "identifier" && fn.Type != "attribute") {
		return ""
	}
	return a.qualName(fn)
}

// lastPart is the name after the last dot.
func lastPart(q string) string {
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[i+1:]
	}
	return q
}
