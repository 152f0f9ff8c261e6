package pipeline

import (
	"path"
	"regexp"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// LineSource returns a file's lines (nil when the file cannot be read).
type LineSource func(path string) []string

// inlineRe matches "bulwark:ignore RULE[,RULE] -- reason" after a comment
// marker (#, //, ;, --, <!--) so the text is a comment, not code or data.
var inlineRe = regexp.MustCompile(`(?:#|//|;|--|<!--|/\*)\s*bulwark:ignore\s+([^\s]+)(?:\s+--\s*(.*?))?\s*(?:-->|\*/)?\s*$`)

// Inline honours `bulwark:ignore RULE -- reason` comments on a finding's line
// or the line above. A suppression without a reason does not count.
type Inline struct {
	Lines LineSource
}

// Name implements Processor.
func (Inline) Name() string { return "inline-suppressions" }

// Process implements Processor.
func (p Inline) Process(in []finding.Finding) ([]finding.Finding, []Suppressed) {
	var kept []finding.Finding
	var sup []Suppressed
	for _, f := range in {
		if reason, ok := p.match(f); ok {
			sup = append(sup, Suppressed{Finding: f, Kind: "inline", Reason: reason})
			continue
		}
		kept = append(kept, f)
	}
	return kept, sup
}

// Finish implements Processor.
func (Inline) Finish() []finding.Finding { return nil }

func (p Inline) match(f finding.Finding) (string, bool) {
	if f.StartLine <= 0 || f.Path == "" || p.Lines == nil {
		return "", false
	}
	lines := p.Lines(f.Path)
	for _, n := range []int{f.StartLine, f.StartLine - 1} {
		if n < 1 || n > len(lines) {
			continue
		}
		m := inlineRe.FindStringSubmatch(lines[n-1])
		if m == nil || strings.TrimSpace(m[2]) == "" {
			continue
		}
		for _, rule := range strings.Split(m[1], ",") {
			if ok, _ := path.Match(rule, f.RuleID); ok || rule == f.RuleID {
				return strings.TrimSpace(m[2]), true
			}
		}
	}
	return "", false
}
