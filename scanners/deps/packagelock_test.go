package deps

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	cpb "github.com/google/osv-scalibr/binary/proto/config_go_proto"
	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem"
	"github.com/google/osv-scalibr/extractor/filesystem/language/javascript/packagelockjson"
	"github.com/tidwall/gjson"
)

// lockFixtures are osv-scalibr's package-lock.json test files, ours, the
// scanner tree's, and generated lockfiles of every version.
func lockFixtures(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, dir := range []string{"testdata/packagelock", "testdata/tree/node"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
				return err
			}
			out[p], err = os.ReadFile(p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []int{1, 2, 3} {
		out[fmt.Sprintf("generated.v%d.json", v)] = genPackageLock(300, v)
	}
	return out
}

// extractLock runs an extractor on data as package-lock.json in fsys.
func extractLock(ex filesystem.Extractor, fsys fstest.MapFS, data []byte) ([]*extractor.Package, error) {
	inv, err := ex.Extract(context.Background(), &filesystem.ScanInput{
		FS: fsys, Path: "package-lock.json", Root: "/", Reader: bytes.NewReader(data)})
	return inv.Packages, err
}

func builtinLockExtractor(t testing.TB) filesystem.Extractor {
	ex, err := packagelockjson.New(&cpb.PluginConfig{})
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// TestPackageLockMatchesOSVScalibr runs osv-scalibr's extractor and ours on
// every fixture: the same packages with the same fields, the same errors.
func TestPackageLockMatchesOSVScalibr(t *testing.T) {
	ours, err := newPackageLockExtractor(nil)
	if err != nil {
		t.Fatal(err)
	}
	builtin := builtinLockExtractor(t)
	for name, data := range lockFixtures(t) {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if strings.HasSuffix(name, "both/package-lock.json") {
				fsys["npm-shrinkwrap.json"] = &fstest.MapFile{}
			}
			comparePackageLock(t, builtin, ours, fsys, data)
		})
	}
}

// comparePackageLock fails t where the two extractors disagree. The one
// difference allowed: npm can install one package at several places, and
// where osv-scalibr reports a random copy's line ours reports the first's.
func comparePackageLock(t testing.TB, builtin, ours filesystem.Extractor, fsys fstest.MapFS, data []byte) {
	t.Helper()
	want, werr := extractLock(builtin, fsys, data)
	got, gerr := extractLock(ours, fsys, data)
	if ourTypeNames.Replace(fmt.Sprint(gerr)) != fmt.Sprint(werr) {
		t.Fatalf("error %v, osv-scalibr's %v", gerr, werr)
	}
	if len(got) != len(want) {
		t.Fatalf("%d packages, osv-scalibr found %d", len(got), len(want))
	}
	copies := lockCopies(data)
	byID := map[string]*extractor.Package{}
	for _, p := range got {
		byID[p.Name+"@"+p.Version+"#"+p.SourceCode.Commit] = p
	}
	for _, w := range want {
		id := w.Name + "@" + w.Version + "#" + w.SourceCode.Commit
		g := byID[id]
		if g == nil {
			t.Errorf("%s missing", id)
			continue
		}
		gl, wl := g.Location.Descriptor.File.LineNumber, w.Location.Descriptor.File.LineNumber
		if c := copies[id]; gl != wl && !(wl == 0 && gl > 0 && repairedKeys(data)) &&
			(len(c) < 2 || !slices.Contains(c, wl) || gl != slices.Min(c)) {
			t.Errorf("%s: line %d, osv-scalibr's %d (copies on %v)", id, gl, wl, c)
		}
		g2 := *g
		g2.Location = w.Location
		if !reflect.DeepEqual(&g2, w) {
			t.Errorf("%s:\n got %+v %+v\nwant %+v %+v", id, g, g.Metadata, w, w.Metadata)
		}
	}
}

// repairedKeys reports whether encoding/json may decode a key of data to
// something else than its bytes: invalid UTF-8, or an escaped UTF-16
// surrogate, each decoded to U+FFFD. gjson compares the bytes, so
// osv-scalibr finds no line for such a key (0) where ours finds its line.
func repairedKeys(data []byte) bool {
	return !utf8.Valid(data) || surrogateEscape.Match(data)
}

var surrogateEscape = regexp.MustCompile(`\\[uU][dD][89a-fA-F]`)

// ourTypeNames turns the type names in encoding/json's errors into
// osv-scalibr's: the one way our errors read differently.
var ourTypeNames = strings.NewReplacer(
	"deps.lockFile", "packagelockjson.LockFile", "deps.lockDependency", "packagelockjson.Dependency",
	"deps.lockPackageV2", "packagelockjson.Package", "field lockFile.", "field LockFile.",
	"field lockDependency.", "field Dependency.", "field lockPackageV2.", "field Package.")

// lockCopies maps each package to the lines of all its copies, reading the
// lockfile one entry at a time.
func lockCopies(data []byte) map[string][]int {
	var lf *lockFile
	if json.Unmarshal(data, &lf) != nil || lf == nil {
		return nil
	}
	out := map[string][]int{}
	one := func(s lockSet) {
		for _, p := range s {
			id := p.name + "@" + p.version + "#" + p.commit
			out[id] = append(out[id], p.line)
		}
	}
	if lf.Packages != nil {
		lines := indexLockLines(data, "packages").kid("packages")
		for k, p := range lf.Packages {
			s := lockSet{}
			s.packages(map[string]lockPackageV2{k: p}, lines)
			one(s)
		}
		return out
	}
	var walk func(deps map[string]lockDependency, lines *lineNode)
	walk = func(deps map[string]lockDependency, lines *lineNode) {
		for k, d := range deps {
			walk(d.Dependencies, lines.kid(k).kid("dependencies"))
			d.Dependencies = nil
			s := lockSet{}
			s.dependencies(map[string]lockDependency{k: d}, lines)
			one(s)
		}
	}
	walk(lf.Dependencies, indexLockLines(data, "dependencies").kid("dependencies"))
	return out
}

// TestLockLinesMatchGJSON compares the one-pass index with the lookup
// osv-scalibr makes for every package: gjson from the top, then the line of
// the byte offset gjson returns.
func TestLockLinesMatchGJSON(t *testing.T) {
	for name, data := range lockFixtures(t) {
		t.Run(name, func(t *testing.T) {
			if msg := diffGJSONLines(data); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// diffGJSONLines describes the first lookup where the index and gjson
// disagree, "" when none does.
func diffGJSONLines(data []byte) string {
	var lf *lockFile
	if json.Unmarshal(data, &lf) != nil || lf == nil {
		return ""
	}
	doc := string(data)
	differ := func(got, want int) bool { return got != want && !(want == 0 && got > 0 && repairedKeys(data)) }
	gjsonLine := func(path string) int {
		res := gjson.Get(doc, path)
		if !res.Exists() {
			return 0
		}
		return 1 + strings.Count(doc[:res.Index], "\n")
	}
	if lf.Packages != nil {
		lines := indexLockLines(data, "packages").kid("packages")
		for k := range lf.Packages {
			if got, want := lineAt(lines.kid(k)), gjsonLine("packages."+gjson.Escape(k)); differ(got, want) {
				return fmt.Sprintf("packages[%q]: line %d, gjson %d", k, got, want)
			}
		}
		return ""
	}
	var walk func(deps map[string]lockDependency, lines *lineNode, path string) string
	walk = func(deps map[string]lockDependency, lines *lineNode, path string) string {
		for k, d := range deps {
			p := path + "." + gjson.Escape(k)
			if got, want := lineAt(lines.kid(k)), gjsonLine(p); differ(got, want) {
				return fmt.Sprintf("%s: line %d, gjson %d", p, got, want)
			}
			if msg := walk(d.Dependencies, lines.kid(k).kid("dependencies"), p+".dependencies"); msg != "" {
				return msg
			}
		}
		return ""
	}
	return walk(lf.Dependencies, indexLockLines(data, "dependencies").kid("dependencies"), "dependencies")
}

func lineAt(n *lineNode) int {
	line, _ := n.position()
	return line
}

// TestPackageLockAliasWithoutVersion: osv-scalibr's extractor panics on an
// alias with no "@version" (and the panic escapes osv-scanner's DoScan);
// ours reads it as the aliased package at no known version.
func TestPackageLockAliasWithoutVersion(t *testing.T) {
	lock := []byte(`{"lockfileVersion": 1, "dependencies": {"a": {"version": "npm:b"}}}`)
	got, err := parsePackageLock(lock)
	if err != nil || len(got) != 1 || got[0].name != "b" || got[0].version != "" || got[0].line != 1 {
		t.Fatalf("parse = %+v, %v", got, err)
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "package-lock.json"), lock, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err, read := scanTree(t, root, testDB(t)); err != nil || read["packages"] != 1 {
		t.Errorf("scan: %v, read %v", err, read)
	}
}
