// Package gate decides whether findings pass the quality gates.
package gate

import (
	"fmt"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Violation is one gate rule that failed.
type Violation struct {
	Scanner  string           `json:"scanner"`
	Severity finding.Severity `json:"severity"`
	Max      int              `json:"max"`
	Count    int              `json:"count"`
	Message  string           `json:"message"`
}

// Verdict is the gates' decision.
type Verdict struct {
	Passed     bool        `json:"passed"`
	Violations []Violation `json:"violations"`
	// Notes say how the gates were applied when that is not obvious.
	Notes []string `json:"notes,omitempty"`
}

// Evaluate counts, for each rule, the findings at or above its severity from
// its scanner ("*" or a glob for several) and fails the rule when the count
// exceeds max. A finding that says why it is not counted (Uncounted) is not.
// Every violated rule is listed, never only the first.
func Evaluate(rules []config.Gate, fs []finding.Finding) Verdict {
	v := Verdict{Passed: true, Violations: []Violation{}}
	for _, r := range rules {
		n := 0
		for _, f := range fs {
			if f.Uncounted == "" && f.Severity >= r.Severity && finding.Glob(r.Scanner, f.Scanner) {
				n++
			}
		}
		if n > r.Max {
			v.Passed = false
			v.Violations = append(v.Violations, Violation{
				Scanner: r.Scanner, Severity: r.Severity, Max: r.Max, Count: n,
				Message: fmt.Sprintf("%d %s-or-worse finding(s) from %s, at most %d allowed", n, r.Severity, who(r.Scanner), r.Max),
			})
		}
	}
	return v
}

func who(scanner string) string {
	if scanner == "*" {
		return "any scanner"
	}
	return "scanner " + scanner
}
