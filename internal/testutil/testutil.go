// Package testutil holds the helpers the tests share: golden files with an
// -update flag, fixtures, a compact view of findings, and Markdown rendered
// as GitHub would, read back as HTML tokens.
package testutil

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Update rewrites golden files instead of comparing with them:
// go test ./... -update
var Update = flag.Bool("update", false, "rewrite golden files")

// Golden compares got with testdata/name, or rewrites it under -update.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *Update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update to accept):\n%s", p, got)
	}
}

// GoldenJSON compares the indented JSON of v with testdata/name.
func GoldenJSON(t testing.TB, name string, v any) {
	t.Helper()
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	Golden(t, name, append(out, '\n'))
}

// Fixture reads testdata/name.
func Fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Rules lists the findings' rule IDs, sorted and space-separated, so a table
// test can say what a fixture must produce in one string.
func Rules(fs []finding.Finding) string {
	r := make([]string, 0, len(fs))
	for _, f := range fs {
		r = append(r, f.RuleID)
	}
	sort.Strings(r)
	return strings.Join(r, " ")
}
