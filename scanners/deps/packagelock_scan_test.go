package deps

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPackageLockScanMatchesOSVScalibr scans one tree of v1, v2 and v3
// lockfiles with osv-scalibr's extractor and with ours: the same findings,
// lines included, the same counts, and the same errors but for the
// extractor's name in them.
func TestPackageLockScanMatchesOSVScalibr(t *testing.T) {
	root := t.TempDir()
	tree, err := os.ReadFile("testdata/tree/node/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"node/package-lock.json":               tree,
		"v1/package-lock.json":                 genPackageLock(500, 1),
		"v2/package-lock.json":                 genPackageLock(500, 2),
		"v3/npm-shrinkwrap.json":               genPackageLock(500, 3),
		"shrinkwrap/package-lock.json":         genPackageLock(20, 3), // npm reads the shrinkwrap instead
		"shrinkwrap/npm-shrinkwrap.json":       genPackageLock(30, 1),
		"broken/package-lock.json":             []byte(`{"lockfileVersion": 3, "packages": {"node_modules/a": `),
		"app/node_modules/x/package-lock.json": genPackageLock(5, 3), // an installed package's: not read
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	scan := func(builtin bool) (findings, errs []string, read map[string]int64) {
		builtinPackageLock = builtin
		defer func() { builtinPackageLock = false }()
		res, err, read := scanTree(t, root, testDB(t))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			b, _ := json.Marshal(f)
			findings = append(findings, string(b)+" "+f.Identity)
		}
		for _, e := range res.Errors {
			errs = append(errs, e.Error())
		}
		slices.Sort(findings)
		slices.Sort(errs)
		return findings, errs, read
	}
	want, wantErrs, wantRead := scan(true)
	got, gotErrs, gotRead := scan(false)

	for name, key := range map[string]string{"node/package-lock.json": `"node_modules/lodash": {`,
		"v1/package-lock.json": `"lodash": {`, "v2/package-lock.json": `"node_modules/lodash": {`,
		"v3/npm-shrinkwrap.json": `"node_modules/lodash": {`, "shrinkwrap/npm-shrinkwrap.json": `"lodash": {`} {
		body := string(files[name])
		at := `"rule_id":"GHSA-p6mc-m468-83gw",`
		line := fmt.Sprintf(`"path":%q,"start_line":%d,`, name, 1+strings.Count(body[:strings.Index(body, key)], "\n"))
		if !slices.ContainsFunc(got, func(f string) bool { return strings.Contains(f, at) && strings.Contains(f, line) }) {
			t.Errorf("no lodash finding with %s", line)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings differ:\n got %d %q\nwant %d %q", len(got), got, len(want), want)
	}
	if fmt.Sprint(gotRead) != fmt.Sprint(wantRead) || gotRead["packages"] != 2+500*3+30 {
		t.Errorf("read %v, osv-scalibr's %v", gotRead, wantRead)
	}
	if len(gotErrs) != 1 || !strings.Contains(gotErrs[0], "as "+packageLockName+":") || !strings.Contains(wantErrs[0], "as javascript/packagelockjson:") {
		t.Fatalf("errors %q, osv-scalibr's %q: each extractor should have reported the broken lockfile", gotErrs, wantErrs)
	}
	if strings.Replace(gotErrs[0], packageLockName, "javascript/packagelockjson", 1) != wantErrs[0] {
		t.Errorf("error %q, osv-scalibr's %q", gotErrs[0], wantErrs[0])
	}
}
