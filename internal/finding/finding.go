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
	Fingerprint string   `json:"fingerprint"`
	HelpURI     string   `json:"help_uri,omitempty"`
	CWE         []string `json:"cwe,omitempty"`
	// Aliases are other IDs of the same problem (an advisory's CVE and GHSA
	// IDs); an ignore may name the finding by any of them.
	Aliases []string `json:"aliases,omitempty"`
	// Also names the other rules, as scanner/rule, that reported the same
	// thing and were merged into this finding (one owner per concern).
	Also []string `json:"also,omitempty"`
	// Uncounted, when set, says why the gates do not count this finding
	// (a secret its provider says is not live, with secrets.fail_on verified).
	Uncounted string         `json:"uncounted,omitempty"`
	Detail    map[string]any `json:"detail,omitempty"`

	// Identity is the normalised content that, with scanner, rule and path,
	// makes the fingerprint: a config key, package@version, a hash of a secret.
	// It is never serialised; only its hash leaves the process.
	Identity string `json:"-"`
	// Subject names the exact thing a finding is about when two scanners can
	// see it: "secret:" and the hash of a secret's value. Findings with one
	// subject are merged into the finding of the scanner that owns it.
	Subject string `json:"-"`
}

// Location is where a finding is: a repository-relative, slash-separated path
// and a 1-based line range (0 when the finding is about a whole file).
type Location struct {
	Path      string `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	// Commit is set for a finding in the git history: the content it was
	// found in is the blob at Commit:Path.
	Commit string `json:"commit,omitempty"`
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
