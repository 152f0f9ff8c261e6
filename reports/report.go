// Package reports holds the canonical, versioned JSON report and renders it as
// Markdown (for a GitHub job summary) and SARIF 2.1.0. Markdown and SARIF are
// pure functions of the JSON form, so a saved report can be rendered again.
package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// SchemaVersion is the version of the JSON report format. It changes when a
// field is removed or changes meaning; adding a field does not change it.
const SchemaVersion = 1

// Verdicts of a run.
const (
	VerdictPass  = "pass"  // every gate passed and every scanner ran
	VerdictFail  = "fail"  // a gate failed
	VerdictError = "error" // a scanner failed or timed out: nothing can be concluded
)

// Report is one run of Bulwark.
type Report struct {
	SchemaVersion int                  `json:"schema_version"`
	Tool          Tool                 `json:"tool"`
	Target        Target               `json:"target"`
	StartedAt     time.Time            `json:"started_at"`
	DurationMS    int64                `json:"duration_ms"`
	Verdict       string               `json:"verdict"`
	Inventory     Inventory            `json:"inventory"`
	Scanners      []ScannerRun         `json:"scanners"`
	Findings      []finding.Finding    `json:"findings"`
	Suppressed    []finding.Suppressed `json:"suppressed"`
	Gate          Gate                 `json:"gate"`
	// Rules are the catalogue entries of every rule a finding or a
	// suppressed finding names, so SARIF can be rendered from this report.
	Rules []Rule `json:"rules"`
}

// Gate is the gates' decision.
type Gate struct {
	Passed     bool        `json:"passed"`
	Violations []Violation `json:"violations"`
	// Notes say how the gates were applied when that is not obvious.
	Notes []string `json:"notes,omitempty"`
}

// Violation is one gate that failed.
type Violation struct {
	Scanner  string           `json:"scanner"`
	Severity finding.Severity `json:"severity"`
	Max      int              `json:"max"`
	Count    int              `json:"count"`
	Message  string           `json:"message"`
}

// Rule is a catalogue entry as the report records it: the rule's ID as the
// findings name it, and the scanner whose catalogue it comes from.
type Rule struct {
	Scanner string `json:"scanner"`
	finding.Rule
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Target is what was scanned.
type Target struct {
	Path   string `json:"path"`
	Commit string `json:"commit,omitempty"`
}

// Inventory summarises the one walk of the target.
type Inventory struct {
	Files     int            `json:"files"`
	Ignored   int            `json:"ignored"`
	Excluded  int            `json:"excluded"`
	Excludes  []string       `json:"excludes"`
	Languages map[string]int `json:"languages"`
	Manifests []string       `json:"manifests"`
}

// ScannerRun is one scanner's status: ok, skipped (nothing to scan), failed,
// or disabled (by the config or a flag; Reason says where).
type ScannerRun struct {
	Name       string           `json:"name"`
	Status     string           `json:"status"`
	Reason     string           `json:"reason,omitempty"`
	Error      string           `json:"error,omitempty"`
	Notes      []string         `json:"notes,omitempty"`
	DurationMS int64            `json:"duration_ms"`
	Findings   int              `json:"findings"`
	Read       map[string]int64 `json:"read"`
}

// Normalize replaces nil slices and maps with empty ones, so the JSON says []
// and {}, never null.
func (r *Report) Normalize() {
	if r.Findings == nil {
		r.Findings = []finding.Finding{}
	}
	if r.Suppressed == nil {
		r.Suppressed = []finding.Suppressed{}
	}
	if r.Rules == nil {
		r.Rules = []Rule{}
	}
	if r.Inventory.Excludes == nil {
		r.Inventory.Excludes = []string{}
	}
	if r.Scanners == nil {
		r.Scanners = []ScannerRun{}
	}
	if r.Gate.Violations == nil {
		r.Gate.Violations = []Violation{}
	}
	if r.Inventory.Languages == nil {
		r.Inventory.Languages = map[string]int{}
	}
	if r.Inventory.Manifests == nil {
		r.Inventory.Manifests = []string{}
	}
	for i := range r.Scanners {
		if r.Scanners[i].Read == nil {
			r.Scanners[i].Read = map[string]int64{}
		}
	}
}

// WriteJSON writes the canonical report, indented, with a final newline.
func WriteJSON(w io.Writer, r *Report) error {
	r.Normalize()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// MaxJSONSize bounds a report read back from disk.
const MaxJSONSize = 256 << 20

// ReadJSON reads a report written by WriteJSON, refusing other schema versions.
func ReadJSON(rd io.Reader) (*Report, error) {
	dec := json.NewDecoder(io.LimitReader(rd, MaxJSONSize))
	var r Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not a Bulwark JSON report: %w", err)
	}
	if r.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("report schema_version %d is not supported (want %d)", r.SchemaVersion, SchemaVersion)
	}
	r.Normalize()
	return &r, nil
}
