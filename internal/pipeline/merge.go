package pipeline

import (
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Merge makes one finding of what two scanners report about one thing (a
// secret's value, say): one owner per concern. Findings with the same
// Subject merge into the owner's finding, which keeps its fingerprint, takes
// the higher severity and names the other rules in Also, so one ignore or
// baseline entry covers it. Without the owner's finding nothing merges.
type Merge struct {
	// Owner names the scanner that owns a subject kind ("secret" → secrets).
	Owner func(kind string) string
}

// Name implements Processor.
func (Merge) Name() string { return "merge" }

// Process implements Processor.
func (m Merge) Process(in []finding.Finding) ([]finding.Finding, []Suppressed) {
	if m.Owner == nil {
		return in, nil
	}
	owner := map[string]int{} // subject → index of the owner's finding in out
	out := make([]finding.Finding, 0, len(in))
	for _, f := range in {
		if f.Subject == "" {
			continue
		}
		kind, _, _ := strings.Cut(f.Subject, ":")
		if f.Scanner == m.Owner(kind) {
			if _, dup := owner[f.Subject]; !dup {
				owner[f.Subject] = -1
			}
		}
	}
	var merged []finding.Finding
	for _, f := range in {
		if i, ok := owner[f.Subject]; ok && f.Subject != "" {
			kind, _, _ := strings.Cut(f.Subject, ":")
			if f.Scanner == m.Owner(kind) && i < 0 {
				owner[f.Subject] = len(out)
				out = append(out, f)
				continue
			}
			if f.Scanner != m.Owner(kind) {
				merged = append(merged, f)
				continue
			}
		}
		out = append(out, f)
	}
	for _, f := range merged {
		o := &out[owner[f.Subject]]
		name := f.Scanner + "/" + f.RuleID
		if !contains(o.Also, name) {
			o.Also = append(o.Also, name)
			sort.Strings(o.Also)
		}
		if f.Severity > o.Severity {
			o.Severity = f.Severity
		}
	}
	return out, nil
}

// Finish implements Processor.
func (Merge) Finish() []finding.Finding { return nil }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
