package deps

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// BenchmarkScan200 scans a requirements file of 200 pinned packages, every one
// of which has records in the PyPI database, against the test database
// (testdata/osv, which holds their records as the full one does):
// extraction, loading the matching records from all.zip, matching and
// conversion.
func BenchmarkScan200(b *testing.B) {
	db := testDB(b)
	names := pypiNames(b, filepath.Join(db, "PyPI", "all.zip"), 200)
	var req strings.Builder
	for _, n := range names {
		fmt.Fprintf(&req, "%s==1.0.0\n", n)
	}
	root := b.TempDir()
	if err := os.WriteFile(filepath.Join(root, "requirements.txt"), []byte(req.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err, read := scanTree(b, root, db)
		if err != nil || read["packages"] != 200 {
			b.Fatalf("%v %v", err, read)
		}
	}
}

// pypiNames returns n distinct package names that have advisories.
func pypiNames(b *testing.B, zipPath string, n int) []string {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	seen := map[string]bool{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			b.Fatal(err)
		}
		var rec struct {
			Affected []struct {
				Package struct{ Name string } `json:"package"`
			} `json:"affected"`
		}
		_ = json.NewDecoder(rc).Decode(&rec)
		rc.Close()
		for _, a := range rec.Affected {
			if a.Package.Name != "" {
				seen[strings.ToLower(a.Package.Name)] = true
			}
		}
	}
	var names []string
	for k := range seen {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(names) < n {
		b.Fatalf("only %d packages in the database", len(names))
	}
	return names[:n]
}
