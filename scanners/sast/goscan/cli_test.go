package goscan

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// cliJSON is the gosec CLI's raw JSON report to trim into
// testdata/gosec-cli.json (testdata/regen-cli.sh passes it).
var cliJSON = flag.String("cli-json", "", "rewrite testdata/gosec-cli.json from this raw gosec CLI report")

// cliIssue is one finding of the CLI, trimmed to what the comparison checks.
type cliIssue struct {
	Rule          string `json:"rule"`
	File          string `json:"file"` // relative to testdata/mod
	Line          string `json:"line"` // as gosec prints it, "16" or "16-18"
	Column        int    `json:"column"`
	Severity      string `json:"severity"`   // gosec's: LOW, MEDIUM, HIGH
	Confidence    string `json:"confidence"` // gosec's
	CWE           string `json:"cwe"`        // "CWE-78", "" when the CLI printed none
	Suppressed    bool   `json:"suppressed"`
	Justification string `json:"justification,omitempty"`
}

type cliReport struct {
	Comment string     `json:"comment"`
	Issues  []cliIssue `json:"issues"`
	Files   int        `json:"files"`
	Lines   int        `json:"lines"`
}

// cliException is a checked-in difference between the CLI and Analyze.
type cliException struct {
	Rule   string `json:"rule"`
	Field  string `json:"field"`
	CLI    string `json:"cli"`
	Ours   string `json:"ours"`
	Reason string `json:"reason"`
}

func trimCLI(t *testing.T, raw string) {
	t.Helper()
	b, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Issues []struct {
			Severity, Confidence string
			Cwe                  *struct{ ID string }
			RuleID               string `json:"rule_id"`
			File, Line, Column   string
			Suppressions         []struct{ Kind, Justification string }
		}
		Stats struct{ Files, Lines int }
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	mod, _ := filepath.Abs("testdata/mod")
	out := cliReport{Comment: "gosec v2.30.0 CLI on testdata/mod (testdata/regen-cli.sh); do not edit", Files: r.Stats.Files, Lines: r.Stats.Lines}
	for _, is := range r.Issues {
		rel, err := filepath.Rel(mod, is.File)
		if err != nil {
			t.Fatal(err)
		}
		col, _ := strconv.Atoi(is.Column)
		c := cliIssue{Rule: is.RuleID, File: filepath.ToSlash(rel), Line: is.Line, Column: col, Severity: is.Severity, Confidence: is.Confidence}
		if is.Cwe != nil && is.Cwe.ID != "" {
			c.CWE = "CWE-" + is.Cwe.ID
		}
		if len(is.Suppressions) > 0 {
			c.Suppressed = true
			var js []string
			for _, s := range is.Suppressions {
				js = append(js, s.Justification)
			}
			c.Justification = strings.Join(js, "; ")
		}
		out.Issues = append(out.Issues, c)
	}
	slices.SortFunc(out.Issues, func(a, b cliIssue) int { return strings.Compare(cliKey(a), cliKey(b)) })
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("testdata/gosec-cli.json", append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func cliKey(c cliIssue) string {
	return fmt.Sprintf("%s:%s:%d:%s", c.File, c.Line, c.Column, c.Rule)
}

// TestCLIComparison: Analyze on testdata/mod reports exactly what the gosec
// CLI of the same version reported, finding by finding, field by field,
// except for the differences listed with their reasons in
// testdata/gosec-cli-exceptions.json.
func TestCLIComparison(t *testing.T) {
	if *cliJSON != "" {
		trimCLI(t, *cliJSON)
	}
	var want cliReport
	if err := json.Unmarshal(testutil.Fixture(t, "gosec-cli.json"), &want); err != nil {
		t.Fatal(err)
	}
	var exceptions []cliException
	if err := json.Unmarshal(testutil.Fixture(t, "gosec-cli-exceptions.json"), &exceptions); err != nil {
		t.Fatal(err)
	}
	if len(want.Issues) < 40 {
		t.Fatalf("the CLI's report has %d issues; regenerate it with testdata/regen-cli.sh", len(want.Issues))
	}
	res := fixtureResult(t)
	got := map[string]cliIssue{}
	add := func(is Issue, suppressed bool, reason string) {
		line := strconv.Itoa(is.Line)
		if is.EndLine != is.Line {
			line += "-" + strconv.Itoa(is.EndLine)
		}
		c := cliIssue{Rule: is.RuleID, File: is.Path, Line: line, Column: is.Col, Severity: is.Severity.String(),
			Confidence: is.Confidence, CWE: is.CWE, Suppressed: suppressed, Justification: reason}
		if _, dup := got[cliKey(c)]; dup {
			t.Errorf("Analyze reported %s twice", cliKey(c))
		}
		got[cliKey(c)] = c
	}
	for _, is := range res.Issues {
		add(is, false, "")
	}
	for _, s := range res.Suppressed {
		add(s.Issue, true, s.Reason)
	}
	used := make([]bool, len(exceptions))
	differ := func(c cliIssue, field, cli, ours string) {
		for i, e := range exceptions {
			if e.Rule == c.Rule && e.Field == field && e.CLI == cli && e.Ours == ours {
				used[i] = true
				return
			}
		}
		t.Errorf("%s: %s: the CLI says %q, Analyze %q", cliKey(c), field, cli, ours)
	}
	for _, w := range want.Issues {
		g, ok := got[cliKey(w)]
		if !ok {
			t.Errorf("the CLI reported %s, Analyze did not", cliKey(w))
			continue
		}
		delete(got, cliKey(w))
		if cli := strings.ToLower(w.Severity); cli != g.Severity {
			differ(w, "severity", cli, g.Severity)
		}
		if cli := strings.ToLower(w.Confidence); cli != g.Confidence {
			differ(w, "confidence", cli, g.Confidence)
		}
		if w.CWE != g.CWE {
			differ(w, "cwe", w.CWE, g.CWE)
		}
		if w.Suppressed != g.Suppressed {
			differ(w, "suppressed", strconv.FormatBool(w.Suppressed), strconv.FormatBool(g.Suppressed))
		}
		// Analyze says "#nosec" for a suppression without a justification.
		if j := cmpOr(w.Justification, "#nosec"); w.Suppressed && j != g.Justification {
			differ(w, "justification", j, g.Justification)
		}
	}
	for k := range got {
		t.Errorf("Analyze reported %s, the CLI did not", k)
	}
	for i, e := range exceptions {
		if !used[i] {
			t.Errorf("exception %+v matched nothing; remove it", e)
		}
	}
	if res.Files != want.Files || res.Lines != want.Lines {
		t.Errorf("files/lines: Analyze %d/%d, the CLI %d/%d", res.Files, res.Lines, want.Files, want.Lines)
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
