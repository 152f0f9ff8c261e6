package finding

import (
	"encoding/json"
	"testing"
)

func TestSeverityOrderAndText(t *testing.T) {
	for i, s := range Severities() {
		if i > 0 && !(Severities()[i-1] < s) {
			t.Fatalf("severities out of order at %v", s)
		}
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Fatalf("round trip %v: got %v, %v", s, back, err)
		}
	}
	for _, bad := range []string{"", "hihg", "urgent"} {
		if _, err := ParseSeverity(bad); err == nil {
			t.Errorf("ParseSeverity(%q) accepted", bad)
		}
	}
	if s, err := ParseSeverity(" HIGH "); err != nil || s != High {
		t.Errorf("ParseSeverity is not case-insensitive: %v %v", s, err)
	}
	if _, err := Severity(9).MarshalText(); err == nil {
		t.Error("out-of-range severity marshalled")
	}
}

func TestFingerprintIgnoresLinesAndWhitespace(t *testing.T) {
	a := Finding{Scanner: "riskcheck", RuleID: "risk.max_leverage", Location: Location{Path: "risk.yaml", StartLine: 3}, Identity: "max_leverage  x"}
	b := a
	b.StartLine, b.EndLine, b.Identity = 40, 41, "max_leverage x"
	a.Seal()
	b.Seal()
	if a.Fingerprint != b.Fingerprint {
		t.Fatal("fingerprint changed with line numbers or white space")
	}
	for name, mut := range map[string]func(*Finding){
		"scanner":  func(f *Finding) { f.Scanner = "deps" },
		"rule":     func(f *Finding) { f.RuleID = "risk.max_drawdown" },
		"path":     func(f *Finding) { f.Path = "other.yaml" },
		"identity": func(f *Finding) { f.Identity = "leverage_limit" },
	} {
		c := a
		c.Fingerprint = ""
		mut(&c)
		c.Seal()
		if c.Fingerprint == a.Fingerprint {
			t.Errorf("changing %s did not change the fingerprint", name)
		}
	}
}

func TestFindingJSONShape(t *testing.T) {
	f := Finding{Scanner: "s", RuleID: "r", Severity: Critical, Identity: "secret-ish", Location: Location{Path: "p", StartLine: 1, EndLine: 2}}
	f.Seal()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["severity"] != "critical" || m["path"] != "p" || m["start_line"] != 1.0 {
		t.Errorf("unexpected JSON: %s", b)
	}
	if _, ok := m["Identity"]; ok {
		t.Errorf("identity leaked into JSON: %s", b)
	}
}
