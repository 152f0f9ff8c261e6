package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pipeline"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners"
)

var formats = []string{"text", "json", "markdown", "sarif"}

func checkFormat(f string, textOK bool) error {
	for _, x := range formats {
		if f == x && (textOK || x != "text") {
			return nil
		}
	}
	return usageErr("unknown --format %q (want %s)", f, strings.Join(formats, ", "))
}

// checkOutDir refuses an --out that exists and is not a directory (a device,
// a file) before any work is done: Bulwark writes nowhere else.
func checkOutDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return usageErr("--out %s: %v", dir, err)
	case !st.IsDir():
		return usageErr("--out %s exists and is not a directory (%s)", dir, st.Mode().Type())
	}
	return nil
}

// writeReports writes the three reports into dir, each through a temporary
// file renamed into place, so a reader never sees half a report.
func writeReports(dir string, r *reports.Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out %s: %w", dir, err)
	}
	writers := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"bulwark.json", func(w io.Writer) error { return reports.WriteJSON(w, r) }},
		{"bulwark.md", func(w io.Writer) error { return reports.WriteMarkdown(w, r, 0) }},
		{"bulwark.sarif", func(w io.Writer) error { return reports.WriteSARIF(w, r) }},
	}
	for _, wr := range writers {
		var buf bytes.Buffer
		if err := wr.write(&buf); err != nil {
			return fmt.Errorf("rendering %s: %w", wr.name, err)
		}
		if err := writeAtomic(filepath.Join(dir, wr.name), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// render writes the chosen format on stdout.
func render(w io.Writer, format string, r *reports.Report, outDir string) error {
	switch format {
	case "json":
		return reports.WriteJSON(w, r)
	case "markdown":
		return reports.WriteMarkdown(w, r, 0)
	case "sarif":
		return reports.WriteSARIF(w, r)
	}
	return writeText(w, r, outDir)
}

// textLimit is how many findings the text summary lists before it points at
// the full reports.
const textLimit = 50

func writeText(w io.Writer, r *reports.Report, outDir string) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Bulwark %s — %s (%d files", r.Tool.Version, r.Target.Path, r.Inventory.Files)
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
		fmt.Fprintf(b, "  %-10s %-50s read %s, %d finding(s)\n", s.Name, state, reports.ReadSummary(s.Read), s.Findings)
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
		fmt.Fprintf(b, "  %-8s %-28s %s\n           %s\n", strings.ToUpper(f.Severity.String()), f.RuleID, loc, f.Message)
	}
	switch r.Verdict {
	case reports.VerdictPass:
		fmt.Fprintln(b, "\nGate: passed")
	case reports.VerdictFail:
		fmt.Fprintln(b, "\nGate: FAILED")
	default:
		fmt.Fprintln(b, "\nGate: ERROR — a scanner failed, so this result cannot pass")
	}
	for _, v := range r.Gate.Violations {
		fmt.Fprintf(b, "  - %s\n", v.Message)
	}
	for _, n := range r.Gate.Notes {
		fmt.Fprintf(b, "  note: %s\n", n)
	}
	if outDir != "" {
		fmt.Fprintf(b, "\nReports: %s\n", strings.Join([]string{
			filepath.Join(outDir, "bulwark.json"), filepath.Join(outDir, "bulwark.md"), filepath.Join(outDir, "bulwark.sarif")}, ", "))
	}
	return b.Flush()
}

// lineSource reads a file's lines for inline suppressions, once per file.
func lineSource(inv *scanners.Inventory) pipeline.LineSource {
	var mu sync.Mutex
	cache := map[string][]string{}
	return func(path string) []string {
		mu.Lock()
		defer mu.Unlock()
		if l, ok := cache[path]; ok {
			return l
		}
		data, err := inv.ReadFile(path, 10<<20)
		var lines []string
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		cache[path] = lines
		return lines
	}
}

// baselineFile is the baseline format: the identity of each recorded finding.
// A full bulwark.json report is accepted as a baseline too.
type baselineFile struct {
	SchemaVersion int `json:"schema_version"`
	Findings      []struct {
		Fingerprint string `json:"fingerprint"`
	} `json:"findings"`
}

func loadBaseline(path string) (*pipeline.Baseline, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErr("--baseline %s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	var b baselineFile
	if err := json.NewDecoder(io.LimitReader(f, reports.MaxJSONSize)).Decode(&b); err != nil {
		return nil, usageErr("--baseline %s: not a Bulwark baseline or report: %v", path, err)
	}
	counts := map[string]int{}
	for _, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, usageErr("--baseline %s: an entry has no fingerprint", path)
		}
		counts[e.Fingerprint]++
	}
	return &pipeline.Baseline{Counts: counts}, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
