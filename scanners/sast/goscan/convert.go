package goscan

import (
	"go/ast"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/securego/gosec/v2/issue"
	"golang.org/x/tools/go/packages"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// convertAll turns gosec's issues for one package into findings. Issues
// without a file, or in a file outside the root (generated code in the
// build cache, GOROOT, the module cache), are dropped.
func (s *scan) convertAll(p *packages.Package, srcs *sources, issues []*issue.Issue) []found {
	files := map[string]*ast.File{}
	for _, f := range p.Syntax {
		if tf := p.Fset.File(f.Pos()); tf != nil {
			files[tf.Name()] = f
		}
	}
	var out []found
	for _, is := range issues {
		if is == nil || is.RuleID == "" || is.File == "" {
			continue
		}
		rel, ok := s.rel(is.File)
		if !ok {
			continue
		}
		start, end := lineRange(is.Line)
		col, _ := strconv.Atoi(is.Col)
		f := found{Issue: Issue{
			RuleID:     is.RuleID,
			Title:      title(is.RuleID, is.What),
			Path:       rel,
			Line:       start,
			EndLine:    end,
			Col:        col,
			Severity:   severityOf(is.RuleID, is.Severity),
			Confidence: strings.ToLower(is.Confidence.String()),
			CWE:        cweOf(is),
		}}
		if af := files[is.File]; af != nil {
			f.Identity = identity(af, p.Fset.File(af.Pos()), srcs.get(is.File), start, end, col)
		}
		if len(is.Suppressions) > 0 {
			f.suppressed, f.reason = true, reason(is.Suppressions)
		}
		out = append(out, f)
	}
	return out
}

// lineRange reads gosec's line, "16" or "16-18".
func lineRange(s string) (int, int) {
	a, b, ok := strings.Cut(s, "-")
	start, _ := strconv.Atoi(strings.TrimSpace(a))
	end := start
	if ok {
		if e, err := strconv.Atoi(strings.TrimSpace(b)); err == nil && e >= start {
			end = e
		}
	}
	return start, end
}

// severityOf maps gosec's score to Bulwark's levels one to one, except for
// the taint rules gosec itself rates CRITICAL (G702 command injection, G708
// template injection): gosec's Score has no critical level and reports them
// as HIGH; Bulwark keeps the rule's own rating, finding.Critical.
func severityOf(ruleID string, s issue.Score) finding.Severity {
	if s == issue.High && criticalRules()[ruleID] {
		return finding.Critical
	}
	switch s {
	case issue.High:
		return finding.High
	case issue.Medium:
		return finding.Medium
	default:
		return finding.Low
	}
}

// cweOf is the issue's CWE, or the catalogue's when gosec's CWE table has
// no entry for the one it maps the rule to (G710's CWE-601, G116, G121).
func cweOf(is *issue.Issue) string {
	if is.Cwe != nil && is.Cwe.ID != "" {
		return "CWE-" + is.Cwe.ID
	}
	return catalogueCWE(is.RuleID)
}

// reason joins the justifications of the #nosec comments that silenced a
// finding; "#nosec" when none gave one.
func reason(ss []issue.SuppressionInfo) string {
	var parts []string
	for _, x := range ss {
		if j := oneLine(x.Justification); j != "" && !contains(parts, j) {
			parts = append(parts, j)
		}
	}
	if len(parts) == 0 {
		return "#nosec"
	}
	return strings.Join(parts, "; ")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// secretKey is the serialized key G117 quotes from a struct tag, a string
// literal of the scanned code: the title keeps the field's name only.
var secretKey = regexp.MustCompile(`\s*\([A-Za-z]+ key "(?:[^"\\]|\\.)*"\)`)

// title is gosec's description of the finding on one line. gosec builds it
// from its own words, the names of types, calls and struct fields, and for
// G117 a struct tag's key, which is cut.
func title(ruleID, what string) string {
	if ruleID == "G117" {
		what = secretKey.ReplaceAllString(what, "")
	}
	return oneLine(what)
}

// oneLine collapses white space and drops control and format characters
// (bidirectional overrides included).
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// redactQuoted replaces the text of every "double-quoted" and `raw` span
// of msg with "…": a string literal of the scanned code can appear in a
// syntax or type error. An unterminated span is redacted to the end.
// Single quotes are left: the parser quotes token names with them.
func redactQuoted(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		if c != '"' && c != '`' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(msg) && msg[j] != c {
			if c == '"' && msg[j] == '\\' {
				j++
			}
			j++
		}
		b.WriteByte(c)
		if j > i+1 {
			b.WriteString("…")
		}
		b.WriteByte(c)
		i = j
	}
	return b.String()
}

// clean prepares a go command or type checker message for a note: its
// first line, paths relative to the root, quoted text redacted, at
// most 240 characters.
func (s *scan) clean(msg string) string {
	msg, _, _ = strings.Cut(strings.TrimSpace(msg), "\n")
	for _, r := range s.roots {
		msg = strings.ReplaceAll(msg, r+string(filepath.Separator), "")
		msg = strings.ReplaceAll(msg, r, ".")
	}
	cut := false
	if r := []rune(msg); len(r) > 240 {
		msg, cut = string(r[:239]), true
	}
	msg = oneLine(redactQuoted(msg)) // after the cut, which may open a quote the redaction then closes
	if cut {
		msg += "…"
	}
	return msg
}
