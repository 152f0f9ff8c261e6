package python

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// The fixture corpus: testdata/rules/<id>/ holds bad.py (realistic positives
// of rule <id>: aliases, multi-line calls, f-strings, decorators, async) and
// good.py (the near-misses a precise tool stays quiet on). <id> is the rule's
// Bandit ID when it has one, else its rule ID. golden.json beside them records
// everything the engine reports on both (go test -update rewrites it).

// goldenIssue is the part of an Issue a golden file pins down.
type goldenIssue struct {
	Rule       string           `json:"rule"`
	BanditID   string           `json:"bandit_id,omitempty"`
	Line       int              `json:"line"`
	Severity   finding.Severity `json:"severity"`
	Confidence string           `json:"confidence"`
}

type goldenSuppressed struct {
	goldenIssue
	Reason string `json:"reason"`
}

type goldenFile struct {
	Issues      []goldenIssue      `json:"issues"`
	Suppressed  []goldenSuppressed `json:"suppressed"`
	ParseErrors int                `json:"parse_errors"`
	Notes       []string           `json:"notes"`
}

func toGolden(r *FileResult) goldenFile {
	g := goldenFile{Issues: []goldenIssue{}, Suppressed: []goldenSuppressed{}, ParseErrors: r.ParseErrors, Notes: []string{}}
	for _, is := range r.Issues {
		g.Issues = append(g.Issues, goldenOf(is))
	}
	for _, s := range r.Suppressed {
		g.Suppressed = append(g.Suppressed, goldenSuppressed{goldenOf(s.Issue), s.Reason})
	}
	g.Notes = append(g.Notes, r.Notes...)
	sort.SliceStable(g.Issues, func(i, j int) bool { return lessGolden(g.Issues[i], g.Issues[j]) })
	sort.SliceStable(g.Suppressed, func(i, j int) bool { return lessGolden(g.Suppressed[i].goldenIssue, g.Suppressed[j].goldenIssue) })
	return g
}

func goldenOf(is Issue) goldenIssue {
	return goldenIssue{Rule: is.Rule, BanditID: is.BanditID, Line: is.Line, Severity: is.Severity, Confidence: is.Confidence}
}

func lessGolden(a, b goldenIssue) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.BanditID < b.BanditID
}

// fakeSecrets are the credential values the fixtures use. A message or an
// identity must never carry a literal's value.
var fakeSecrets = []string{"hunter2", "changeme", "not-a-real-secret", "demo-key"}

// analyzeDir runs the engine on every .py file of dir, checking what holds for
// any result: no error, lines inside the file, rules in the catalogue, no
// literal's value in a message or identity.
func analyzeDir(t *testing.T, dir string) map[string]goldenFile {
	t.Helper()
	known := map[string]bool{}
	for _, r := range Catalogue() {
		known[r.ID] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]goldenFile{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".py") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		res, err := AnalyzeSourceWith(ctx, src, AnalyzeOptions{Path: filepath.ToSlash(p)})
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		// Python's lines: \n, \r\n and a lone \r each end one.
		lines := bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n")) +
			bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), nil), []byte("\r")) + 1
		all := append([]Issue(nil), res.Issues...)
		for _, s := range res.Suppressed {
			all = append(all, s.Issue)
		}
		for _, is := range all {
			if is.Line < 1 || is.Line > lines || is.EndLine < is.Line || is.EndLine > lines {
				t.Errorf("%s: %s at lines %d-%d, outside the file's %d lines", p, is.Rule, is.Line, is.EndLine, lines)
			}
			if !known[is.Rule] {
				t.Errorf("%s:%d: rule %q is not in Catalogue()", p, is.Line, is.Rule)
			}
			for _, s := range fakeSecrets {
				if strings.Contains(is.Message, s) || strings.Contains(is.Identity, s) {
					t.Errorf("%s:%d: %s carries a literal's value in its message or identity: %q / %q", p, is.Line, is.Rule, is.Message, is.Identity)
				}
			}
		}
		out[e.Name()] = toGolden(res)
	}
	return out
}

// ruleDirs lists testdata/rules/*.
func ruleDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

// dirName is the fixture directory of a rule: its Bandit ID, else its ID.
func dirName(r RuleInfo) string {
	if r.BanditID != "" {
		return r.BanditID
	}
	return r.ID
}

func TestGoldenRules(t *testing.T) {
	byDir := map[string]RuleInfo{}
	for _, r := range Catalogue() {
		byDir[dirName(r)] = r
	}
	for _, dir := range ruleDirs(t) {
		t.Run(dir, func(t *testing.T) {
			rule, ok := byDir[dir]
			if !ok {
				t.Fatalf("testdata/rules/%s names no rule of Catalogue()", dir)
			}
			got := analyzeDir(t, filepath.Join("testdata", "rules", dir))
			testutil.GoldenJSON(t, filepath.Join("rules", dir, "golden.json"), got)
			bad, okBad := got["bad.py"]
			good, okGood := got["good.py"]
			if !okBad || !okGood {
				t.Fatalf("testdata/rules/%s needs bad.py and good.py", dir)
			}
			if n := count(bad.Issues, rule); n == 0 {
				t.Errorf("bad.py: no %s issue (%s)", rule.ID, rule.Title)
			}
			for _, is := range good.Issues {
				if is.Rule == rule.ID {
					t.Errorf("good.py:%d: %s reported on a near-miss", is.Line, rule.ID)
				}
			}
			if bad.ParseErrors != 0 || good.ParseErrors != 0 {
				t.Errorf("fixtures must parse: bad.py %d, good.py %d parse errors", bad.ParseErrors, good.ParseErrors)
			}
		})
	}
}

func count(issues []goldenIssue, r RuleInfo) int {
	n := 0
	for _, is := range issues {
		if is.Rule == r.ID {
			n++
		}
	}
	return n
}

// TestCorpusCoversCatalogue checks that every rule has fixtures: a rule
// without them is tested by nothing here.
func TestCorpusCoversCatalogue(t *testing.T) {
	dirs := map[string]bool{}
	for _, d := range ruleDirs(t) {
		dirs[d] = true
	}
	cat := Catalogue()
	if len(cat) == 0 {
		t.Fatal("empty catalogue")
	}
	for _, r := range cat {
		if !dirs[dirName(r)] {
			t.Errorf("rule %s (%s) has no testdata/rules/%s", r.ID, r.Title, dirName(r))
		}
	}
}

// TestGoldenMalformed pins what the engine makes of files that do not parse,
// are not UTF-8, nest deeply, or use match, walrus and except*.
func TestGoldenMalformed(t *testing.T) {
	got := analyzeDir(t, filepath.Join("testdata", "bandit", "malformed"))
	testutil.GoldenJSON(t, filepath.Join("bandit", "malformed", "golden.json"), got)
	if g := got["syntax_error.py"]; g.ParseErrors == 0 {
		t.Errorf("syntax_error.py: no parse error reported")
	}
	for _, name := range []string{"deep_nesting.py", "match_walrus.py"} {
		if g := got[name]; g.ParseErrors != 0 {
			t.Errorf("%s: valid Python 3.11, but %d parse errors", name, g.ParseErrors)
		}
	}
}

// TestHugeOneLiner analyses a 5 MB single-line file (generated, not kept in
// git). With the default per-file budget AnalyzeSource must come back within
// it, with a result or with the budget's error, never hang; given the time,
// the parse must reach the eval at the end of the line.
func TestHugeOneLiner(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("import os; table = [")
	for b.Len() < 5<<20 {
		b.WriteString("0x7f, ")
	}
	b.WriteString("0]; result = eval(os.environ['EXPR'])\n")
	src := b.Bytes()
	hasEval := func(r *FileResult) bool {
		for _, is := range r.Issues {
			if is.BanditID == "B307" && is.Line == 1 {
				return true
			}
		}
		return false
	}

	start := time.Now()
	res, err := AnalyzeSource(context.Background(), src)
	took := time.Since(start)
	switch {
	case err != nil && !errors.Is(err, context.DeadlineExceeded):
		t.Errorf("AnalyzeSource on %d bytes: %v", len(src), err)
	case err == nil && !hasEval(res):
		t.Errorf("AnalyzeSource on %d bytes: no B307 on line 1: %v %v", len(src), res.Issues, res.Notes)
	}
	if limit := 3 * pyparse.DefaultTimeout; took > limit {
		t.Errorf("AnalyzeSource took %v on %d bytes, over three times the parse budget", took, len(src))
	}
	t.Logf("default budget: %v, err %v", took.Round(time.Millisecond), err)

	f, err := pyparse.Parse(context.Background(), src, pyparse.Options{Timeout: 5 * time.Minute})
	if err != nil {
		t.Fatalf("pyparse.Parse with 5 minutes: %v", err)
	}
	if r := Analyze(f); !hasEval(r) {
		t.Errorf("5 MB one-liner: no B307 on line 1: %v %v", r.Issues, r.Notes)
	}
}

// FuzzAnalyzeCorpus mutates the fixture corpus: AnalyzeSource must not fail
// or panic, and every issue must sit inside the input.
func FuzzAnalyzeCorpus(f *testing.F) {
	for _, root := range []string{"testdata/rules", "testdata/bandit/malformed"} {
		files, err := pyFiles(root)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := AnalyzeSource(context.Background(), src)
		if err != nil {
			t.Fatalf("AnalyzeSource: %v", err)
		}
		// Python's lines: \n, \r\n and a lone \r each end one.
		lines := bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\n")) +
			bytes.Count(bytes.ReplaceAll(src, []byte("\r\n"), nil), []byte("\r")) + 1
		for _, is := range res.Issues {
			if is.Line < 1 || is.Line > lines {
				t.Fatalf("%s at line %d of a %d-line input", is.Rule, is.Line, lines)
			}
		}
	})
}
