// Package gate decides whether findings pass the quality gates.
package gate

import (
	"fmt"
	"path"

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

// Counted returns the findings the gates count. With secrets.fail_on
// "verified", a secret whose detector could verify it counts only when it
// was verified live or its verification failed (it may be live); a secret no
// provider can verify (a private key, a mnemonic) always counts.
func Counted(fs []finding.Finding, failOn string) []finding.Finding {
	if failOn != "verified" {
		return fs
	}
	out := make([]finding.Finding, 0, len(fs))
	for _, f := range fs {
		if f.Scanner == "secrets" && f.Detail["verification"] == "unverified" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Evaluate counts, for each rule, the findings at or above its severity from
// its scanner ("*" or a glob for several) and fails the rule when the count
// exceeds max. Every violated rule is listed, never only the first.
func Evaluate(rules []config.Gate, fs []finding.Finding) Verdict {
	v := Verdict{Passed: true, Violations: []Violation{}}
	for _, r := range rules {
		n := 0
		for _, f := range fs {
			if f.Severity >= r.Severity && scannerMatches(r.Scanner, f.Scanner) {
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

func scannerMatches(pattern, name string) bool {
	ok, err := path.Match(pattern, name)
	return pattern == name || (err == nil && ok)
}

func who(scanner string) string {
	if scanner == "*" {
		return "any scanner"
	}
	return "scanner " + scanner
}
