package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

func sample() *Report {
	mk := func(scanner, rule string, sev finding.Severity, path string, line int, msg string) finding.Finding {
		f := finding.Finding{Scanner: scanner, RuleID: rule, Severity: sev, Title: "Title of " + rule, Message: msg,
			Location: finding.Location{Path: path, StartLine: line, EndLine: line}, Identity: rule,
			Detail: map[string]any{"fix": "do the right thing", "deployed": "5.0x", "limit": "3.0x"}}
		if rule == "G204" {
			f.CWE = []string{"78"}
			f.HelpURI = "https://cwe.mitre.org/data/definitions/78.html"
		}
		f.Seal()
		return f
	}
	return &Report{
		SchemaVersion: SchemaVersion, Tool: Tool{Name: "bulwark", Version: "test"},
		Target: Target{Path: "testdata/demo", Commit: "0123456789abcdef0123456789abcdef01234567"}, StartedAt: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
		DurationMS: 42, Verdict: VerdictError,
		Inventory: Inventory{Files: 12, Ignored: 1, Languages: map[string]int{"python": 2}, Manifests: []string{"requirements.txt"}},
		Scanners: []ScannerRun{
			{Name: "riskcheck", Status: "ok", DurationMS: 12, Findings: 2, Read: map[string]int64{"files": 5, "bytes": 2048}},
			{Name: "sast", Status: "failed", Error: "panic: boom\ngoroutine 7", DurationMS: 1},
			{Name: "deps", Status: "skipped", Reason: "no lockfiles found"},
			{Name: "secrets", Status: "disabled", Reason: "bulwark.yml:4 scanners.skip"},
		},
		Findings: []finding.Finding{
			mk("riskcheck", "risk.max_leverage", finding.High, "config/risk.yaml", 7, "max_leverage = 5 (5.0x) is above the limit of 3.0x | <b>"),
			mk("riskcheck", "systemd.user", finding.Medium, "deploy/bot.service", 0, "runs as root"),
			mk("sast", "G204", finding.Low, "main.go", 3, "subprocess"),
		},
		Suppressed: []finding.Suppressed{{Finding: mk("riskcheck", "risk.var_limit", finding.High, "config/risk.yaml", 9, "x"), Kind: "inline", Reason: "approved"}},
		Rules: []Rule{{Scanner: "riskcheck", Rule: finding.Rule{ID: "risk.max_leverage", Title: "Documented max leverage limit", Severity: finding.High,
			CWE: []string{"CWE-770"}, Fix: "cap leverage at 3x", Description: "The deployed max leverage must be within the documented limit."}}},
		Gate: Gate{Passed: false, Violations: []Violation{{Scanner: "*", Severity: finding.High, Count: 1, Message: "1 high-or-worse finding(s) from any scanner, at most 0 allowed"}}},
	}
}

func TestGoldens(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer, *Report) error{
		"sample.json":  func(b *bytes.Buffer, r *Report) error { return WriteJSON(b, r) },
		"sample.md":    func(b *bytes.Buffer, r *Report) error { return WriteMarkdown(b, r, 0) },
		"sample.sarif": func(b *bytes.Buffer, r *Report) error { return WriteSARIF(b, r) },
	} {
		var b bytes.Buffer
		if err := write(&b, sample()); err != nil {
			t.Fatal(err)
		}
		testutil.Golden(t, name, b.Bytes())
	}
}

func TestJSONRoundTrip(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteJSON(&a, sample()); err != nil {
		t.Fatal(err)
	}
	r, err := ReadJSON(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("JSON did not survive a round trip")
	}
	if _, err := ReadJSON(strings.NewReader(`{"schema_version": 99}`)); err == nil {
		t.Error("accepted a future schema version")
	}
	empty := &Report{SchemaVersion: SchemaVersion}
	var e bytes.Buffer
	if err := WriteJSON(&e, empty); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.String(), `"findings": []`) || strings.Contains(e.String(), "null") {
		t.Errorf("empty report has nulls:\n%s", e.String())
	}
}

func TestSARIFMatchesSchema(t *testing.T) {
	// The OASIS schema, kept beside the goldens so the test never depends on
	// a checkout layout.
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(testutil.Fixture(t, "sarif-schema-2.1.0.json")))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Report{sample(), {SchemaVersion: SchemaVersion}} {
		var b bytes.Buffer
		if err := WriteSARIF(&b, r); err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(&b)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("SARIF fails the 2.1.0 schema: %v", err)
		}
	}
}

func TestMarkdownTruncates(t *testing.T) {
	r := sample()
	base := r.Findings[0]
	for i := 0; i < 2000; i++ {
		f := base
		f.Message = fmt.Sprintf("finding %d %s", i, strings.Repeat("x", 200))
		f.Fingerprint = ""
		f.Identity = fmt.Sprint(i)
		f.Seal()
		r.Findings = append(r.Findings, f)
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r, 64<<10); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 64<<10 {
		t.Errorf("markdown is %d bytes, over the limit", b.Len())
	}
	if !strings.Contains(b.String(), "**Truncated:**") || !strings.Contains(b.String(), "<details>") {
		t.Error("no truncation note or details block")
	}
	if strings.Count(b.String(), "<details>") != strings.Count(b.String(), "</details>") {
		t.Error("unbalanced details blocks")
	}
}
