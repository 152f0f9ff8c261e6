package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/registry"
)

// markScanner is a scanner that exists only in this test: adding a scanner
// is its package (here, these types), one registry entry, its config section
// and goldens. No shared file knows about it.
type markOptions struct {
	Marker   string `yaml:"marker" doc:"the word a line is marked with"`
	Severity string `yaml:"severity" doc:"severity of a marker" enum:"low,medium,high"`
	sev      finding.Severity
}

type markScanner struct{ opt markOptions }

func (markScanner) Name() string        { return "marks" }
func (markScanner) Description() string { return "word markers" }
func (s markScanner) Scan(ctx context.Context, t *scanners.Target) (*scanners.Result, error) {
	res := &scanners.Result{}
	for _, f := range t.Inventory.Files {
		data, err := t.Inventory.ReadFile(f.Path, 1<<20)
		if err != nil {
			continue
		}
		t.Counter.Add("files", 1)
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, s.opt.Marker) {
				res.Findings = append(res.Findings, finding.Finding{RuleID: "marks.found", Severity: s.opt.sev, Title: "Marked line",
					Message: "a " + s.opt.Marker + " marker", Location: finding.Location{Path: f.Path, StartLine: i + 1, EndLine: i + 1}, Identity: line})
			}
		}
	}
	return res, nil
}

func markEntry() registry.Entry {
	return registry.Entry{
		Name: "marks", Description: "word markers", Section: "marks", Options: markOptions{Marker: "MARK", Severity: "medium"},
		Rules: []finding.Rule{{ID: "marks.found", Title: "Marked line", Severity: finding.Medium, Fix: "finish it"}},
		Build: func(sec config.Section, _ registry.Run) (scanners.Scanner, config.Errors) {
			o := markOptions{Marker: "MARK", Severity: "medium"}
			if errs := sec.Decode(&o); len(errs) > 0 {
				return nil, errs
			}
			sev, err := finding.ParseSeverity(o.Severity)
			if err != nil {
				return nil, config.Errors{sec.Error(err.Error(), "severity")}
			}
			o.sev = sev
			return markScanner{o}, nil
		},
	}
}

func TestAScannerRegisteredInATest(t *testing.T) {
	root := t.TempDir()
	testutil.WriteFiles(t, root, map[string]string{
		"app.py":      "x = 1  # XXX later\n",
		".gitignore":  "",
		"bulwark.yml": "version: 1\nmarks:\n  marker: XXX\n  severity: high\ngates:\n  - {scanner: marks, severity: high, max: 0}\n",
	})
	env := Env{Entries: func() []registry.Entry { return append(testEntries(), markEntry()) }}
	out := filepath.Join(t.TempDir(), "out")
	r := run(t, env, "scan", root, "-q", "--format", "json", "--out", out)
	if r.code != ExitGate {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Findings []finding.Finding `json:"findings"`
		Rules    []struct {
			Scanner, ID, Fix string
		} `json:"rules"`
		Gate struct{ Violations []struct{ Scanner string } }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 2 || rep.Findings[1].Path != "bulwark.yml" || rep.Findings[0].Scanner != "marks" || rep.Findings[0].Severity != finding.High || rep.Findings[0].StartLine != 1 {
		t.Errorf("findings = %+v", rep.Findings)
	}
	if len(rep.Rules) != 1 || rep.Rules[0].ID != "marks.found" || rep.Rules[0].Fix != "finish it" {
		t.Errorf("rules = %+v", rep.Rules)
	}
	sarif, _ := os.ReadFile(filepath.Join(out, "bulwark.sarif"))
	if !strings.Contains(string(sarif), `"name": "bulwark/marks"`) || !strings.Contains(string(sarif), "finish it") {
		t.Error("SARIF has no run or catalogue rule for the test scanner")
	}
	// Its section is validated, with the file and line.
	testutil.WriteFiles(t, root, map[string]string{"bulwark.yml": "version: 1\nmarks:\n  markr: XXX\n"})
	r = run(t, env, "scan", root, "-q")
	if r.code != ExitError || !strings.Contains(r.stderr, `bulwark.yml:3: marks: unknown key "markr"`) {
		t.Errorf("bad section: exit %d, %s", r.code, r.stderr)
	}
	// Its section is in the schema.
	r = run(t, env, "config", "schema")
	if !strings.Contains(r.stdout, `"marks": {`) || !strings.Contains(r.stdout, "the word a line is marked with") {
		t.Error("schema lacks the test scanner's section")
	}
	// And it is in the rule catalogue.
	r = run(t, env, "rules", "--format", "json", "--scanner", "marks")
	if !strings.Contains(r.stdout, `"marks.found"`) {
		t.Errorf("rules: %s", r.stdout)
	}
}

// A typo in a gate's or an ignore's scanner fails closed, naming the file,
// the line and the known names.
func TestScannerNameTyposAreErrors(t *testing.T) {
	root := copyTree(t, "../../testdata/fixtures/compliant")
	for _, tc := range []struct{ yml, want string }{
		{"version: 1\ngates:\n  - scanner: secret\n    severity: high\n", `bulwark.yml:3: gates[0].scanner: "secret" matches no scanner, so this gate would count nothing (known: bulwark, deps, riskcheck, sast, secrets)`},
		{"version: 1\nignore:\n  - rule: risk.max_leverage\n    scanner: riskchek\n    reason: r\n    expires: 2027-01-01\n", `bulwark.yml:4: ignore[0].scanner: unknown scanner "riskchek" (known: bulwark, deps, riskcheck, sast, secrets)`},
	} {
		testutil.WriteFiles(t, root, map[string]string{"bulwark.yml": tc.yml})
		r := run(t, Env{}, "scan", root, "-q")
		if r.code != ExitError || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("exit %d, stderr %q, want %q", r.code, r.stderr, tc.want)
		}
	}
}

// Every rule a scan emits is in its scanner's catalogue, so SARIF rules
// never come from a finding.
func TestEveryEmittedRuleIsCatalogued(t *testing.T) {
	entries := testEntries()
	for _, dir := range []string{"../../testdata/demo", "../../testdata/fixtures/compliant"} {
		r := run(t, Env{}, "scan", copyTree(t, dir), "-q", "--format", "json")
		var rep struct {
			Findings   []finding.Finding    `json:"findings"`
			Suppressed []finding.Suppressed `json:"suppressed"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err)
		}
		all := rep.Findings
		for _, s := range rep.Suppressed {
			all = append(all, s.Finding)
		}
		for _, f := range all {
			if f.Scanner == registry.Own {
				continue
			}
			if _, ok := registry.Catalogue(entries, f.Scanner, f.RuleID); !ok {
				t.Errorf("%s: %s/%s is not in the catalogue", dir, f.Scanner, f.RuleID)
			}
		}
	}
	for _, c := range catalogues(entries) {
		if err := c.Check(); err != nil {
			t.Error(err)
		}
	}
}

// docs/rules/ is generated from the catalogue; regenerate with -update.
func TestRuleDocsAreCurrent(t *testing.T) {
	var index bytes.Buffer
	index.WriteString("# Rules\n\nGenerated from the rule catalogue (`bulwark rules`); `go test ./internal/cli -run TestRuleDocs -update` regenerates it.\n\n" +
		"Bulwark's own rules are `family.snake_case` (`risk.max_leverage`, `secrets.evm_private_key`); rules of the tools it drives keep their own IDs (`GHSA-…`, `trufflehog.<detector>`).\n\n")
	for _, c := range catalogues(registry.All()) {
		var b bytes.Buffer
		writeRulesMarkdown(&b, c)
		golden(t, filepath.Join("../../docs/rules", c.Scanner+".md"), b.Bytes())
		fmt.Fprintf(&index, "- [%s](%s.md): %d rules\n", c.Scanner, c.Scanner, len(c.Rules))
	}
	golden(t, "../../docs/rules/README.md", index.Bytes())
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *testutil.Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(want, got) {
		t.Errorf("%s is stale (go test ./internal/cli -run TestRuleDocs -update)", path)
	}
}

// The schema is generated from the types; the shipped configs validate
// against it, and it refuses what the decoder refuses.
func TestSchemaMatchesTheDecoder(t *testing.T) {
	r := run(t, Env{}, "config", "schema")
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("bulwark.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("bulwark.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../../testdata/demo/bulwark.yml", "../../bulwark.example.yml", "../../bulwark.yml"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlValue(t, b)); err != nil {
			t.Errorf("%s does not match the schema: %v", p, err)
		}
		if r := run(t, Env{}, "config", "validate", p); r.code != 0 {
			t.Errorf("%s: %s", p, r.stderr)
		}
	}
	for _, bad := range []string{"gates:\n  - {scanner: '*', severity: hihg}\n", "riskcheck:\n  limts: {}\n", "secrets:\n  fail_on: sometimes\n",
		"riskcheck:\n  limits:\n    max_yolo: {value: 1}\n"} {
		if s.Validate(yamlValue(t, []byte(bad))) == nil {
			t.Errorf("schema accepted %q", bad)
		}
	}
}

func yamlValue(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(fixDates(v))
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fixDates turns YAML timestamps back into the strings the config reads.
func fixDates(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = fixDates(e)
		}
	case []any:
		for i, e := range x {
			x[i] = fixDates(e)
		}
	case interface{ Format(string) string }:
		return x.Format("2006-01-02")
	}
	return v
}
