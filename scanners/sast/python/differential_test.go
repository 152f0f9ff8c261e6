package python

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The differential test runs the real Bandit 1.6.2 (the Debian package) over
// the fixture corpus and demands that every finding it makes is one of ours
// too, on the same file and line with the same Bandit ID, or is listed with a
// reason in testdata/bandit/exceptions.txt. The reverse (ours and not
// Bandit's) is logged, not failed: Bandit 1.6.2 on Python 3.8+ never runs its
// string checks (B104, B105, B108, B608: it visits ast.Str, which no longer
// exists as a node class), and we are meant to find more than it does.
//
// What Bandit 1.6.2 reads besides its arguments: a ".bandit" INI file found
// anywhere under a target (it walks the targets for one unless --ini names a
// file; it can set skips, tests, exclude and targets) and, only with -c or
// --profile, a YAML config. runBandit passes --ini with an empty [bandit]
// section, so a .bandit in a scanned tree changes nothing
// (TestBanditIgnoresProjectConfig proves it). "# nosec" comments in the
// scanned source are honoured by Bandit and by us alike.

const (
	// banditVersion is the Bandit whose findings exceptions.txt was written
	// against; another version fails in CI and skips elsewhere.
	banditVersion  = "1.6.2"
	corpusTimeout  = 3 * time.Minute
	treeTimeout    = 45 * time.Minute
	exceptionsFile = "testdata/bandit/exceptions.txt"
)

// banditReport is the part of `bandit -f json` the tests read.
type banditReport struct {
	Results []struct {
		Filename   string `json:"filename"`
		Line       int    `json:"line_number"`
		TestID     string `json:"test_id"`
		Severity   string `json:"issue_severity"`
		Confidence string `json:"issue_confidence"`
		// Text is Bandit's message. It can hold a literal's value (B105's
		// "Possible hardcoded password: '…'"): compared, never logged.
		Text string `json:"issue_text"`
	} `json:"results"`
	Errors []struct {
		Filename string `json:"filename"`
		Reason   string `json:"reason"`
	} `json:"errors"`
}

// key is one finding as the two tools are compared: slash path relative to
// the scanned root, line, Bandit test ID.
type key struct {
	Path string
	Line int
	ID   string
}

func (k key) String() string { return fmt.Sprintf("%s:%d %s", k.Path, k.Line, k.ID) }

func sortKeys(ks []key) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.ID < b.ID
	})
}

// skipOrFatal skips a test that needs something missing, except in CI
// (env CI set), where a missing tool must not turn the check into a pass.
func skipOrFatal(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf(format+" (CI is set, so this is an error)", args...)
	}
	t.Skipf(format, args...)
}

var (
	banditOnce sync.Once
	banditBin  string
	banditErr  error
)

// banditBinary finds bandit on PATH and checks that it is 1.6.2.
func banditBinary(t testing.TB) string {
	t.Helper()
	banditOnce.Do(func() {
		p, err := exec.LookPath("bandit")
		if err != nil {
			banditErr = fmt.Errorf("bandit not on PATH (Debian: apt-get install bandit): %w", err)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, p, "--version")
		cmd.Env = banditEnv()
		out, err := cmd.Output()
		if err != nil {
			banditErr = fmt.Errorf("bandit --version: %w", err)
			return
		}
		if f := strings.Fields(string(out)); len(f) < 2 || f[0] != "bandit" || f[1] != banditVersion {
			banditErr = fmt.Errorf("found %s, the exceptions are written for bandit %s", firstLine(out), banditVersion)
			return
		}
		banditBin = p
	})
	if banditErr != nil {
		skipOrFatal(t, "%v", banditErr)
	}
	return banditBin
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(s)
}

// banditEnv is the environment Bandit runs in: ours without PYTHON* variables
// (PYTHONPATH could load other plugins), never importing from the scanned
// directory, writing no bytecode, decoding as UTF-8.
func banditEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PYTHON") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG=") {
			env = append(env, kv)
		}
	}
	return append(env, "PYTHONSAFEPATH=1", "PYTHONDONTWRITEBYTECODE=1", "PYTHONNOUSERSITE=1", "LC_ALL=C.UTF-8")
}

// runBandit runs `bandit -f json -r .` in root and returns its report, with
// file names made relative to root. Exit status 1 means "issues found".
func runBandit(ctx context.Context, t testing.TB, bin, root string) *banditReport {
	t.Helper()
	tmp := t.TempDir()
	ini := filepath.Join(tmp, "empty.ini")
	if err := os.WriteFile(ini, []byte("[bandit]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "report.json")
	cmd := exec.CommandContext(ctx, bin, "-f", "json", "-o", out, "-q", "--ini", ini, "-r", ".")
	cmd.Dir = root
	cmd.Env = banditEnv()
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("bandit in %s: %v (context: %v)\n%s", root, err, ctx.Err(), tail(stderr.Bytes(), 2000))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("bandit wrote no report: %v\n%s", err, tail(stderr.Bytes(), 2000))
	}
	var rep banditReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("bandit report: %v", err)
	}
	for i := range rep.Results {
		rep.Results[i].Filename = relSlash(rep.Results[i].Filename)
	}
	for i := range rep.Errors {
		rep.Errors[i].Filename = relSlash(rep.Errors[i].Filename)
	}
	return &rep
}

func relSlash(name string) string {
	return strings.TrimPrefix(filepath.ToSlash(filepath.Clean(name)), "./")
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// banditKeys returns the distinct (file, line, ID) of a report, sorted.
func banditKeys(rep *banditReport) []key {
	seen := map[key]bool{}
	var ks []key
	for _, r := range rep.Results {
		k := key{r.Filename, r.Line, r.TestID}
		if !seen[k] {
			seen[k] = true
			ks = append(ks, k)
		}
	}
	sortKeys(ks)
	return ks
}

// pyFiles lists the files under root that Bandit 1.6.2 scans with -r: every
// file whose path matches *.py or *.pyw, symlinks to files included, symlinks
// to directories not followed (os.walk's defaults). Paths are slash paths
// relative to root, sorted.
func pyFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // Bandit's os.walk ignores unreadable directories too
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyw")) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(p); err != nil || st.IsDir() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(files)
	return files, err
}

// scanned is our engine's result for every file of a tree.
type scanned struct {
	Files   []string
	Results map[string]*FileResult
	Failed  map[string]error // AnalyzeSource returned an error
}

// analyzeTree runs AnalyzeSource on every file of root, in parallel.
func analyzeTree(ctx context.Context, t testing.TB, root string) *scanned {
	t.Helper()
	files, err := pyFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	s := &scanned{Files: files, Results: map[string]*FileResult{}, Failed: map[string]error{}}
	var mu sync.Mutex
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				res, err := analyzeFile(ctx, root, f)
				mu.Lock()
				if err != nil {
					s.Failed[f] = err
				} else {
					s.Results[f] = res
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	return s
}

// analyzeFile analyses root/rel the way the scanner does: with its
// repository-relative path, so test files get none of the QuietInTests
// rules (Bandit reports them everywhere; exceptions.txt lists the corpus's
// test files).
func analyzeFile(ctx context.Context, root, rel string) (*FileResult, error) {
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	return AnalyzeSourceWith(ctx, src, AnalyzeOptions{Path: rel})
}

// keys returns the distinct (file, line, Bandit ID) of our issues that carry
// a Bandit ID, and the issues that do not, by rule.
func (s *scanned) keys() (ks []key, byKey map[key]Issue) {
	byKey = map[key]Issue{}
	for f, res := range s.Results {
		for _, is := range res.Issues {
			if is.BanditID == "" {
				continue
			}
			k := key{f, is.Line, is.BanditID}
			if _, dup := byKey[k]; !dup {
				byKey[k] = is
				ks = append(ks, k)
			}
		}
	}
	sortKeys(ks)
	return ks, byKey
}

// exception is one line of exceptions.txt: a Bandit finding we knowingly do
// not report, and why.
type exception struct {
	key
	Reason string
	Line   int // in exceptions.txt
}

var exceptionLine = regexp.MustCompile(`^(\S+):([0-9]+) (B[0-9]{3}) -- (\S.*)$`)

// readExceptions parses exceptions.txt: `path:line B### -- reason`, paths
// relative to testdata/, blank lines and # comments allowed.
func readExceptions(name string) ([]exception, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var out []exception
	seen := map[key]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := exceptionLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("%s:%d: want `path:line B### -- reason`, got %q", name, n, line)
		}
		ln, err := strconv.Atoi(m[2])
		if err != nil || ln < 1 {
			return nil, fmt.Errorf("%s:%d: bad line number %q", name, n, m[2])
		}
		k := key{path.Clean(m[1]), ln, m[3]}
		if prev, dup := seen[k]; dup {
			return nil, fmt.Errorf("%s:%d: %s is already excepted on line %d", name, n, k, prev)
		}
		seen[k] = n
		out = append(out, exception{key: k, Reason: m[4], Line: n})
	}
	return out, sc.Err()
}

// comparison is Bandit's keys against ours.
type comparison struct {
	Bandit, Matched, Missed, Extra []key
}

func compare(bandit, ours []key) comparison {
	have := map[key]bool{}
	for _, k := range ours {
		have[k] = true
	}
	inBandit := map[key]bool{}
	c := comparison{Bandit: bandit}
	for _, k := range bandit {
		inBandit[k] = true
		if have[k] {
			c.Matched = append(c.Matched, k)
		} else {
			c.Missed = append(c.Missed, k)
		}
	}
	for _, k := range ours {
		if !inBandit[k] {
			c.Extra = append(c.Extra, k)
		}
	}
	return c
}

func (c comparison) agreement() float64 {
	if len(c.Bandit) == 0 {
		return 100
	}
	return 100 * float64(len(c.Matched)) / float64(len(c.Bandit))
}

// byID counts keys per Bandit ID.
func byID(ks []key) map[string]int {
	m := map[string]int{}
	for _, k := range ks {
		m[k.ID]++
	}
	return m
}

func TestBanditDifferential(t *testing.T) {
	bin := banditBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), corpusTimeout)
	defer cancel()
	rep := runBandit(ctx, t, bin, "testdata")
	ours := analyzeTree(ctx, t, "testdata")
	for f, err := range ours.Failed {
		t.Errorf("%s: AnalyzeSource: %v", f, err)
	}
	exc, err := readExceptions(exceptionsFile)
	if err != nil {
		t.Fatal(err)
	}
	oursKeys, oursBy := ours.keys()
	c := compare(banditKeys(rep), oursKeys)

	excepted := map[key]exception{}
	for _, e := range exc {
		excepted[e.key] = e
	}
	missed := map[key]bool{}
	for _, k := range c.Missed {
		missed[k] = true
		if _, ok := excepted[k]; !ok {
			t.Errorf("Bandit finds %s and we do not (fix the engine, or add `%s -- reason` to %s)", k, k, exceptionsFile)
		}
	}
	for _, e := range exc {
		if !missed[e.key] {
			why := "Bandit no longer reports it"
			if _, ok := oursBy[e.key]; ok {
				why = "we report it now"
			}
			t.Errorf("%s:%d: stale exception %s: %s; remove it", exceptionsFile, e.Line, e.key, why)
		}
	}
	for _, e := range rep.Errors {
		t.Logf("bandit skipped %s: %s", e.Filename, e.Reason)
	}

	extra := map[string][]string{}
	for _, k := range c.Extra {
		is := oursBy[k]
		extra[is.Rule] = append(extra[is.Rule], fmt.Sprintf("%s:%d", k.Path, k.Line))
	}
	rules := make([]string, 0, len(extra))
	for r := range extra {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		t.Logf("ours, not Bandit's: %s ×%d: %s", r, len(extra[r]), strings.Join(extra[r], " "))
	}
	t.Logf("corpus: %d files; Bandit %d findings, matched %d, excepted %d, agreement %.1f%% (matched / Bandit); ours not Bandit's %d",
		len(ours.Files), len(c.Bandit), len(c.Matched), len(exc), c.agreement(), len(c.Extra))
	if len(c.Bandit) == 0 {
		t.Fatal("Bandit found nothing in the corpus: the run is broken")
	}
}

// TestBanditIgnoresProjectConfig proves runBandit's --ini: a .bandit file in
// the scanned tree that skips B101 does not hide B101.
func TestBanditIgnoresProjectConfig(t *testing.T) {
	bin := banditBinary(t)
	dir := t.TempDir()
	files := map[string]string{
		".bandit":     "[bandit]\nskips: B101\nexclude: ./sub\ntargets: ./sub\n",
		"check.py":    "def check(x):\n    assert x\n",
		"sub/more.py": "def more(y):\n    assert y\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	got := banditKeys(runBandit(ctx, t, bin, dir))
	want := []key{{"check.py", 2, "B101"}, {"sub/more.py", 2, "B101"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("bandit with a hostile .bandit: got %v, want %v", got, want)
	}
}

var pluginLine = regexp.MustCompile(`(?m)^\s+(B[0-9]{3})\s+\w+$`)

// TestCorpusCoversBandit checks that every test and blacklist entry Bandit
// lists in its help has a fixture directory.
func TestCorpusCoversBandit(t *testing.T) {
	bin := banditBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--help")
	cmd.Env = banditEnv()
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	ids := pluginLine.FindAllStringSubmatch(string(out), -1)
	if len(ids) < 60 {
		t.Fatalf("bandit --help lists %d tests; the parse is broken", len(ids))
	}
	for _, m := range ids {
		for _, f := range []string{"bad.py", "good.py"} {
			if _, err := os.Stat(filepath.Join("testdata", "rules", m[1], f)); err != nil {
				t.Errorf("Bandit test %s has no fixture: %v", m[1], err)
			}
		}
	}
}

// TestBanditAgreementTree compares the two tools on a real tree, given as
// BULWARK_BANDIT_TREE (not part of `make test`; it takes minutes); the
// samples show BULWARK_BANDIT_SAMPLE findings per ID (default 3):
//
//	BULWARK_BANDIT_TREE=/usr/lib/python3.11 go test ./scanners/sast/python \
//	    -run TestBanditAgreementTree -v -timeout 60m
func TestBanditAgreementTree(t *testing.T) {
	root := os.Getenv("BULWARK_BANDIT_TREE")
	if root == "" {
		t.Skip("set BULWARK_BANDIT_TREE=<dir> to compare with Bandit on a real tree")
	}
	bin := banditBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), treeTimeout)
	defer cancel()
	start := time.Now()
	rep := runBandit(ctx, t, bin, root)
	banditTime := time.Since(start)
	start = time.Now()
	ours := analyzeTree(ctx, t, root)
	oursTime := time.Since(start)

	skipped := map[string]string{}
	for _, e := range rep.Errors {
		skipped[e.Filename] = e.Reason
	}
	oursKeys, oursBy := ours.keys()
	// Findings in files Bandit could not parse are counted apart: there is
	// nothing of Bandit's to compare them with.
	var comparable []key
	extraInSkipped := 0
	for _, k := range oursKeys {
		if _, ok := skipped[k.Path]; ok {
			extraInSkipped++
			continue
		}
		comparable = append(comparable, k)
	}
	c := compare(banditKeys(rep), comparable)
	design := byDesign(rep, c.Missed)
	parseErrs := 0
	for _, res := range ours.Results {
		if res.ParseErrors > 0 {
			parseErrs++
		}
	}

	t.Logf("tree %s: %d files (Bandit skipped %d, we failed on %d, with parse errors %d); Bandit %s, ours %s",
		root, len(ours.Files), len(skipped), len(ours.Failed), parseErrs, banditTime.Round(time.Millisecond), oursTime.Round(time.Millisecond))
	t.Logf("Bandit findings %d, matched %d, agreement %.1f%%; ours not Bandit's %d (plus %d in files Bandit skipped)",
		len(c.Bandit), len(c.Matched), c.agreement(), len(c.Extra), extraInSkipped)
	reasons := make([]string, 0, len(design))
	nd := 0
	for r, n := range design {
		reasons = append(reasons, fmt.Sprintf("%d %s", n, r))
		nd += n
	}
	sort.Strings(reasons)
	if len(c.Bandit) > 0 {
		t.Logf("missed by design %d (%s); agreement without them %.1f%%",
			nd, strings.Join(reasons, ", "), 100*float64(len(c.Matched))/float64(len(c.Bandit)-nd))
	}

	total, miss, extra := byID(c.Bandit), byID(c.Missed), byID(c.Extra)
	ids := map[string]bool{}
	for _, m := range []map[string]int{total, extra} {
		for id := range m {
			ids[id] = true
		}
	}
	sorted := make([]string, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	var tb strings.Builder
	fmt.Fprintf(&tb, "\n%-6s %8s %8s %8s %8s\n", "ID", "bandit", "matched", "missed", "extra")
	for _, id := range sorted {
		fmt.Fprintf(&tb, "%-6s %8d %8d %8d %8d\n", id, total[id], total[id]-miss[id], miss[id], extra[id])
	}
	t.Log(tb.String())
	perID := 3
	if n, err := strconv.Atoi(os.Getenv("BULWARK_BANDIT_SAMPLE")); err == nil && n > 0 {
		perID = n
	}
	t.Logf("sample of missed (Bandit's, not ours), %d per ID:\n%s", perID, sample(c.Missed, perID, nil))
	t.Logf("sample of extra (ours, not Bandit's), %d per ID:\n%s", perID, sample(c.Extra, perID, oursBy))
	for f, err := range ours.Failed {
		t.Errorf("%s: AnalyzeSource: %v", f, err)
	}
}

// byDesign counts the missed findings our rules leave out on purpose, by
// reason: a QuietInTests rule in a test file, and an empty string as a
// "password".
func byDesign(rep *banditReport, missed []key) map[string]int {
	text := map[key]string{}
	for _, r := range rep.Results {
		text[key{r.Filename, r.Line, r.TestID}] = r.Text
	}
	out := map[string]int{}
	for _, k := range missed {
		switch {
		case QuietInTests[k.ID] && IsTestFile(k.Path):
			out[k.ID+" in test files"]++
		case (k.ID == "B105" || k.ID == "B106" || k.ID == "B107") && text[k] == "Possible hardcoded password: ''":
			out[k.ID+" empty string"]++
		}
	}
	return out
}

// sample takes up to n keys per ID, spread over the list (every len/n-th),
// so a sample is not one file's findings.
func sample(ks []key, n int, by map[key]Issue) string {
	per := map[string][]key{}
	for _, k := range ks {
		per[k.ID] = append(per[k.ID], k)
	}
	ids := make([]string, 0, len(per))
	for id := range per {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		list := per[id]
		step := max(1, len(list)/n)
		for i := 0; i < len(list) && i/step < n; i += step {
			k := list[i]
			if is, ok := by[k]; ok {
				fmt.Fprintf(&b, "  %s (%s %s/%s)\n", k, is.Rule, is.Severity, is.Confidence)
			} else {
				fmt.Fprintf(&b, "  %s\n", k)
			}
		}
	}
	return b.String()
}
