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

func TestCountedFailOnVerified(t *testing.T) {
	fs := []finding.Finding{
		{Scanner: "secrets", RuleID: "trufflehog.aws", Severity: finding.High, Detail: map[string]any{"verification": "unverified"}},
		{Scanner: "secrets", RuleID: "trufflehog.github", Severity: finding.Critical, Detail: map[string]any{"verification": "verified"}},
		{Scanner: "secrets", RuleID: "trufflehog.slack", Severity: finding.High, Detail: map[string]any{"verification": "unknown"}},
		{Scanner: "secrets", RuleID: "evm-private-key", Severity: finding.Critical, Detail: map[string]any{"verification": "not_verifiable"}},
		{Scanner: "riskcheck", RuleID: "x", Severity: finding.High, Detail: map[string]any{"verification": "unverified"}},
	}
	if got := Counted(fs, "any"); len(got) != 5 {
		t.Errorf("any: %d counted, want 5", len(got))
	}
	got := Counted(fs, "verified")
	var ids []string
	for _, f := range got {
		ids = append(ids, f.RuleID)
	}
	// Only the unverified trufflehog secret drops out: unknown may be live,
	// and a private key can never be verified, so it always counts.
	if len(got) != 4 || ids[0] != "trufflehog.github" || ids[1] != "trufflehog.slack" || ids[2] != "evm-private-key" || ids[3] != "x" {
		t.Errorf("verified: counted %v", ids)
	}
}
