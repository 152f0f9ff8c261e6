package pipeline

import (
	"fmt"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/inline"
)

// LineSource returns the lines of the content a finding came from (the
// working-tree file, the staged blob or the blob at its commit); nil when it
// cannot be read.
type LineSource func(loc finding.Location) []string

// Inline honours `bulwark:ignore RULE -- reason` comments on a finding's line
// or the line above (internal/inline is the one parser). With Directives it
// also reports every comment that suppressed nothing, like nolintlint: an
// invalid one (no reason, every rule), one naming a rule no scanner reports,
// and one whose rule ran to the end and did not fire there.
type Inline struct {
	Lines LineSource
	// Directives are every bulwark:ignore comment in the files scanned, by
	// path; nil disables the unused-comment report.
	Directives map[string][]inline.Directive
	// Known reports whether some scanner's catalogue has a rule the pattern
	// names; Complete whether every scanner that could report it ran to the
	// end (so unused is proven). Nil means yes.
	Known    func(pattern string) bool
	Complete func(pattern string) bool

	used map[string]bool // path:line of directives that suppressed a finding
}

// Name implements Processor.
func (*Inline) Name() string { return "inline-suppressions" }

// Process implements Processor.
func (p *Inline) Process(in []finding.Finding) ([]finding.Finding, []Suppressed) {
	p.used = map[string]bool{}
	var kept []finding.Finding
	var sup []Suppressed
	for _, f := range in {
		if d, ok := p.match(f); ok {
			p.used[fmt.Sprintf("%s:%d", f.Path, d.Line)] = true
			sup = append(sup, Suppressed{Finding: f, Kind: "inline", Reason: d.Reason})
			continue
		}
		kept = append(kept, f)
	}
	return kept, sup
}

func (p *Inline) match(f finding.Finding) (inline.Directive, bool) {
	if f.StartLine <= 0 || f.Path == "" || p.Lines == nil {
		return inline.Directive{}, false
	}
	also := make([]string, 0, len(f.Also))
	for _, a := range f.Also {
		_, r, _ := strings.Cut(a, "/")
		also = append(also, r)
	}
	return inline.Find(p.Lines(f.Location), f.StartLine, f.RuleID, also...)
}

// MarkUsed records directives that a scanner honoured itself (a secret's
// suppressed places), so they are not reported unused.
func (p *Inline) MarkUsed(path string, line int) {
	if p.used == nil {
		p.used = map[string]bool{}
	}
	p.used[fmt.Sprintf("%s:%d", path, line)] = true
}

// Finish implements Processor: the comments that suppressed nothing.
func (p *Inline) Finish() []finding.Finding {
	var out []finding.Finding
	for path, ds := range p.Directives {
		for _, d := range ds {
			if p.used[fmt.Sprintf("%s:%d", path, d.Line)] || p.used[fmt.Sprintf("%s:%d", path, d.Line+1)] {
				continue
			}
			rules := strings.Join(d.Rules, ",")
			var why string
			switch {
			case d.Invalid != "":
				why = "it " + d.Invalid + ", so it suppresses nothing"
			case !p.known(d.Rules):
				why = fmt.Sprintf("no scanner reports a rule named %s", rules)
			case !p.complete(d.Rules):
				continue // a scanner it could concern did not run to the end
			default:
				why = fmt.Sprintf("no %s finding is on this line or the next", rules)
			}
			out = append(out, finding.Finding{Scanner: "bulwark", RuleID: "inline.unused", Severity: finding.Low,
				Title:    "Inline suppression suppresses nothing",
				Message:  fmt.Sprintf("this bulwark:ignore comment has no effect: %s; fix or remove it so it cannot hide a future problem", why),
				Location: finding.Location{Path: path, StartLine: d.Line, EndLine: d.Line}, Identity: rules + " " + d.Reason})
		}
	}
	return out
}

func (p *Inline) known(rules []string) bool {
	for _, r := range rules {
		if p.Known == nil || p.Known(r) {
			return true
		}
	}
	return false
}

func (p *Inline) complete(rules []string) bool {
	for _, r := range rules {
		if p.Complete != nil && !p.Complete(r) {
			return false
		}
	}
	return true
}
