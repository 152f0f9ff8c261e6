package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Finding is one problem reported by one scanner. Tool-native types stop at the
// adapter: everything a reporter or gate needs is here.
type Finding struct {
	Scanner  string   `json:"scanner"`
	RuleID   string   `json:"rule_id"`
	Severity Severity `json:"severity"`
	Title    string   `json:"title"`
	Message  string   `json:"message"`
	Location
	Fingerprint string         `json:"fingerprint"`
	HelpURI     string         `json:"help_uri,omitempty"`
	CWE         []string       `json:"cwe,omitempty"`
	Detail      map[string]any `json:"detail,omitempty"`

	// Identity is the normalised content that, with scanner, rule and path,
	// makes the fingerprint: a config key, package@version, a hash of a secret.
	// It is never serialised; only its hash leaves the process.
	Identity string `json:"-"`
}

// Location is where a finding is: a repository-relative, slash-separated path
// and a 1-based line range (0 when the finding is about a whole file).
type Location struct {
	Path      string `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// ComputeFingerprint is the stable identity of a finding: a SHA-256 over the
// scanner, rule, path and normalised identity. Line numbers and commit SHAs are
// deliberately left out, so a baseline survives edits, rebases and squash merges.
func ComputeFingerprint(scanner, rule, path, identity string) string {
	h := sha256.New()
	for _, part := range []string{scanner, rule, path, Normalize(identity)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Normalize collapses runs of white space so re-indentation does not change an identity.
func Normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// Seal fills in the fingerprint from the identity fields when a scanner left it
// empty. With no Identity the title stands in, which is stable per rule and path.
func (f *Finding) Seal() {
	if f.Fingerprint != "" {
		return
	}
	id := f.Identity
	if id == "" {
		id = f.Title
	}
	f.Fingerprint = ComputeFingerprint(f.Scanner, f.RuleID, f.Path, id)
}
