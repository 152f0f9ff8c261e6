package pipeline

import (
	"sort"
	"strconv"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Dedup drops exact repeats: the same fingerprint at the same place. Two
// copies of one problem in different places are both kept.
type Dedup struct{}

// Name implements Processor.
func (Dedup) Name() string { return "dedup" }

// Process implements Processor.
func (Dedup) Process(in []finding.Finding) ([]finding.Finding, []Suppressed) {
	seen := map[string]bool{}
	var kept []finding.Finding
	for _, f := range in {
		k := f.Fingerprint + "\x00" + f.Path + "\x00" + strconv.Itoa(f.StartLine)
		if seen[k] {
			continue
		}
		seen[k] = true
		kept = append(kept, f)
	}
	return kept, nil
}

// Finish implements Processor.
func (Dedup) Finish() []finding.Finding { return nil }

// Sort orders findings deterministically: most severe first, then by place,
// rule and fingerprint. It returns a sorted copy, never nil.
func Sort(in []finding.Finding) []finding.Finding {
	out := append(make([]finding.Finding, 0, len(in)), in...)
	sort.SliceStable(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

// SortSuppressed orders suppressed findings the same way, never nil.
func SortSuppressed(in []Suppressed) []Suppressed {
	out := append(make([]Suppressed, 0, len(in)), in...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return less(out[i].Finding, out[j].Finding)
	})
	return out
}

func less(a, b finding.Finding) bool {
	switch {
	case a.Severity != b.Severity:
		return a.Severity > b.Severity
	case a.Path != b.Path:
		return a.Path < b.Path
	case a.StartLine != b.StartLine:
		return a.StartLine < b.StartLine
	case a.Scanner != b.Scanner:
		return a.Scanner < b.Scanner
	case a.RuleID != b.RuleID:
		return a.RuleID < b.RuleID
	case a.Fingerprint != b.Fingerprint:
		return a.Fingerprint < b.Fingerprint
	}
	return a.Message < b.Message
}

// Default is the chain in its fixed order:
//  1. merge — one finding per concern first, so every later step sees the
//     one fingerprint and all the rules that found it;
//  2. inline suppressions — the author's word at the line beats everything;
//  3. config ignores — the team's word, tracked for expiry and use;
//  4. dedup — before the baseline, so one baseline entry is not spent on an
//     exact repeat that a recorded baseline (itself deduplicated) never held;
//  5. baseline — count-aware, absorbs what was known;
//
// and Run sorts the result last.
func Default(merge Merge, in *Inline, ignores *ConfigIgnores, base *Baseline) []Processor {
	ps := []Processor{merge, in, ignores, Dedup{}}
	if base != nil {
		ps = append(ps, base)
	}
	return ps
}
