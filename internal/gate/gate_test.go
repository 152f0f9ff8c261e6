package gate

import (
	"testing"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
)

func TestEvaluate(t *testing.T) {
	fs := []finding.Finding{
		{Scanner: "deps", Severity: finding.Critical},
		{Scanner: "riskcheck", Severity: finding.High},
		{Scanner: "riskcheck", Severity: finding.Medium},
		{Scanner: "secrets", Severity: finding.Low},
	}
	tests := []struct {
		name       string
		rules      []config.Gate
		pass       bool
		violations int
	}{
		{"default fails on high", []config.Gate{{Scanner: "*", Severity: finding.High}}, false, 1},
		{"critical only from deps", []config.Gate{{Scanner: "deps", Severity: finding.Critical, Max: 1}}, true, 0},
		{"every violated rule listed", []config.Gate{{Scanner: "*", Severity: finding.Medium, Max: 2}, {Scanner: "risk*", Severity: finding.Info}}, false, 2},
		{"no rules pass", nil, true, 0},
		{"clean scanner", []config.Gate{{Scanner: "licenses", Severity: finding.Info}}, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := Evaluate(tc.rules, fs)
			if v.Passed != tc.pass || len(v.Violations) != tc.violations || v.Violations == nil {
				t.Errorf("got %+v", v)
			}
		})
	}
	v := Evaluate([]config.Gate{{Scanner: "*", Severity: finding.High}}, fs)
	if want := "2 high-or-worse finding(s) from any scanner, at most 0 allowed"; v.Violations[0].Message != want {
		t.Errorf("message %q", v.Violations[0].Message)
	}
}

// A finding that says why it is not counted is not counted; every other is.
func TestUncountedFindings(t *testing.T) {
	fs := []finding.Finding{
		{Scanner: "secrets", RuleID: "trufflehog.aws", Severity: finding.High, Uncounted: "not live"},
		{Scanner: "secrets", RuleID: "trufflehog.github", Severity: finding.Critical},
		{Scanner: "riskcheck", RuleID: "x", Severity: finding.High},
	}
	v := Evaluate([]config.Gate{{Scanner: "*", Severity: finding.High}}, fs)
	if v.Passed || len(v.Violations) != 1 || v.Violations[0].Count != 2 {
		t.Errorf("got %+v", v)
	}
	v = Evaluate([]config.Gate{{Scanner: "secrets", Severity: finding.High, Max: 1}}, fs)
	if !v.Passed {
		t.Errorf("the uncounted secret was counted: %+v", v)
	}
}
