package sast

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/testutil"
	"github.com/bulwark-sec/bulwark/scanners/sast/python"
)

const (
	tableBegin = "<!-- bandit-table:begin -->\n"
	tableEnd   = "<!-- bandit-table:end -->"
)

// banditTable is the README's list of Bandit IDs with their Bulwark rules.
func banditTable() string {
	var b strings.Builder
	b.WriteString("| Bandit | Bulwark rule | severity | what |\n|---|---|---|---|\n")
	var extra []python.RuleInfo
	for _, r := range python.Catalogue() {
		if r.BanditID == "" {
			extra = append(extra, r)
			continue
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", r.BanditID, r.ID, r.Severity, r.Title)
	}
	for _, r := range extra {
		fmt.Fprintf(&b, "| — | `%s` | %s | %s |\n", r.ID, r.Severity, r.Title)
	}
	return b.String()
}

// TestReadmeBanditTable keeps the README's Bandit table equal to the
// catalogue, sorted by Bandit ID as the catalogue is.
func TestReadmeBanditTable(t *testing.T) {
	const readme = "../../README.md"
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(data, []byte(tableBegin)), bytes.Index(data, []byte(tableEnd))
	if i < 0 || j < i {
		t.Fatal("README.md lacks the bandit-table markers")
	}
	want := banditTable()
	got := string(data[i+len(tableBegin) : j])
	if got == want {
		return
	}
	if !*testutil.Update {
		t.Fatalf("README.md's Bandit table is stale: go test ./scanners/sast -update")
	}
	out := append(append(append([]byte{}, data[:i+len(tableBegin)]...), want...), data[j:]...)
	if err := os.WriteFile(readme, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
