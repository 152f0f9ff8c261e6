package python

import (
	"regexp"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// passwordName is Bandit's RE_CANDIDATES, applied to identifiers and to
// subscript keys.
var passwordName = regexp.MustCompile(`(?i)(^(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)$|_(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)_|^(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)_|_(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)$)`)

// sqlStatement is Bandit's SIMPLE_SQL_RE, applied to string literals.
var sqlStatement = regexp.MustCompile(`(?is)(select\s.*from\s|delete\s+from\s|insert\s+into\s.*values\s|update\s.*set\s)`)

var tmpDirs = []string{"/tmp", "/var/tmp", "/dev/shm"}

func (a *analyzer) checkAssert(n *pyparse.Node) {
	a.report(n, nil, ruleAssert, finding.Low, "high",
		"Use of assert detected. The enclosed code will be removed when compiling to optimised byte code.", "assert", "")
}

func (a *analyzer) checkExcept(n *pyparse.Node) {
	var typ, body *pyparse.Node
	for _, c := range n.Children {
		switch {
		case c.Type == "block":
			body = c
		case c.Field == "alias" || !c.Named || c.Type == "comment":
		case typ == nil:
			typ = c
		}
	}
	if body == nil {
		return
	}
	stmts := body.NamedChildren()
	if len(stmts) != 1 {
		return
	}
	if typ != nil && typ.Type == "as_pattern" {
		if kids := typ.NamedChildren(); len(kids) > 0 {
			typ = kids[0]
		}
	}
	typ = unparen(typ)
	if typ != nil && !(typ.Type == "identifier" && a.text(typ) == "Exception") {
		return
	}
	switch stmts[0].Type {
	case "pass_statement":
		a.report(n, nil, ruleTryPass, finding.Low, "high", "Try, Except, Pass detected.", "except-pass", "")
	case "continue_statement":
		a.report(n, nil, ruleTryContinue, finding.Low, "high", "Try, Except, Continue detected.", "except-continue", "")
	}
}

func (a *analyzer) checkFunctionDef(n *pyparse.Node) {
	params := n.ChildByField("parameters").NamedChildren()
	pwDone, sslDone := false, false
	for _, p := range params {
		if p.Type != "default_parameter" && p.Type != "typed_default_parameter" {
			continue
		}
		name, value := p.ChildByField("name"), unparen(p.ChildByField("value"))
		if name == nil || value == nil {
			continue
		}
		if !pwDone && name.Type == "identifier" && a.nonEmptyStr(value) && passwordName.MatchString(a.text(name)) {
			pwDone = true
			a.report(n, nil, rulePwDefault, finding.Low, "medium",
				"Possible hardcoded password: default of parameter "+a.text(name)+".", a.text(name), "")
		}
		if !sslDone && value.Type == "attribute" {
			attr := a.text(value.ChildByField("attribute"))
			for _, bad := range badSSL {
				if attr == bad {
					sslDone = true
					a.report(n, nil, ruleSSLDefaults, finding.Medium, "medium",
						"Function definition identified with insecure SSL/TLS protocol version by default ("+attr+"), possible security issue.", a.text(name), "")
					break
				}
			}
		}
	}
}

func (a *analyzer) checkPasswordFuncArg(c *call) {
	for _, k := range c.kwargs {
		name := a.text(k.ChildByField("name"))
		if a.nonEmptyStr(k.ChildByField("value")) && passwordName.MatchString(name) {
			a.report(c.node, nil, rulePwFuncArg, finding.Low, "medium",
				"Possible hardcoded password: argument "+name+" of "+orCall(c.qual)+".", c.qual+"|"+name, "")
			return
		}
	}
}

// nonEmptyStr is a string literal other than "": an empty password is a
// placeholder, not a hard-coded secret (Bandit 1.6.2 reports it).
func (a *analyzer) nonEmptyStr(n *pyparse.Node) bool {
	l := a.literal(n)
	return l.kind == litStr && l.s != ""
}

func orCall(q string) string {
	if q == "" {
		return "a call"
	}
	return q
}

// parentExpr is n's parent, through parentheses (Python's AST has none).
func parentExpr(n *pyparse.Node) (*pyparse.Node, *pyparse.Node) {
	child, p := n, n.Parent
	for p != nil && p.Type == "parenthesized_expression" {
		child, p = p, p.Parent
	}
	return child, p
}

// visitString runs Bandit's string checks on a literal that is not an
// expression statement (a docstring).
func (a *analyzer) visitString(n *pyparse.Node) {
	child, p := parentExpr(n)
	if p == nil || p.Type == "expression_statement" {
		return
	}
	s, ok := decodeString(n, a.src)
	if !ok || s.bytes {
		return
	}
	for _, part := range s.parts {
		if part == "0.0.0.0" {
			a.report(n, nil, ruleBindAll, finding.Medium, "medium", "Possible binding to all interfaces.", "0.0.0.0", "")
			break
		}
	}
	for _, part := range s.parts {
		if hasTmpPrefix(part) {
			a.report(n, nil, ruleTmp, finding.Medium, "medium", "Probable insecure usage of temp file/directory.", "tmp", "")
			break
		}
	}
	if !s.fstring && s.value != "" {
		a.checkPasswordString(n, child, p, s.value)
	}
	a.checkSQL(n, child, p, s)
}

func hasTmpPrefix(s string) bool {
	for _, d := range tmpDirs {
		if strings.HasPrefix(s, d) {
			return true
		}
	}
	return false
}

func (a *analyzer) checkPasswordString(n, child, p *pyparse.Node, value string) {
	switch p.Type {
	case "assignment":
		if child.Field != "right" || p.ChildByField("type") != nil {
			return
		}
		for cur := p; cur != nil && cur.Type == "assignment"; {
			t := unparen(cur.ChildByField("left"))
			if t != nil && t.Type == "identifier" && passwordName.MatchString(a.text(t)) {
				a.report(n, nil, rulePwString, finding.Low, "medium", "Possible hardcoded password assigned to "+a.text(t)+".", a.text(t), "")
				return
			}
			_, up := parentExpr(cur)
			if up == nil || up.Type != "assignment" {
				return
			}
			cur = up
		}
	case "subscript":
		if child.Field != "subscript" || !passwordName.MatchString(value) {
			return
		}
		_, assign := parentExpr(p)
		if assign != nil && assign.Type == "assignment" && assign.ChildByField("left") == p && a.isStr(assign.ChildByField("right")) {
			a.report(n, nil, rulePwString, finding.Low, "medium",
				"Possible hardcoded password stored under a password-like key of "+describe(p.ChildByField("value"), a.src)+".", describe(p, a.src), "")
		}
	case "comparison_operator":
		ops := p.NamedChildren()
		if len(ops) < 2 || ops[1] != child {
			return
		}
		if left := unparen(ops[0]); left.Type == "identifier" && passwordName.MatchString(a.text(left)) {
			a.report(n, nil, rulePwString, finding.Low, "medium", "Possible hardcoded password compared with "+a.text(left)+".", a.text(left), "")
		}
	}
}

// checkSQL is Bandit's B608: the string is part of a + or % chain, the
// object of .format(), or an f-string, and the text reads as SQL.
func (a *analyzer) checkSQL(n, child, p *pyparse.Node, s strLit) {
	var expr *pyparse.Node
	var statement string
	switch {
	case p.Type == "binary_operator":
		top := p
		for {
			_, up := parentExpr(top)
			if up == nil || up.Type != "binary_operator" {
				break
			}
			top = up
		}
		if a.sqlSeen[top] {
			return
		}
		a.sqlSeen[top] = true
		var parts []string
		var collect func(b *pyparse.Node)
		collect = func(b *pyparse.Node) {
			for _, side := range []*pyparse.Node{b.ChildByField("left"), b.ChildByField("right")} {
				side = unparen(side)
				if side == nil {
					continue
				}
				if side.Type == "binary_operator" {
					collect(side)
				} else if isStringNode(side) {
					if v, ok := decodeString(side, a.src); ok && !v.bytes {
						parts = append(parts, v.value)
					}
				}
			}
		}
		collect(top)
		expr, statement = top, strings.Join(parts, " ")
	case p.Type == "attribute" && child.Field == "object" && a.text(p.ChildByField("attribute")) == "format":
		call := p.Parent
		if call == nil || call.Type != "call" {
			return
		}
		expr, statement = call, s.value
	case s.fstring:
		expr, statement = n, s.value
	default:
		return
	}
	if !sqlStatement.MatchString(statement) {
		return
	}
	conf := "low"
	_, wrap := parentExpr(expr)
	if wrap != nil && wrap.Type == "argument_list" {
		wrap = wrap.Parent
	}
	target := "a string"
	if wrap != nil && wrap.Type == "call" {
		name := calledName(wrap, a.src)
		if name == "execute" || name == "executemany" {
			conf = "medium"
			target = name + "()"
		}
	}
	sev, taint := rate(a.flow.classify(expr), finding.Medium)
	a.report(n, expr, ruleSQL, sev, conf,
		"Possible SQL injection vector through string-based query construction in "+target+flowNote(taint)+".", "sql", taint)
}

// calledName is Bandit's get_called_name: the attribute or name called.
func calledName(call *pyparse.Node, src []byte) string {
	fn := unparen(call.ChildByField("function"))
	switch {
	case fn == nil:
	case fn.Type == "attribute":
		return fn.ChildByField("attribute").Text(src)
	case fn.Type == "identifier":
		return fn.Text(src)
	}
	return ""
}

// describe renders an expression for a message: its source with string
// literals elided, white space collapsed, and at most 80 bytes.
func describe(n *pyparse.Node, src []byte) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	pos := n.Start
	pyparse.Walk(n, func(c *pyparse.Node) bool {
		if isStringNode(c) || c.Type == "comment" {
			if c.Start >= pos {
				b.Write(src[pos:c.Start])
				if c.Type != "comment" {
					b.WriteString(`"…"`)
				}
				pos = c.End
			}
			return false
		}
		return true
	})
	if n.End > pos {
		b.Write(src[pos:n.End])
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if len(out) > 80 {
		out = out[:77] + "..."
	}
	return strings.ToValidUTF8(out, "?")
}
