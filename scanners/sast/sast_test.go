package sast

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
	"github.com/bulwark-sec/bulwark/scanners"
)

// goModule is a tiny stdlib-only module with two gosec findings (G204 a
// command from a variable, G401 MD5) and one #nosec.
var goModule = map[string]string{
	"svc/go.mod": "module example.com/svc\n\ngo 1.26\n",
	"svc/main.go": `package main

import (
	"crypto/md5"
	"fmt"
	"os"
	"os/exec"
)

func main() {
	cmd := exec.Command(os.Args[1]) // G204
	_ = cmd.Run()
	fmt.Println(md5.Sum([]byte("x")))
	_ = exec.Command(os.Args[2]).Run() // #nosec G204 -- the operator's own argument
}
`,
}

var pyFiles = map[string]string{
	"bot/run.py": `import subprocess as sp
import yaml

def restart(name):
    sp.call("systemctl restart " + name, shell=True)

cfg = yaml.load(open("c.yml"))
sp.call("ls", shell=True)  # nosec
`,
}

// env is the runner's environment for the Go loader: the real PATH and Go
// paths, and the developer's warm build cache so tests do not rebuild the
// standard library's export data.
func env(t *testing.T) func(string) string {
	t.Helper()
	cache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOCACHE: %v", err)
	}
	return func(k string) string {
		if k == "BULWARK_GOCACHE" {
			return strings.TrimSpace(string(cache))
		}
		return os.Getenv(k)
	}
}

func open(t *testing.T, dir string, mode scanners.Mode) *scanners.Target {
	t.Helper()
	inv, src, err := scanners.Open(context.Background(), dir, scanners.OpenOptions{Mode: mode})
	if err != nil {
		t.Fatal(err)
	}
	return &scanners.Target{Inventory: inv, Source: src, Counter: &scanners.Counter{}, Getenv: env(t),
		CacheDir: t.TempDir(), Shared: scanners.NewShared(0)}
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func byRule(fs []finding.Finding) map[string][]finding.Finding {
	out := map[string][]finding.Finding{}
	for _, f := range fs {
		out[f.RuleID] = append(out[f.RuleID], f)
	}
	return out
}

func TestTreeScanBothLanguages(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, merge(goModule, pyFiles))
	tg := open(t, dir, scanners.ModeTree)
	res, err := New(DefaultOptions()).Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	got := byRule(res.Findings)
	if fs := got["G204"]; len(fs) != 1 || fs[0].Path != "svc/main.go" || fs[0].StartLine != 11 || fs[0].Detail["language"] != "go" {
		t.Errorf("G204 = %+v, want one at svc/main.go:11", fs)
	}
	if len(got["G401"]) != 1 {
		t.Errorf("G401 (md5) = %+v", got["G401"])
	}
	var shell finding.Finding
	for _, f := range res.Findings {
		if f.Detail["bandit_id"] == "B602" {
			shell = f
		}
	}
	if shell.Path != "bot/run.py" || shell.StartLine != 5 || shell.Severity != finding.High {
		t.Errorf("B602 on a command built from a parameter = %+v, want high at bot/run.py:5", shell)
	}
	var yamlLoad bool
	for _, f := range res.Findings {
		yamlLoad = yamlLoad || f.Detail["bandit_id"] == "B506" && f.StartLine == 7
	}
	if !yamlLoad {
		t.Errorf("no B506 for yaml.load at line 7: %v", testutil.Rules(res.Findings))
	}
	var goNosec, pyNosec bool
	for _, s := range res.Suppressed {
		goNosec = goNosec || s.RuleID == "G204" && s.StartLine == 14 && strings.Contains(s.Reason, "the operator's own argument")
		pyNosec = pyNosec || s.Detail["bandit_id"] == "B602" && s.StartLine == 8 && s.Kind == "inline"
	}
	if !goNosec || !pyNosec {
		t.Errorf("suppressed = %+v; want the #nosec G204 with its reason and the Python # nosec", res.Suppressed)
	}
	counts := tg.Counter.Snapshot()
	if counts["python_files"] != 1 || counts["go_modules"] != 1 || counts["go_packages"] != 1 || counts["go_files"] < 1 {
		t.Errorf("counts = %v", counts)
	}
	cat := finding.Catalogue{Scanner: "sast", Rules: Rules()}
	for _, f := range append(res.Findings, suppressedFindings(res)...) {
		if _, ok := cat.Lookup(f.RuleID); !ok {
			t.Errorf("emitted rule %s is not in the catalogue", f.RuleID)
		}
		if f.Fingerprint == "" || f.Title == "" || len(f.CWE) == 0 {
			t.Errorf("finding %s at %s:%d lacks fingerprint, title or CWE: %+v", f.RuleID, f.Path, f.StartLine, f)
		}
	}
}

func suppressedFindings(res *scanners.Result) []finding.Finding {
	var out []finding.Finding
	for _, s := range res.Suppressed {
		out = append(out, s.Finding)
	}
	return out
}

func TestCatalogue(t *testing.T) {
	cat := finding.Catalogue{Scanner: "sast", Rules: Rules()}
	if err := cat.Check(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"G204", "G701", ruleNotAnalysed} {
		if _, ok := cat.Lookup(id); !ok {
			t.Errorf("%s missing from the catalogue", id)
		}
	}
}

// TestStagedReadsTheIndex: the staged blob is analysed, not the working
// copy, for Python and for Go; and only staged files are reported.
func TestStagedReadsTheIndex(t *testing.T) {
	dir := t.TempDir()
	testutil.Git(t, dir, "init", "-q")
	testutil.WriteFiles(t, dir, merge(goModule, map[string]string{
		"svc/other.go": "package main\n\nimport \"crypto/sha1\"\n\nvar _ = sha1.New\n",
	}))
	testutil.Git(t, dir, "add", "-A")
	testutil.Git(t, dir, "commit", "-qm", "base")
	// Stage a dangerous Python file and a Go change, then clean the
	// working copy: only the index holds the problems.
	testutil.WriteFiles(t, dir, map[string]string{
		"job.py":      "import os\nos.system('rm -rf /tmp/x')\n",
		"svc/main.go": strings.Replace(goModule["svc/main.go"], "md5.Sum", "md5.Sum", 1) + "\nfunc extra() { _ = exec.Command(os.Getenv(\"X\")).Run() }\n",
	})
	testutil.Git(t, dir, "add", "-A")
	testutil.WriteFiles(t, dir, map[string]string{"job.py": "print('clean')\n", "svc/main.go": "package main\n\nfunc main() {}\n"})

	tg := open(t, dir, scanners.ModeStaged)
	res, err := New(DefaultOptions()).Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	got := byRule(res.Findings)
	var system bool
	for _, f := range res.Findings {
		system = system || f.Path == "job.py" && f.Detail["bandit_id"] == "B605"
	}
	if !system {
		t.Errorf("the staged os.system call was not found (working copy read?): %v", testutil.Rules(res.Findings))
	}
	if n := len(got["G204"]); n != 2 {
		t.Errorf("G204 in the staged svc/main.go = %d, want 2 (the staged blob, not the clean working copy)", n)
	}
	for _, f := range res.Findings {
		if f.Path == "svc/other.go" {
			t.Errorf("a finding in an unstaged file was reported: %+v", f)
		}
	}
}

func TestHistoryIsSkipped(t *testing.T) {
	dir := t.TempDir()
	testutil.Git(t, dir, "init", "-q")
	testutil.WriteFiles(t, dir, pyFiles)
	testutil.Git(t, dir, "add", "-A")
	testutil.Git(t, dir, "commit", "-qm", "x")
	tg := open(t, dir, scanners.ModeHistory)
	_, err := New(DefaultOptions()).Scan(context.Background(), tg)
	if why, ok := scanners.IsSkip(err); !ok || !strings.Contains(why, "--history does not apply") {
		t.Fatalf("err = %v, want a skip naming --history", err)
	}
}

func TestNothingToAnalyseIsASkip(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"README.md": "# hi\n", "loose.go": "package x\n"})
	_, err := New(DefaultOptions()).Scan(context.Background(), open(t, dir, scanners.ModeTree))
	if why, ok := scanners.IsSkip(err); !ok || !strings.Contains(why, "no Python files and no Go modules") {
		t.Fatalf("err = %v", err)
	}
}

func TestTooLargeIsAFinding(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, map[string]string{"big.py": "x = 1\n" + strings.Repeat("# pad\n", 100), "small.py": "eval(input())\n"})
	o := DefaultOptions()
	o.MaxFileSize = 64
	tg := open(t, dir, scanners.ModeTree)
	res, err := New(o).Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	got := byRule(res.Findings)
	if fs := got[ruleNotAnalysed]; len(fs) != 1 || fs[0].Path != "big.py" {
		t.Fatalf("not-analysed findings = %+v", fs)
	}
	if c := tg.Counter.Snapshot(); c["python_files"] != 1 || c["python_files_not_analysed"] != 1 {
		t.Errorf("counts = %v", c)
	}
}

// TestSharedParse: a second scanner asking for the same file gets the tree
// SAST parsed, not a new parse.
func TestSharedParse(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, pyFiles)
	tg := open(t, dir, scanners.ModeTree)
	if _, err := New(DefaultOptions()).Scan(context.Background(), tg); err != nil {
		t.Fatal(err)
	}
	v, err := tg.Shared.Do("python:bot/run.py", func() (any, int64, error) {
		t.Fatal("the tree was parsed again")
		return nil, 0, nil
	})
	if err != nil || v == nil {
		t.Fatalf("shared tree = %v, %v", v, err)
	}
}

// TestLanguageOffIsVisible: a bulwark.yml that turns Python off says so in
// the scanner's notes, with the file and line, and no Python is analysed.
func TestLanguageOffIsVisible(t *testing.T) {
	cfg, err := config.Parse("bulwark.yml", []byte("version: 1\nsast:\n  python: false\n"),
		config.Options{Scanners: []string{"sast"}, Sections: []string{"sast"}})
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	sec := cfg.Section("sast")
	if errs := sec.Decode(&o); len(errs) > 0 {
		t.Fatal(errs)
	}
	if errs := o.Validate(sec); len(errs) > 0 {
		t.Fatal(errs)
	}
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, merge(pyFiles, goModule))
	tg := open(t, dir, scanners.ModeTree)
	res, err := New(o).Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "Python analysis is turned off (bulwark.yml:3 sast.python)") {
		t.Errorf("notes = %q", res.Notes)
	}
	for _, f := range res.Findings {
		if f.Detail["language"] == "python" {
			t.Errorf("Python analysed although turned off: %+v", f)
		}
	}
	// With Go gone too, there is nothing to analyse: a skip that says why.
	o.Go = false
	o.off["go"] = "bulwark.yml:4 sast.go"
	_, err = New(o).Scan(context.Background(), open(t, dir, scanners.ModeTree))
	if why, ok := scanners.IsSkip(err); !ok || !strings.Contains(why, "turned off") {
		t.Errorf("err = %v, want a skip naming what was turned off", err)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct{ yml, want string }{
		{"sast: {max_file_size: 0}\n", "max_file_size"},
		{"sast: {max_file_size: 100000000}\n", "at most"},
		{"sast: {go_build_tags: [\"a b\"]}\n", "not a build tag"},
		{"sast: {go_build_tags: [\"-toolexec=x\"]}\n", "not a build tag"},
	} {
		cfg, err := config.Parse("bulwark.yml", []byte("version: 1\n"+tc.yml), config.Options{Scanners: []string{"sast"}, Sections: []string{"sast"}})
		if err != nil {
			t.Fatal(err)
		}
		o := DefaultOptions()
		sec := cfg.Section("sast")
		errs := sec.Decode(&o)
		errs = append(errs, o.Validate(sec)...)
		if !strings.Contains(errs.Error(), tc.want) {
			t.Errorf("%s: errors %v, want %q", tc.yml, errs, tc.want)
		}
	}
}

// TestBuildConstraintsAreCounted: a file only another platform builds is
// not analysed, and the report says so rather than passing it as clean.
func TestBuildConstraintsAreCounted(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, merge(goModule, map[string]string{
		"svc/hidden_plan9.go": "//go:build plan9\n\npackage main\n\nimport (\n\t\"os\"\n\t\"os/exec\"\n)\n\nfunc hidden() { _ = exec.Command(os.Args[1]).Run() }\n",
		"svc/tagged.go":       "//go:build prod\n\npackage main\n\nfunc tagged() {}\n",
	}))
	tg := open(t, dir, scanners.ModeTree)
	res, err := New(DefaultOptions()).Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if n := tg.Counter.Snapshot()["go_files_left_out_by_build_constraints"]; n != 2 {
		t.Errorf("left out by build constraints = %d, want 2", n)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "2 .go file(s) were left out by build constraints") {
		t.Errorf("notes = %q", res.Notes)
	}
	o := DefaultOptions()
	o.GoBuildTags = []string{"prod"}
	tg = open(t, dir, scanners.ModeTree)
	if _, err := New(o).Scan(context.Background(), tg); err != nil {
		t.Fatal(err)
	}
	if n := tg.Counter.Snapshot()["go_files_left_out_by_build_constraints"]; n != 1 {
		t.Errorf("with the prod tag, left out = %d, want 1 (only the plan9 file)", n)
	}
}
