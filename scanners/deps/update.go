package deps

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
)

// DefaultDBURL serves the osv.dev export: <base>/<Ecosystem>/all.zip.
const DefaultDBURL = "https://osv-vulnerabilities.storage.googleapis.com"

// DefaultEcosystems are the ecosystems `bulwark db update` fetches by default:
// those of the lockfiles the dependency scanner reads.
var DefaultEcosystems = []string{"PyPI", "npm", "Go", "crates.io"}

// MaxDBSize bounds one downloaded archive (the largest, PyPI, is ~100 MB).
const MaxDBSize = 2 << 30

// Updated is one ecosystem's download.
type Updated struct {
	Ecosystem string
	Path      string
	Bytes     int64
	Records   int
}

// UpdateDatabase downloads each ecosystem's all.zip into dir/<Ecosystem>/,
// checks that it is a zip of JSON records, and only then renames it over the
// old one: a failed or interrupted download never leaves a broken database.
func UpdateDatabase(ctx context.Context, client *http.Client, baseURL, dir string, ecosystems []string) ([]Updated, error) {
	var out []Updated
	for _, eco := range ecosystems {
		u, err := updateOne(ctx, client, baseURL, dir, eco)
		if err != nil {
			return out, fmt.Errorf("%s: %w", eco, err)
		}
		out = append(out, u)
	}
	return out, nil
}

func updateOne(ctx context.Context, client *http.Client, baseURL, dir, eco string) (Updated, error) {
	if eco == "" || eco == "." || eco == ".." || filepath.Base(eco) != eco {
		return Updated{}, fmt.Errorf("invalid ecosystem name %q", eco)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/"+eco+"/all.zip", nil)
	if err != nil {
		return Updated{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return Updated{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return Updated{}, fmt.Errorf("download %s: %s", req.URL, resp.Status)
	}
	target := filepath.Join(dir, eco, "all.zip")
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return Updated{}, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".all.zip.*")
	if err != nil {
		return Updated{}, err
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // no-op after the rename
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, MaxDBSize+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Updated{}, fmt.Errorf("download %s: %w", req.URL, err)
	}
	if n > MaxDBSize {
		return Updated{}, fmt.Errorf("download %s: larger than %d bytes", req.URL, int64(MaxDBSize))
	}
	records, err := checkArchive(tmp.Name())
	if err != nil {
		return Updated{}, fmt.Errorf("download %s is not an OSV archive: %w", req.URL, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return Updated{}, err
	}
	return Updated{Ecosystem: eco, Path: target, Bytes: n, Records: records}, nil
}

// checkArchive opens a downloaded zip and counts its JSON records.
func checkArchive(path string) (int, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, err
	}
	defer func() { _ = zr.Close() }()
	n := 0
	for _, f := range zr.File {
		if filepath.Ext(f.Name) == ".json" {
			n++
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("no .json records")
	}
	return n, nil
}
