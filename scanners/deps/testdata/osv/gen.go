//go:build ignore

// gen.go regenerates the trimmed OSV database the deps tests scan against,
// <Ecosystem>/all.zip here, from a full one in the osv.dev export layout
// (what `bulwark db update` writes):
//
//	cd scanners/deps/testdata/osv && go run gen.go -src /work/shared/data/osv
//
// For every package a test scans (the list below) it copies every record
// that affects it, byte for byte, so those packages match exactly as they do
// against the full database. For BenchmarkScan200 it adds the records of
// the PyPI packages whose records are smallest, enough for 200 more names.
// A test that scans a new package needs its name added here.
package main

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// scanned lists, per ecosystem, the packages the tests and fixtures scan.
var scanned = map[string][]string{
	"PyPI": {"pyyaml", "requests", "urllib3", "flask", "numpy"},
	"Go":   {"golang.org/x/crypto", "golang.org/x/text"},
	"npm":  {"lodash", "minimist"},
}

// extraPyPI is how many more PyPI names BenchmarkScan200 needs.
const extraPyPI = 200

type record struct {
	file  *zip.File
	body  []byte
	names []string
}

func main() {
	src := flag.String("src", "", "full OSV database: DIR/<Ecosystem>/all.zip")
	flag.Parse()
	if *src == "" {
		log.Fatal("usage: go run gen.go -src DIR")
	}
	for _, eco := range slices.Sorted(maps.Keys(scanned)) {
		recs, err := read(filepath.Join(*src, eco, "all.zip"), eco)
		if err != nil {
			log.Fatal(err)
		}
		want := map[string]bool{}
		for _, n := range scanned[eco] {
			want[normalise(eco, n)] = true
		}
		if eco == "PyPI" {
			for _, n := range smallest(recs, want, extraPyPI) {
				want[n] = true
			}
		}
		var keep []record
		for _, r := range recs {
			if slices.ContainsFunc(r.names, func(n string) bool { return want[n] }) {
				keep = append(keep, r)
			}
		}
		if err := write(filepath.Join(eco, "all.zip"), keep); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d of %d records\n", eco, len(keep), len(recs))
	}
}

func read(path, eco string) ([]record, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var out []record
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".json") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", path, f.Name, err)
		}
		var rec struct {
			Affected []struct {
				Package struct{ Ecosystem, Name string } `json:"package"`
			} `json:"affected"`
		}
		if err := json.Unmarshal(body, &rec); err != nil {
			return nil, fmt.Errorf("%s %s: %w", path, f.Name, err)
		}
		r := record{file: f, body: body}
		for _, a := range rec.Affected {
			if base, _, _ := strings.Cut(a.Package.Ecosystem, ":"); base == eco && a.Package.Name != "" {
				r.names = append(r.names, normalise(eco, a.Package.Name))
			}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b record) int { return cmp.Compare(a.file.Name, b.file.Name) })
	return out, nil
}

// smallest returns n package names not in have whose records are smallest in all.
func smallest(recs []record, have map[string]bool, n int) []string {
	size := map[string]int{}
	for _, r := range recs {
		for _, name := range r.names {
			size[name] += len(r.body)
		}
	}
	var names []string
	for name := range size {
		if !have[name] {
			names = append(names, name)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(size[a], size[b]), cmp.Compare(a, b)) })
	return names[:min(n, len(names))]
}

func write(path string, recs []record) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, r := range recs {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: r.file.Name, Method: zip.Deflate, Modified: r.file.Modified})
		if err != nil {
			return err
		}
		if _, err := w.Write(r.body); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

var pep503 = regexp.MustCompile(`[-_.]+`)

// normalise compares names as the ecosystem does: PyPI folds case and -_.
func normalise(eco, name string) string {
	if eco == "PyPI" {
		return pep503.ReplaceAllString(strings.ToLower(name), "-")
	}
	return name
}
