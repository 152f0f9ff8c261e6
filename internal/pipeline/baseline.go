package pipeline

import "github.com/bulwark-sec/bulwark/internal/finding"

// Baseline absorbs findings already recorded in a baseline file. It counts:
// an entry recorded once absorbs one finding, so a second copy of the same
// problem added later is still reported.
type Baseline struct {
	Counts map[string]int // fingerprint → times recorded
}

// Name implements Processor.
func (*Baseline) Name() string { return "baseline" }

// Process implements Processor.
func (b *Baseline) Process(in []finding.Finding) ([]finding.Finding, []Suppressed) {
	left := make(map[string]int, len(b.Counts))
	for k, v := range b.Counts {
		left[k] = v
	}
	var kept []finding.Finding
	var sup []Suppressed
	for _, f := range Sort(in) { // sorted first, so which copy is absorbed is stable
		if left[f.Fingerprint] > 0 {
			left[f.Fingerprint]--
			sup = append(sup, Suppressed{Finding: f, Kind: "baseline", Reason: "recorded in the baseline"})
			continue
		}
		kept = append(kept, f)
	}
	return kept, sup
}

// Finish implements Processor.
func (*Baseline) Finish() []finding.Finding { return nil }
