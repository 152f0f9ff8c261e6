// Package pipeline post-processes the findings of every scanner in one ordered
// chain of small processors. The order matters and is fixed in Default.
package pipeline

import "github.com/bulwark-sec/bulwark/internal/finding"

// Suppressed is a finding that a processor took out, and why.
type Suppressed = finding.Suppressed

// Processor is one step of the chain.
type Processor interface {
	Name() string
	// Process returns the findings kept and those suppressed.
	Process(in []finding.Finding) (kept []finding.Finding, suppressed []Suppressed)
	// Finish returns findings about the step itself, such as an unused ignore.
	Finish() []finding.Finding
}

// Run passes findings through every processor in order. Findings a processor
// emits from Finish do not pass through the processors after it: a report about
// an expired ignore must not itself be ignored or baselined away.
func Run(ps []Processor, in []finding.Finding) (kept []finding.Finding, suppressed []Suppressed) {
	kept = in
	var own []finding.Finding
	for _, p := range ps {
		var s []Suppressed
		kept, s = p.Process(kept)
		suppressed = append(suppressed, s...)
		own = append(own, p.Finish()...)
	}
	for i := range own {
		own[i].Seal()
	}
	kept = Sort(append(kept, own...))
	return kept, SortSuppressed(suppressed)
}
