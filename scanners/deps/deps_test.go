package deps

import (
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners"
)

// testDB is the offline database the tests scan against: the records of the
// packages they scan, trimmed from the osv.dev export by testdata/osv/gen.go.
func testDB(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs("testdata/osv")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// failingTransport fails the test on any request that bypasses our client.
type failingTransport struct{ t testing.TB }

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("network request during an offline scan: %s", r.URL)
	return nil, http.ErrUseLastResponse
}

func scanTree(t testing.TB, root, db string) (*scanners.Result, error, map[string]int64) { //nolint:staticcheck // read last reads best at the call sites
	t.Helper()
	inv, _, err := scanners.Open(context.Background(), root, scanners.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := &scanners.Counter{}
	opt := DefaultOptions()
	opt.DB = db
	res, err := New(opt).Scan(context.Background(), &scanners.Target{Inventory: inv, Counter: c,
		CacheDir: t.TempDir(), HTTP: &http.Client{Transport: failingTransport{t}}})
	return res, err, c.Snapshot()
}

func TestKnownAdvisoriesPerEcosystem(t *testing.T) {
	db := testDB(t)
	prevDefault := http.DefaultTransport
	http.DefaultTransport = failingTransport{t}
	defer func() { http.DefaultTransport = prevDefault }()
	before := deniedRequests.Load()

	root := copyDir(t, "testdata/tree")
	// a .gitignore'd lockfile is not scanned
	if err := os.MkdirAll(filepath.Join(root, "ignored"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(root, "ignored", "requirements.txt"), []byte("PyYAML==5.3.1\n"), 0o644)
	_ = os.WriteFile(filepath.Join(root, ".gitignore"), []byte("ignored/\n"), 0o644)

	res, err, read := scanTree(t, root, db)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]finding.Finding{}
	for _, f := range res.Findings {
		byKey[f.Path+" "+f.RuleID] = f
	}
	want := []struct {
		key, fixed string
		sev        finding.Severity
		line       int
		alias      string
	}{
		{"python/requirements.txt PYSEC-2021-142", "5.4", finding.Medium, 2, "CVE-2020-14343"},
		{"python/poetry/poetry.lock PYSEC-2021-142", "5.4", finding.Medium, 0, "GHSA-8q59-q68h-6hv4"},
		{"node/package-lock.json GHSA-p6mc-m468-83gw", "4.17.19", finding.High, 8, "CVE-2020-8203"},
		{"golang/go.mod GO-2021-0113", "0.3.7", finding.Medium, 6, "CVE-2021-38561"},
	}
	for _, w := range want {
		f, ok := byKey[w.key]
		if !ok {
			t.Errorf("missing %s", w.key)
			continue
		}
		fixed, _ := f.Detail["fixed_versions"].([]string)
		aliases := f.Aliases
		if len(fixed) == 0 || fixed[0] != w.fixed || !containsStr(aliases, w.alias) {
			t.Errorf("%s: fixed %v aliases %v", w.key, fixed, aliases)
		}
		if f.Severity < w.sev {
			t.Errorf("%s: severity %s, want at least %s (%v)", w.key, f.Severity, w.sev, f.Detail["severity_source"])
		}
		if w.line > 0 && f.StartLine != w.line {
			t.Errorf("%s: line %d, want %d", w.key, f.StartLine, w.line)
		}
		if f.HelpURI == "" || !strings.Contains(f.Message, "Fixed in") {
			t.Errorf("%s: no help URI or fix: %s", w.key, f.Message)
		}
	}
	for k := range byKey {
		if strings.HasPrefix(k, "patched/") || strings.HasPrefix(k, "ignored/") {
			t.Errorf("finding for a patched or ignored lockfile: %s", k)
		}
	}
	if f := byKey["python/requirements.txt deps.unpinned"]; f.RuleID == "" || f.Severity != finding.Low {
		t.Errorf("unpinned requirement not reported: %+v", byKey)
	}
	if f := byKey["python/requirements.txt PYSEC-2014-13"]; !strings.Contains(f.Message, `lowest version "requests>=2.0" admits`) {
		t.Errorf("unpinned vulnerability does not say how it was checked: %q", f.Message)
	}
	// the malformed lockfile and the ecosystem without a database are errors
	// naming what failed; everything else was still scanned
	var errs []string
	for _, e := range res.Errors {
		errs = append(errs, e.Error())
	}
	sort.Strings(errs)
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "broken/package-lock.json: cannot parse") || !strings.HasPrefix(errs[1], "crates.io packages found") {
		t.Errorf("errors = %q", errs)
	}
	if read["lockfiles"] < 7 || read["packages"] < 9 {
		t.Errorf("read counts = %v", read)
	}
	if deniedRequests.Load() != before {
		t.Error("the offline scan attempted a network request")
	}
}

func TestAliasesAreOneFinding(t *testing.T) {
	db := testDB(t)
	root := t.TempDir()
	_ = os.WriteFile(filepath.Join(root, "requirements.txt"), []byte("PyYAML==5.3.1\n"), 0o644)
	res, err, _ := scanTree(t, root, db)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, f := range res.Findings {
		for _, id := range append(f.Detail["ids"].([]string), f.Aliases...) {
			seen[id]++
		}
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("%s appears in %d findings", id, n)
		}
	}
	if seen["CVE-2020-14343"] != 1 {
		t.Errorf("CVE-2020-14343 not found once: %v", seen)
	}
}

func TestNoDatabaseFailsClosed(t *testing.T) {
	root := t.TempDir()
	_ = os.WriteFile(filepath.Join(root, "requirements.txt"), []byte("PyYAML==5.3.1\n"), 0o644)
	if _, err, _ := scanTree(t, root, ""); err == nil || !strings.Contains(err.Error(), "no OSV database") {
		t.Errorf("no database: %v", err)
	}
	if _, err, _ := scanTree(t, root, filepath.Join(root, "nope")); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing database dir: %v", err)
	}
	empty := t.TempDir()
	if _, err, _ := scanTree(t, root, empty); err == nil || !strings.Contains(err.Error(), "holds no") {
		t.Errorf("empty database dir: %v", err)
	}
}

func TestManifestWithoutPackagesIsSkipped(t *testing.T) {
	db := testDB(t)
	root := t.TempDir()
	_ = os.WriteFile(filepath.Join(root, "package.json"), []byte(`{"name": "x", "dependencies": {"lodash": "^4"}}`), 0o644)
	_, err, _ := scanTree(t, root, db)
	if reason, ok := scanners.IsSkip(err); !ok || !strings.Contains(reason, "package.json") {
		t.Errorf("a package.json without a lockfile read as a clean scan: %v", err)
	}
}

func TestNothingToScanIsSkipped(t *testing.T) {
	root := t.TempDir()
	_ = os.WriteFile(filepath.Join(root, "main.py"), []byte("print(1)\n"), 0o644)
	_, err, _ := scanTree(t, root, "")
	if reason, ok := scanners.IsSkip(err); !ok || !strings.Contains(reason, "no lockfiles") {
		t.Errorf("err = %v", err)
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A lockfile that is a symlink inside the tree is read; osv-scanner's own
// walk would skip it and the scanner would say it had nothing to check.
func TestSymlinkedLockfileIsRead(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "deploy"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "deploy", "pinned.lock"), []byte("pyyaml==5.3.1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("deploy/pinned.lock", filepath.Join(root, "requirements.txt")); err != nil {
		t.Fatal(err)
	}
	res, err, read := scanTree(t, root, testDB(t))
	if err != nil {
		t.Fatal(err)
	}
	if read["packages"] != 1 || len(res.Findings) == 0 {
		t.Errorf("read %v, %d findings", read, len(res.Findings))
	}
}

// TestUnpinnedIsOnePerManifest: a requirements file with many unpinned
// requirements is one finding that counts them and lists them in detail;
// a newly unpinned requirement changes its fingerprint, so a baseline of
// the old finding does not hide it.
func TestUnpinnedIsOnePerManifest(t *testing.T) {
	db := testDB(t)
	scan := func(reqs string) finding.Finding {
		t.Helper()
		root := t.TempDir()
		if err := os.WriteFile(filepath.Join(root, "requirements.txt"), []byte(reqs), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err, _ := scanTree(t, root, db)
		if err != nil {
			t.Fatal(err)
		}
		var got []finding.Finding
		for _, f := range res.Findings {
			if f.RuleID == "deps.unpinned" {
				f.Seal()
				got = append(got, f)
			}
		}
		if len(got) != 1 {
			t.Fatalf("%d unpinned findings, want 1 for the file: %+v", len(got), got)
		}
		return got[0]
	}
	f := scan("numpy>=1.20\npandas~=2.1\nrequests==2.31.0\nccxt\n")
	if !strings.HasPrefix(f.Message, "3 of 4 requirements are not pinned") || f.StartLine != 1 {
		t.Errorf("message %q at line %d", f.Message, f.StartLine)
	}
	reqs, _ := f.Detail["requirements"].([]map[string]any)
	if len(reqs) != 3 || reqs[1]["package"] != "pandas" || reqs[1]["line"] != 2 {
		t.Errorf("detail requirements = %v", f.Detail["requirements"])
	}
	g := scan("numpy>=1.20\npandas~=2.1\nrequests>=2.31.0\nccxt\n")
	if g.Fingerprint == f.Fingerprint || !strings.HasPrefix(g.Message, "4 of 4") {
		t.Errorf("a newly unpinned requirement kept the fingerprint or count: %q", g.Message)
	}
}
