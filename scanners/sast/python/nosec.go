package python

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// nosecDirective is a `# nosec` comment: bare (all), or naming rules.
type nosecDirective struct {
	all    bool
	ids    []string
	reason string
}

// collectNosec finds the nosec comments. As Bandit 1.6.2, a comment
// containing "#nosec" or "# nosec" marks its line. What follows may name
// rules, by Bandit ID, Bandit test name or our rule ID, separated by commas
// or spaces ("# nosec B602, B607"); the rest of the comment is the reason.
func collectNosec(f *pyparse.File) map[int]nosecDirective {
	out := map[int]nosecDirective{}
	for _, c := range f.Comments {
		d, ok := parseNosec(c.Text(f.Src))
		if ok {
			out[c.Line] = d
		}
	}
	return out
}

func parseNosec(text string) (nosecDirective, bool) {
	i := strings.Index(text, "#nosec")
	skip := len("#nosec")
	if j := strings.Index(text, "# nosec"); j >= 0 && (i < 0 || j < i) {
		i, skip = j, len("# nosec")
	}
	if i < 0 {
		return nosecDirective{}, false
	}
	rest := text[i+skip:]
	var d nosecDirective
	for {
		rest = strings.TrimLeft(rest, " \t:,")
		end := strings.IndexAny(rest, " \t,")
		if end < 0 {
			end = len(rest)
		}
		tok := rest[:end]
		if tok == "" || !looksLikeRuleID(tok) {
			break
		}
		d.ids = append(d.ids, tok)
		rest = rest[end:]
	}
	d.all = len(d.ids) == 0
	d.reason = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(rest), "-—:#"))
	if d.reason == "" {
		d.reason = "nosec"
	}
	return d, true
}

// looksLikeRuleID reports whether a nosec token names a rule: a Bandit ID
// (B and three digits), one of our rule IDs or a Bandit test name.
func looksLikeRuleID(tok string) bool {
	if len(tok) == 4 && (tok[0] == 'B' || tok[0] == 'b') && isDigits(tok[1:]) {
		return true
	}
	return strings.HasPrefix(tok, "python.") || ruleByKey(tok) != nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (d nosecDirective) covers(is Issue) bool {
	if d.all {
		return true
	}
	for _, id := range d.ids {
		if id == is.Rule || is.BanditID != "" && strings.EqualFold(id, is.BanditID) {
			return true
		}
		if r := ruleByKey(id); r != nil && r.ID == is.Rule {
			return true
		}
	}
	return false
}

// noLineno are the tree-sitter kinds with no Python AST node of their own
// (or one without a line number): a nosec on their first line does not skip
// what they contain.
var noLineno = map[string]bool{
	"module": true, "block": true, "argument_list": true, "parameters": true, "lambda_parameters": true,
	"parenthesized_expression": true, "with_clause": true, "with_item": true, "for_in_clause": true,
	"if_clause": true, "case_clause": true, "finally_clause": true, "else_clause": true, "pair": true,
	"relative_import": true, "import_prefix": true, "as_pattern": true, "as_pattern_target": true,
	"string_content": true, "format_specifier": true, "interpolation": true, "ERROR": true,
}

// suppressedBy reports whether a nosec comment takes out an issue, as
// Bandit 1.6.2 decides: a nosec on the reported line, on the line of the
// node checked, or on the first line of any enclosing statement or
// expression (Bandit does not visit below a node that starts on a nosec
// line). A decorator counts as inside its function, as in Python's AST.
func (a *analyzer) suppressedBy(fd found) (string, bool) {
	if len(a.nosec) == 0 {
		return "", false
	}
	try := func(line int) (string, bool) {
		if d, ok := a.nosec[line]; ok && d.covers(fd.issue) {
			return d.reason, true
		}
		return "", false
	}
	if r, ok := try(fd.issue.Line); ok {
		return r, true
	}
	for n := fd.node; n != nil; n = n.Parent {
		line := n.Line
		switch {
		case n.Type == "decorated_definition":
			if def := n.ChildByField("definition"); def != nil {
				line = def.Line
			}
		case noLineno[n.Type]:
			continue
		}
		if r, ok := try(line); ok {
			return r, true
		}
	}
	return "", false
}
