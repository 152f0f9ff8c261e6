package reports

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/escape"
	"github.com/bulwark-sec/bulwark/internal/finding"
)

// textLimit is how many findings the text summary lists before it points at
// the full
const textLimit = 50

// WriteText writes the summary a person reads on a terminal or in a CI log:
// each scanner's status and what it read, the findings (the first
// textLimit), the gate and where the reports are. Every string from the
// scanned repository is shown with control characters escaped.
func WriteText(w io.Writer, r *Report, opt Options) error {
	outDir := opt.OutDir
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Bulwark %s — %s (%d files", r.Tool.Version, esc(r.Target.Path), r.Inventory.Files)
	if r.Target.Commit != "" {
		fmt.Fprintf(b, ", commit %.12s", r.Target.Commit)
	}
	fmt.Fprintln(b, ")")
	for _, s := range r.Scanners {
		state := s.Status
		switch {
		case s.Reason != "":
			state += " (" + s.Reason + ")"
		case s.Error != "":
			state += ": " + strings.SplitN(s.Error, "\n", 2)[0]
		}
		fmt.Fprintf(b, "  %-10s %-50s read %s, %d finding(s)\n", s.Name, esc(state), ReadSummary(s.Read), s.Findings)
	}
	counts := map[finding.Severity]int{}
	for _, f := range r.Findings {
		counts[f.Severity]++
	}
	var parts []string
	for _, s := range []finding.Severity{finding.Critical, finding.High, finding.Medium, finding.Low, finding.Info} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	if len(parts) == 0 {
		parts = []string{"none"}
	}
	fmt.Fprintf(b, "\nFindings: %s", strings.Join(parts, ", "))
	if len(r.Suppressed) > 0 {
		fmt.Fprintf(b, " (%d suppressed)", len(r.Suppressed))
	}
	fmt.Fprintln(b)
	for i, f := range r.Findings {
		if i == textLimit {
			fmt.Fprintf(b, "  … %d more in the full report\n", len(r.Findings)-textLimit)
			break
		}
		loc := f.Path
		if f.StartLine > 0 {
			loc = fmt.Sprintf("%s:%d", f.Path, f.StartLine)
		}
		rule := f.RuleID
		if len(f.Also) > 0 {
			rule += " (also " + strings.Join(f.Also, ", ") + ")"
		}
		fmt.Fprintf(b, "  %-8s %-28s %s\n           %s\n", strings.ToUpper(f.Severity.String()), esc(rule), esc(loc), esc(f.Message))
	}
	switch r.Verdict {
	case VerdictPass:
		fmt.Fprintln(b, "\nGate: passed")
	case VerdictFail:
		fmt.Fprintln(b, "\nGate: FAILED")
	default:
		fmt.Fprintln(b, "\nGate: ERROR — a scanner failed, so this result cannot pass")
	}
	for _, v := range r.Gate.Violations {
		fmt.Fprintf(b, "  - %s\n", esc(v.Message))
	}
	for _, n := range r.Gate.Notes {
		fmt.Fprintf(b, "  note: %s\n", esc(n))
	}
	for _, s := range r.Scanners {
		for _, n := range s.Notes {
			fmt.Fprintf(b, "  note (%s): %s\n", s.Name, esc(n))
		}
	}
	if outDir != "" {
		fmt.Fprintf(b, "\nReports: %s\n", strings.Join([]string{
			filepath.Join(outDir, "bulwark.json"), filepath.Join(outDir, "bulwark.md"), filepath.Join(outDir, "bulwark.sarif")}, ", "))
	}
	return b.Flush()
}

// TerminalLine makes a string safe for one line of a terminal or a CI log:
// control characters are shown escaped, so a file name can neither move the
// cursor nor start a new line (a GitHub workflow command starts a line).
func TerminalLine(s string) string { return escape.WorkflowLine(s) }

// esc makes a string from the report safe in the text summary, which CI
// runners parse for workflow commands: one line, no control characters, no
// command syntax.
func esc(s string) string { return escape.WorkflowLine(s) }
