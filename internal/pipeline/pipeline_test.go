package pipeline

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/inline"
)

func fnd(rule, path string, line int, id string) finding.Finding {
	f := finding.Finding{Scanner: "riskcheck", RuleID: rule, Severity: finding.High, Title: rule,
		Location: finding.Location{Path: path, StartLine: line, EndLine: line}, Identity: id}
	f.Seal()
	return f
}

func TestInline(t *testing.T) {
	files := map[string][]string{
		"risk.yaml": {
			"max_leverage: 5 # bulwark:ignore risk.max_leverage -- desk limit, approved 2026-11",
			"# bulwark:ignore risk.max_drawdown -- reviewed by risk owner",
			"max_drawdown: 0.3",
			"max_slippage: 0.1 # bulwark:ignore risk.max_slippage",
			`text: "bulwark:ignore risk.var_limit -- not a comment"`,
			"max_price_impact: 0.1 # bulwark:ignore risk.* -- glob",
		},
	}
	in := []finding.Finding{
		fnd("risk.max_leverage", "risk.yaml", 1, "a"),
		fnd("risk.max_drawdown", "risk.yaml", 3, "b"),
		fnd("risk.max_slippage", "risk.yaml", 4, "c"),
		fnd("risk.var_limit", "risk.yaml", 5, "e"),
		fnd("risk.max_price_impact", "risk.yaml", 6, "d"),
		fnd("risk.max_leverage", "other.yaml", 1, "f"),
	}
	kept, sup := (&Inline{Lines: func(loc finding.Location) []string { return files[loc.Path] }}).Process(in)
	var keptRules []string
	for _, f := range kept {
		keptRules = append(keptRules, f.RuleID+"@"+f.Path)
	}
	want := "risk.max_slippage@risk.yaml risk.var_limit@risk.yaml risk.max_leverage@other.yaml"
	if got := strings.Join(keptRules, " "); got != want {
		t.Errorf("kept %s\nwant %s", got, want)
	}
	if len(sup) != 3 || sup[0].Reason != "desk limit, approved 2026-11" || sup[0].Kind != "inline" {
		t.Errorf("suppressed = %+v", sup)
	}
}

func TestConfigIgnores(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	entries := []config.Ignore{
		{Rule: "risk.max_leverage", Reason: "approved", Line: 3},
		{Path: "deploy/**", Reason: "legacy unit", Expires: "2026-11-01", ExpiresAt: day("2026-11-01"), Line: 5},
		{Rule: "risk.var_*", Path: "risk.yaml", Reason: "glob", Expires: "2026-12-31", ExpiresAt: day("2026-12-31"), Line: 8},
		{Fingerprint: "deadbeef", Reason: "gone", Line: 11},
		{Scanner: "deps", Reason: "deps did not run", Line: 13},
	}
	in := []finding.Finding{
		fnd("risk.max_leverage", "risk.yaml", 1, "a"),
		fnd("systemd.user", "deploy/bot.service", 2, "b"),
		fnd("risk.var_limit", "risk.yaml", 4, "c"),
		fnd("risk.max_drawdown", "risk.yaml", 5, "d"),
	}
	p := &ConfigIgnores{Entries: entries, File: "bulwark.yml", Now: day("2026-11-28"),
		Complete: func(s string) bool { return s != "deps" }}
	kept, sup := p.Process(in)
	if len(sup) != 2 || len(kept) != 2 {
		t.Fatalf("kept %d suppressed %d", len(kept), len(sup))
	}
	if kept[0].RuleID != "systemd.user" {
		t.Errorf("expired ignore still suppressed: %+v", kept)
	}
	own := p.Finish()
	var got []string
	for _, f := range own {
		got = append(got, fmt.Sprintf("%s:%s:%d", f.RuleID, f.Path, f.StartLine))
		if f.Severity != finding.Low {
			t.Errorf("%s severity %v", f.RuleID, f.Severity)
		}
	}
	want := "config.ignore_expired:bulwark.yml:5 config.ignore_unused:bulwark.yml:11"
	if strings.Join(got, " ") != want {
		t.Errorf("own findings %v, want %s", got, want)
	}
}

func TestBaselineIsCountAware(t *testing.T) {
	a1 := fnd("risk.max_leverage", "risk.yaml", 1, "x")
	a2 := fnd("risk.max_leverage", "risk.yaml", 9, "x") // same problem copied lower down
	b := fnd("risk.max_drawdown", "risk.yaml", 2, "y")
	kept, sup := (&Baseline{Counts: map[string]int{a1.Fingerprint: 1, b.Fingerprint: 1}}).Process([]finding.Finding{a2, b, a1})
	if len(sup) != 2 || len(kept) != 1 || kept[0].StartLine != 9 {
		t.Fatalf("kept %+v suppressed %d", kept, len(sup))
	}
}

func TestDedupAndSort(t *testing.T) {
	a := fnd("r1", "b.yaml", 2, "x")
	low := fnd("r2", "a.yaml", 1, "y")
	low.Severity = finding.Low
	crit := fnd("r3", "z.yaml", 7, "z")
	crit.Severity = finding.Critical
	kept, _ := Dedup{}.Process([]finding.Finding{a, low, a, crit})
	if len(kept) != 3 {
		t.Fatalf("dedup kept %d", len(kept))
	}
	sorted := Sort(kept)
	if sorted[0].RuleID != "r3" || sorted[2].RuleID != "r2" {
		t.Errorf("sort order %v %v %v", sorted[0].RuleID, sorted[1].RuleID, sorted[2].RuleID)
	}
	if Sort(nil) == nil || SortSuppressed(nil) == nil {
		t.Error("Sort returned nil")
	}
}

func TestRunOwnFindingsBypassLaterSteps(t *testing.T) {
	day, _ := time.Parse("2006-01-02", "2026-11-28")
	ig := &ConfigIgnores{Entries: []config.Ignore{{Rule: "nothing", Reason: "r", Line: 2}}, File: "bulwark.yml", Now: day}
	var recorded finding.Finding
	{
		own := ig
		own.Process(nil)
		recorded = own.Finish()[0]
		recorded.Seal()
	}
	ig2 := &ConfigIgnores{Entries: ig.Entries, File: "bulwark.yml", Now: day}
	kept, _ := Run(Default(Merge{}, &Inline{}, ig2, &Baseline{Counts: map[string]int{recorded.Fingerprint: 1}}), nil)
	if len(kept) != 1 || kept[0].RuleID != "config.ignore_unused" {
		t.Errorf("unused-ignore finding was baselined away: %+v", kept)
	}
}

func TestIgnoreByAdvisoryAlias(t *testing.T) {
	f := fnd("PYSEC-2021-142", "requirements.txt", 2, "pyyaml@5.3.1")
	f.Aliases = []string{"CVE-2020-14343", "GHSA-8q59-q68h-6hv4"}
	for _, rule := range []string{"PYSEC-2021-142", "CVE-2020-14343", "GHSA-*"} {
		p := &ConfigIgnores{Entries: []config.Ignore{{Rule: rule, Reason: "not reachable"}}}
		if kept, _ := p.Process([]finding.Finding{f}); len(kept) != 0 {
			t.Errorf("ignore %s did not match the advisory", rule)
		}
	}
	p := &ConfigIgnores{Entries: []config.Ignore{{Rule: "CVE-1999-0001", Reason: "other"}}}
	if kept, _ := p.Process([]finding.Finding{f}); len(kept) != 1 {
		t.Error("an unrelated CVE suppressed the advisory")
	}
}

// Two scanners' findings of one secret are one finding: the owner's, with
// its fingerprint, the higher severity and the other rule named.
func TestMergeOneOwnerPerConcern(t *testing.T) {
	sec := finding.Finding{Scanner: "secrets", RuleID: "secrets.env_plaintext_key", Severity: finding.High, Subject: "secret:abc",
		Location: finding.Location{Path: ".env", StartLine: 7}, Fingerprint: "owner"}
	risk := finding.Finding{Scanner: "riskcheck", RuleID: "env.unencrypted_secret", Severity: finding.Critical, Subject: "secret:abc",
		Location: finding.Location{Path: ".env", StartLine: 7}, Fingerprint: "other"}
	alone := finding.Finding{Scanner: "riskcheck", RuleID: "env.unencrypted_secret", Subject: "secret:zzz", Fingerprint: "alone"}
	posture := finding.Finding{Scanner: "riskcheck", RuleID: "env.permissions", Fingerprint: "mode"}
	m := Merge{Owner: func(kind string) string { return map[string]string{"secret": "secrets"}[kind] }}
	out, _ := m.Process([]finding.Finding{risk, sec, alone, posture})
	if len(out) != 3 {
		t.Fatalf("got %d findings: %+v", len(out), out)
	}
	got := out[0]
	if got.Fingerprint != "owner" || got.Severity != finding.Critical || len(got.Also) != 1 || got.Also[0] != "riskcheck/env.unencrypted_secret" {
		t.Errorf("merged = %+v", got)
	}
	if out[1].Fingerprint != "alone" || out[2].Fingerprint != "mode" {
		t.Errorf("unrelated findings changed: %+v", out[1:])
	}
	// An ignore naming either rule covers the merged finding.
	for _, rule := range []string{"secrets.env_plaintext_key", "env.unencrypted_secret", "env.*"} {
		p := &ConfigIgnores{Entries: []config.Ignore{{Rule: rule, Reason: "fixture"}}}
		if kept, _ := p.Process([]finding.Finding{got}); len(kept) != 0 {
			t.Errorf("ignore %s did not cover the merged finding", rule)
		}
	}
}

// Comments that suppress nothing are reported, like nolintlint: invalid,
// naming no known rule, or unused where their scanner ran to the end.
func TestInlineUnusedDirectives(t *testing.T) {
	files := map[string][]string{"risk.yaml": {
		"max_leverage: 5 # bulwark:ignore risk.max_leverage -- approved",
		"max_drawdown: 0.1 # bulwark:ignore risk.max_drawdown -- stale",
		"a: 1 # bulwark:ignore * -- everything",
		"b: 1 # bulwark:ignore nosuch.rule -- typo",
		"c: 1 # bulwark:ignore secrets.evm_private_key -- secrets did not run",
	}}
	ds := map[string][]inline.Directive{}
	for i, l := range files["risk.yaml"] {
		d, _ := inline.Parse(l, i+1)
		ds["risk.yaml"] = append(ds["risk.yaml"], d)
	}
	p := &Inline{Lines: func(loc finding.Location) []string { return files[loc.Path] }, Directives: ds,
		Known:    func(r string) bool { return strings.HasPrefix(r, "risk.") || strings.HasPrefix(r, "secrets.") },
		Complete: func(r string) bool { return strings.HasPrefix(r, "risk.") }}
	p.Process([]finding.Finding{fnd("risk.max_leverage", "risk.yaml", 1, "a")})
	var lines []int
	for _, f := range p.Finish() {
		if f.RuleID != "inline.unused" || f.Severity != finding.Low {
			t.Errorf("finding %+v", f)
		}
		lines = append(lines, f.StartLine)
	}
	if fmt.Sprint(lines) != "[2 3 4]" {
		t.Errorf("unused directives at lines %v, want [2 3 4]", lines)
	}
}
