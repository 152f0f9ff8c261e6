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
	"github.com/bulwark-sec/bulwark/internal/gate"
	"github.com/bulwark-sec/bulwark/internal/pipeline"
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
	SchemaVersion int                   `json:"schema_version"`
	Tool          Tool                  `json:"tool"`
	Target        Target                `json:"target"`
	StartedAt     time.Time             `json:"started_at"`
	DurationMS    int64                 `json:"duration_ms"`
	Verdict       string                `json:"verdict"`
	Inventory     Inventory             `json:"inventory"`
	Scanners      []ScannerRun          `json:"scanners"`
	Findings      []finding.Finding     `json:"findings"`
	Suppressed    []pipeline.Suppressed `json:"suppressed"`
	Gate          gate.Verdict          `json:"gate"`
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
	Languages map[string]int `json:"languages"`
	Manifests []string       `json:"manifests"`
}

// ScannerRun is one scanner's status.
type ScannerRun struct {
	Name       string           `json:"name"`
	Status     string           `json:"status"`
	Reason     string           `json:"reason,omitempty"`
	Error      string           `json:"error,omitempty"`
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
		r.Suppressed = []pipeline.Suppressed{}
	}
	if r.Scanners == nil {
		r.Scanners = []ScannerRun{}
	}
	if r.Gate.Violations == nil {
		r.Gate.Violations = []gate.Violation{}
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
