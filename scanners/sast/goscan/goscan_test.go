package goscan

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/securego/gosec/v2"
	"github.com/securego/gosec/v2/analyzers"
	"github.com/securego/gosec/v2/issue"
	"github.com/securego/gosec/v2/rules"
	"golang.org/x/tools/go/packages"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// treeModules walks a fixture tree the way the inventory would and finds
// its modules.
func treeModules(t testing.TB, root string) []Module {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			r, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			paths = append(paths, filepath.ToSlash(r))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mods, errs := FindModules(paths, func(rel string) ([]byte, error) { return os.ReadFile(filepath.Join(root, rel)) })
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return mods
}

// view is a Result as the golden files show it.
type view struct {
	Issues     []string `json:"issues"`
	Suppressed []string `json:"suppressed"`
	Notes      []string `json:"notes"`
	Errors     []string `json:"errors"`
	Counts     string   `json:"counts"`
}

func issueLine(is Issue) string {
	return fmt.Sprintf("%s:%d-%d:%d %s %s/%s %s %q | %s", is.Path, is.Line, is.EndLine, is.Col, is.RuleID,
		is.Severity, is.Confidence, is.CWE, is.Title, is.Identity)
}

func viewOf(r *Result) view {
	v := view{Issues: []string{}, Suppressed: []string{}, Notes: r.Notes, Errors: []string{},
		Counts: fmt.Sprintf("modules=%d packages=%d partial=%d files=%d lines=%d", r.Modules, r.Packages, r.PartialPackages, r.Files, r.Lines)}
	for _, is := range r.Issues {
		v.Issues = append(v.Issues, issueLine(is))
	}
	for _, s := range r.Suppressed {
		v.Suppressed = append(v.Suppressed, issueLine(s.Issue)+" | reason: "+s.Reason)
	}
	for _, e := range r.Errors {
		v.Errors = append(v.Errors, e.Error())
	}
	return v
}

func rulesOf(r *Result) map[string]int {
	m := map[string]int{}
	for _, is := range r.Issues {
		m[is.RuleID]++
	}
	return m
}

// TestGolden pins the whole Result (findings, suppressions, notes, counts)
// for the rule fixture and for the tree of awkward modules.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name, root string
		mods       func(t *testing.T) []Module
	}{
		{"mod", "testdata/mod", nil},
		{"tree", "testdata/tree", func(t *testing.T) []Module { return treeModules(t, "testdata/tree") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var res *Result
			if tc.mods == nil {
				res = fixtureResult(t)
			} else {
				res = analyze(t, tc.root, tc.mods(t), nil)
			}
			testutil.GoldenJSON(t, "golden/"+tc.name+".json", viewOf(res))
		})
	}
}

// TestFixtureRules: the #nosec forms of the rule fixture are reported as
// suppressed with their reasons, and the critical taint rules keep their
// rating. That every rule fires (or why it cannot) is TestRuleCoverage's.
func TestFixtureRules(t *testing.T) {
	res := fixtureResult(t)
	var supp []string
	for _, s := range res.Suppressed {
		supp = append(supp, fmt.Sprintf("%s:%d %s %s", s.Path, s.Line, s.RuleID, s.Reason))
	}
	want := []string{
		"internal/store/store.go:42 G202 the fixture's justified suppression", // #nosec G202 -- reason
		"internal/store/store.go:43 G104 #nosec",                              // bare #nosec
		"internal/store/store.go:44 G302 #nosec",                              // /* #nosec G302 */
		"internal/store/store.go:46 G104 directive form",                      // //gosec:disable G104 -- reason
	}
	if !slices.Equal(supp, want) {
		t.Errorf("suppressed:\n%s\nwant:\n%s", strings.Join(supp, "\n"), strings.Join(want, "\n"))
	}
	for _, is := range res.Issues {
		if is.Path == "internal/store/store.go" && is.Line >= 42 && is.Line <= 46 {
			t.Errorf("a silenced line is reported: %s", issueLine(is))
		}
		if is.RuleID == "G702" || is.RuleID == "G708" {
			if is.Severity != finding.Critical {
				t.Errorf("%s: severity %s, want critical", is.RuleID, is.Severity)
			}
		}
	}
	if len(res.Notes) != 0 || len(res.Errors) != 0 || res.PartialPackages != 0 {
		t.Errorf("a clean module gave notes %q, errors %v, partial %d", res.Notes, res.Errors, res.PartialPackages)
	}
}

// TestTree covers modules that load badly: every module is analysed as far
// as it can be, and none keeps another from being analysed.
func TestTree(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	mods := treeModules(t, "testdata/tree")
	opt := testOptions(t, "testdata/tree")
	res, err := Analyze(ctx, mods, opt)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string][]string{}
	for _, is := range res.Issues {
		at[is.Path] = append(at[is.Path], is.RuleID)
	}
	for _, tc := range []struct {
		name, path, rules, note string
	}{
		// a syntax error: the AST rules still run on what parsed; the other package is untouched
		{"syntax error", "syntax/bad/bad.go", "G501 G401", "syntax/bad: loaded with"},
		{"syntax error, other package", "syntax/good/good.go", "G404", ""},
		// a dependency that is not there: a partial note, the AST rules still find issues
		{"missing dependency", "missing/m.go", "G501 G401 G306", "missing: loaded with 1 error (first: missing/m.go:7:2: could not import example.com/missing"},
		// a clean package importing a broken one: named down to the import that failed
		{"ill-typed import", "missing/user/user.go", "G404", "missing/user: package example.com/missing (through example.com/usesmissing) could not be loaded completely"},
		// a go.work workspace: b imports a, which only the workspace resolves; G115 needs SSA, so b type-checked
		{"workspace", "work/b/b.go", "G115", ""},
		// a nested module: both analysed, once each
		{"nested outer", "nested/n.go", "G404", ""},
		{"nested inner", "nested/inner/i.go", "G505 G401", ""},
		// cgo: the cgo file is left out and said so; the rest is analysed
		{"cgo", "cgo/plain.go", "G501 G401", "cgo: 1 file using cgo not analysed"},
		{"cgo file", "cgo/c.go", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(at[tc.path], " "); got != tc.rules {
				t.Errorf("%s: rules %q, want %q", tc.path, got, tc.rules)
			}
			if tc.note != "" && !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, tc.note) }) {
				t.Errorf("no note starting %q in %q", tc.note, res.Notes)
			}
		})
	}
	if res.Modules != 7 || res.PartialPackages != 3 || len(res.Errors) != 0 {
		t.Errorf("modules %d partial %d errors %v", res.Modules, res.PartialPackages, res.Errors)
	}
	for _, is := range res.Issues {
		if strings.Contains(is.Path, "testdata") || strings.HasPrefix(is.Path, "_") || strings.HasPrefix(is.Path, ".") {
			t.Errorf("finding in an ignored directory: %s", issueLine(is))
		}
	}
}

// TestBrokenModule: a module the go command refuses entirely (a go.mod it
// cannot parse, a go line newer than the toolchain) is an error of its
// own; the other modules are still analysed.
func TestBrokenModule(t *testing.T) {
	root := t.TempDir()
	testutil.WriteFiles(t, root, map[string]string{
		"bad/go.mod":    "module example.com/bad\n\ngo 1.26\n\nrequire (\n",
		"bad/x.go":      "package bad\n",
		"future/go.mod": "module example.com/future\n\ngo 1.99\n",
		"future/x.go":   "package future\n",
		"ok/go.mod":     "module example.com/ok\n\ngo 1.26\n",
		// a requirement in go.sum but not in the module cache: loaded, partially
		"offline/go.mod": "module example.com/offline\n\ngo 1.26\n\nrequire example.com/missing v1.0.0\n",
		"offline/go.sum": "example.com/missing v1.0.0 h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n" +
			"example.com/missing v1.0.0/go.mod h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
		"offline/x.go": "package offline\n\nimport \"example.com/missing\"\n\nvar _ = missing.X\n",
		// a module without Go code is not an error
		"empty/go.mod": "module example.com/empty\n\ngo 1.26\n",
		"ok/x.go":      "package ok\n\nimport \"math/rand\"\n\nfunc R() int { return rand.Int() }\n",
	})
	res := analyze(t, root, []Module{{Dir: "bad"}, {Dir: "empty"}, {Dir: "future"}, {Dir: "offline"}, {Dir: "ok"}}, nil)
	if got := rulesOf(res); got["G404"] != 1 {
		t.Errorf("the good module was not analysed: %v", got)
	}
	if len(res.Errors) != 2 || res.Modules != 3 || res.PartialPackages != 1 {
		t.Fatalf("errors %v, modules %d, partial %d", res.Errors, res.Modules, res.PartialPackages)
	}
	for i, want := range []string{"module bad: the go command could not load it, so none of it was analysed: go: errors parsing go.mod: go.mod:6: syntax error",
		"module future: the go command could not load it, so none of it was analysed: go: go.mod requires go >= 1.99"} {
		if msg := res.Errors[i].Error(); !strings.HasPrefix(msg, want) || strings.Contains(msg, root) {
			t.Errorf("error %q: want prefix %q and no absolute path", msg, want)
		}
	}
}

// TestStaged: with Dirs and an Overlay, what is analysed is the staged
// content of the staged packages, not the work tree.
func TestStaged(t *testing.T) {
	root, err := filepath.Abs("testdata/mod")
	if err != nil {
		t.Fatal(err)
	}
	disk, err := os.ReadFile(filepath.Join(root, "crypto/weak.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The staged weak.go no longer imports crypto/des and gains a G404 three lines down.
	staged := strings.Replace(string(disk), "\t\"crypto/des\"\n", "", 1)
	staged = strings.Replace(staged, "func Ciphers(key []byte) error {\n\tif _, err := des.NewCipher(key); err != nil {\n\t\treturn err\n\t}\n",
		"func Ciphers(key []byte) error {\n\t_ = rand.Int63()\n", 1)
	if staged == string(disk) {
		t.Fatal("the fixture changed; update the staged edit")
	}
	res := analyze(t, "testdata/mod", []Module{{Dir: "."}}, func(o *Options) {
		o.Dirs = []string{"crypto", "web/newpkg"}
		o.Overlay = map[string][]byte{
			filepath.Join(root, "crypto/weak.go"):      []byte(staged),
			filepath.Join(root, "web/newpkg/fresh.go"): []byte("package newpkg\n\nimport \"crypto/sha1\"\n\nvar _ = sha1.New\n"),
		}
	})
	var got []string
	for _, is := range res.Issues {
		got = append(got, fmt.Sprintf("%s:%d %s", is.Path, is.Line, is.RuleID))
	}
	want := []string{
		"crypto/weak.go:5 G501", "crypto/weak.go:6 G503", "crypto/weak.go:7 G505", "crypto/weak.go:11 G504",
		"crypto/weak.go:16 G401", "crypto/weak.go:16 G401", "crypto/weak.go:21 G404", "crypto/weak.go:22 G405",
		"crypto/weak.go:27 G404", "crypto/weak.go:31 G402", "web/newpkg/fresh.go:3 G505",
	}
	if !slices.Equal(got, want) {
		t.Errorf("staged findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Packages != 2 {
		t.Errorf("packages %d, want 2 (crypto and the staged-only web/newpkg)", res.Packages)
	}
}

// TestJobsZero: Options{Jobs: 0} means one worker per CPU and analyses
// everything Jobs: 1 does.
func TestJobsZero(t *testing.T) {
	one := analyze(t, "testdata/mod", []Module{{Dir: "."}}, func(o *Options) { o.Jobs = 1 })
	zero := analyze(t, "testdata/mod", []Module{{Dir: "."}}, func(o *Options) { o.Jobs = 0 })
	if len(one.Issues) < 40 || !slices.Equal(viewOf(one).Issues, viewOf(zero).Issues) || one.Packages != zero.Packages {
		t.Errorf("Jobs 0: %d issues in %d packages, Jobs 1: %d in %d", len(zero.Issues), zero.Packages, len(one.Issues), one.Packages)
	}
}

// TestGosecConcurrencyZeroTrap documents the library trap Options.Jobs
// guards against: gosec.NewAnalyzer with concurrency 0 starts no worker, so
// Process analyses nothing and still returns nil. With 1 the same call
// finds the fixture's issues.
func TestGosecConcurrencyZeroTrap(t *testing.T) {
	setGoVersion()
	for _, kv := range loaderEnv(nil, devGoCache(), "", false) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v) // Process loads with the process environment
	}
	dir, err := filepath.Abs("testdata/mod/crypto")
	if err != nil {
		t.Fatal(err)
	}
	run := func(concurrency int) int {
		a := gosec.NewAnalyzer(gosec.NewConfig(), false, false, false, concurrency, log.New(discard{}, "", 0))
		a.LoadRules(rules.Generate(false).RulesInfo())
		a.LoadAnalyzers(analyzers.Generate(false).AnalyzersInfo())
		if err := a.Process(nil, dir); err != nil {
			t.Fatalf("concurrency %d: %v", concurrency, err)
		}
		issues, _, _ := a.Report()
		return len(issues)
	}
	if n := run(0); n != 0 {
		t.Errorf("concurrency 0 found %d issues; the trap is gone, Options.Jobs's comment can go too", n)
	}
	if n := run(1); n < 10 {
		t.Errorf("concurrency 1 found only %d issues", n)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// TestTests: with Tests the _test.go files are analysed too, once.
func TestTests(t *testing.T) {
	res := analyze(t, "testdata/mod", []Module{{Dir: "."}}, func(o *Options) { o.Tests = true })
	var inTest []string
	for _, is := range res.Issues {
		if strings.HasSuffix(is.Path, "_test.go") {
			inTest = append(inTest, fmt.Sprintf("%d %s", is.Line, is.RuleID))
		}
	}
	if want := []string{"4 G501", "9 G401"}; !slices.Equal(inTest, want) {
		t.Errorf("findings in main_test.go: %q, want %q", inTest, want)
	}
	plain := analyze(t, "testdata/mod", []Module{{Dir: "."}}, nil)
	if len(res.Issues) != len(plain.Issues)+2 || res.Packages != plain.Packages {
		t.Errorf("with tests %d issues in %d packages; without %d in %d", len(res.Issues), res.Packages, len(plain.Issues), plain.Packages)
	}
}

// TestNoLiteralLeaks: no string literal of the fixtures (the fake
// credential first) appears in an identity, title, reason, note or error.
func TestNoLiteralLeaks(t *testing.T) {
	for _, root := range []string{"testdata/mod", "testdata/tree"} {
		lits := stringLiterals(t, root)
		if root == "testdata/mod" && !slices.Contains(lits, "fixture-not-a-real-password-0000") {
			t.Fatal("the fake credential is not in the fixture")
		}
		var mods []Module
		if root == "testdata/tree" {
			mods = treeModules(t, root)
		} else {
			mods = []Module{{Dir: "."}}
		}
		res := analyze(t, root, mods, nil)
		var texts []string
		for _, is := range res.Issues {
			texts = append(texts, is.Identity, is.Title)
		}
		for _, s := range res.Suppressed {
			texts = append(texts, s.Identity, s.Title)
		}
		texts = append(texts, res.Notes...)
		for _, e := range res.Errors {
			texts = append(texts, e.Error())
		}
		for _, lit := range lits {
			if len(lit) < 6 {
				continue
			}
			for _, s := range texts {
				if strings.Contains(s, lit) {
					t.Errorf("%s: literal %q leaks into %q", root, lit, s)
				}
			}
		}
	}
}

func stringLiterals(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		f, _ := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if f == nil {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if _, ok := n.(*ast.ImportSpec); ok {
				return false // import paths are not values
			}
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if v, err := strconv.Unquote(bl.Value); err == nil {
					out = append(out, v)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCancel: a cancelled context stops the scan and says so.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Analyze(ctx, []Module{{Dir: "."}}, testOptions(t, "testdata/mod"))
	if !errors.Is(err, context.Canceled) || res == nil || len(res.Issues) != 0 {
		t.Errorf("cancelled: %v, %+v", err, res)
	}
}

// TestNoGo: without a go command Analyze fails as a whole.
func TestNoGo(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := Analyze(context.Background(), []Module{{Dir: "."}}, testOptions(t, "testdata/mod")); !errors.Is(err, ErrNoGo) {
		t.Errorf("err %v, want ErrNoGo", err)
	}
}

// TestLineDirectives: a //line directive cannot move a finding onto the
// line of an unrelated #nosec (or anywhere): lines are the file's own.
func TestLineDirectives(t *testing.T) {
	root := t.TempDir()
	testutil.WriteFiles(t, root, map[string]string{
		"go.mod": "module example.com/ld\n\ngo 1.26\n",
		"x.go": "package ld\n\nimport (\n\t\"math/rand\"\n\t\"os\"\n)\n\n" +
			"func A(p string) {\n//line x.go:100\n\tos.Remove(p) // #nosec\n}\n\n" +
			"func B() int {\n//line x.go:100\n\treturn rand.Int()\n}\n",
	})
	res := analyze(t, root, []Module{{Dir: "."}}, nil)
	var got []string
	for _, is := range res.Issues {
		got = append(got, fmt.Sprintf("%d %s", is.Line, is.RuleID))
	}
	if want := []string{"15 G404"}; !slices.Equal(got, want) {
		t.Errorf("issues %q, want %q (suppressed: %+v)", got, want, res.Suppressed)
	}
	if len(res.Suppressed) != 1 || res.Suppressed[0].Line != 10 {
		t.Errorf("suppressed %+v, want G104 at line 10", res.Suppressed)
	}
}

// TestOutsideRoot: findings in files outside the root (the build cache's
// generated files, GOROOT, the module cache) and findings without a file
// are dropped; the rest is made relative.
func TestOutsideRoot(t *testing.T) {
	root := t.TempDir()
	s := newScan(Options{Root: root})
	p := &packages.Package{Fset: token.NewFileSet()}
	in := filepath.Join(root, "a", "x.go")
	got := s.convertAll(p, newSources(), []*issue.Issue{
		{RuleID: "G404", File: in, Line: "3", Col: "7", Severity: issue.High, Confidence: issue.Medium},
		{RuleID: "G404", File: filepath.Join(filepath.Dir(root), "elsewhere", "x.go"), Line: "3", Col: "7"},
		{RuleID: "G404", File: filepath.Join(filepath.Dir(root), "goroot", "src", "fmt", "print.go"), Line: "3", Col: "7"},
		{RuleID: "G404", File: "", Line: "1", Col: "1"},
		{RuleID: "", File: in, Line: "1", Col: "1"},
		nil,
	})
	if len(got) != 1 || got[0].Path != "a/x.go" || got[0].Line != 3 || got[0].Col != 7 || got[0].Severity != finding.High {
		t.Errorf("converted %+v", got)
	}
}

// TestWhyNothing: when the export-mode load returns no package, the module
// is asked again without export data, which does report go list's failure
// (x/net v0.61.0 copied out of the module cache loads nothing offline: its
// graph needs golang.org/x/term v0.47.0, which the cache lacks, and
// go/packages drops go list's exit status in export mode).
func TestWhyNothing(t *testing.T) {
	root := t.TempDir()
	testutil.WriteFiles(t, root, map[string]string{
		"future/go.mod": "module example.com/future\n\ngo 1.99\n",
		"future/x.go":   "package future\n",
		"empty/go.mod":  "module example.com/empty\n\ngo 1.26\n",
	})
	o := testOptions(t, root)
	cfg := func(dir string) *packages.Config {
		return &packages.Config{Dir: filepath.Join(root, dir), Env: loaderEnv(o.Env, o.GoCache, "", false)}
	}
	if err := whyNothing(cfg("future"), []string{"./..."}); err == nil || !strings.Contains(err.Error(), "go >= 1.99") {
		t.Errorf("future: %v", err)
	}
	if err := whyNothing(cfg("empty"), []string{"./..."}); err != nil {
		t.Errorf("a module without Go code: %v", err)
	}
	if got := goListError("err: exit status 1: stderr: go: downloading example.com/x v1.0.0\ngo: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off\n"); got != "go: example.com/x@v1.0.0: module lookup disabled by GOPROXY=off" {
		t.Errorf("goListError: %q", got)
	}
}

// TestVendor: a module with a vendor directory is loaded from it (its
// dependency is in no module cache); an inconsistent one falls back to the
// module cache.
func TestVendor(t *testing.T) {
	root := t.TempDir()
	vendored := map[string]string{
		"go.mod":                       "module example.com/v\n\ngo 1.26\n\nrequire example.com/vdep v1.0.0\n",
		"main.go":                      "package v\n\nimport \"example.com/vdep\"\n\n// Small narrows.\nfunc Small() int8 { return int8(vdep.N()) }\n",
		"vendor/modules.txt":           "# example.com/vdep v1.0.0\n## explicit; go 1.26\nexample.com/vdep\n",
		"vendor/example.com/vdep/d.go": "package vdep\n\nimport \"math/rand\"\n\nfunc N() int { return rand.Int() }\n",
		"bad/go.mod":                   "module example.com/bad\n\ngo 1.26\n",
		"bad/x.go":                     "package bad\n\nimport \"math/rand\"\n\nfunc R() int { return rand.Int() }\n",
		"bad/vendor/modules.txt":       "# example.com/gone v1.0.0\n## explicit\nexample.com/gone\n",
	}
	testutil.WriteFiles(t, root, vendored)
	res := analyze(t, root, []Module{{Dir: "."}, {Dir: "bad"}}, nil)
	var got []string
	for _, is := range res.Issues {
		got = append(got, is.Path+" "+is.RuleID)
	}
	// G115 needs SSA, so main.go type-checked against the vendored package,
	// which itself is not analysed (./... leaves vendor out).
	if want := []string{"bad/x.go G404", "main.go G115"}; !slices.Equal(got, want) {
		t.Errorf("issues %q, want %q; notes %q errors %v", got, want, res.Notes, res.Errors)
	}
	if len(res.Errors) != 0 || res.PartialPackages != 0 {
		t.Errorf("errors %v partial %d", res.Errors, res.PartialPackages)
	}
}

// TestStagedTrojanSource: gosec's G116 reads files from disk, so in staged
// mode a staged file with bidi controls would pass while its clean working
// copy is read, and a clean staged file would be blamed for a dirty working
// copy. The adapter checks the staged content instead.
func TestStagedTrojanSource(t *testing.T) {
	root, err := filepath.Abs("testdata/mod")
	if err != nil {
		t.Fatal(err)
	}
	disk, err := os.ReadFile(filepath.Join(root, "edge/trojan.go"))
	if err != nil {
		t.Fatal(err)
	}
	clean := strings.Map(func(r rune) rune {
		if slices.Contains(bidiControls, r) {
			return -1
		}
		return r
	}, string(disk))
	if clean == string(disk) {
		t.Fatal("the fixture's trojan.go lost its bidi control; update the test")
	}
	res := analyze(t, "testdata/mod", []Module{{Dir: "."}}, func(o *Options) {
		o.Dirs = []string{"edge"}
		o.Overlay = map[string][]byte{
			filepath.Join(root, "edge/trojan.go"): []byte(clean),
			filepath.Join(root, "edge/fresh.go"):  []byte("package edge\n\n// Admin reports whether the user is an admin.\nfunc Admin(user string) bool { return user == \"guest\u202e\u2066// admin\u2069\u2066\" }\n"),
		}
	})
	var got []string
	for _, is := range res.Issues {
		if is.RuleID == "G116" {
			got = append(got, is.Path)
		}
	}
	if !slices.Equal(got, []string{"edge/fresh.go"}) {
		t.Errorf("G116 in %v, want only the staged edge/fresh.go (not the clean staged trojan.go)", got)
	}
}
