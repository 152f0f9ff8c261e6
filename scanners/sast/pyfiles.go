package sast

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/pysrc"
	"github.com/bulwark-sec/bulwark/scanners/sast/python"
)

// python analyses the Python files in parallel, each parsed once for the
// run (pysrc), and returns them in one result sorted by the pipeline later.
func (s Scanner) python(ctx context.Context, t *scanners.Target, files []string) *scanners.Result {
	res := &scanners.Result{}
	if len(files) == 0 {
		return res
	}
	results := make([]*fileOutcome, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(s.opt.Jobs, len(files)) {
		wg.Go(func() {
			for i := range jobs {
				results[i] = s.pythonFile(ctx, t, files[i])
			}
		})
	}
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	var notes []string
	for _, o := range results {
		if o == nil {
			continue // not reached before the deadline: the scanner reports the timeout
		}
		res.Findings = append(res.Findings, o.findings...)
		res.Suppressed = append(res.Suppressed, o.suppressed...)
		notes = append(notes, o.notes...)
		if o.err != nil {
			res.Errors = append(res.Errors, o.err)
		}
	}
	res.Notes = limitNotes(notes)
	return res
}

type fileOutcome struct {
	findings   []finding.Finding
	suppressed []finding.Suppressed
	notes      []string
	err        error
}

func (s Scanner) pythonFile(ctx context.Context, t *scanners.Target, rel string) *fileOutcome {
	o := &fileOutcome{}
	f, err := pysrc.Parse(ctx, t, rel, s.opt.MaxFileSize)
	switch {
	case errors.Is(err, scanners.ErrTooLarge):
		t.Counter.Add("python_files_not_analysed", 1)
		msg := fmt.Sprintf("larger than sast.max_file_size (%d bytes): no rule analysed it", s.opt.MaxFileSize)
		o.findings = append(o.findings, newFinding(ruleNotAnalysed, finding.Low, finding.Location{Path: rel}, msg, "too large", "",
			map[string]any{"language": "python", "max_file_size": s.opt.MaxFileSize}))
		return o
	case errors.Is(err, pyparse.ErrTimeout):
		t.Counter.Add("python_files_not_analysed", 1)
		msg := fmt.Sprintf("parsing took longer than the per-file budget (%v): no rule analysed it", pyparse.DefaultTimeout)
		o.findings = append(o.findings, newFinding(ruleNotAnalysed, finding.Low, finding.Location{Path: rel}, msg, "parse timeout", "",
			map[string]any{"language": "python"}))
		return o
	case err != nil:
		o.err = errorf(rel, err)
		return o
	}
	t.Counter.Add("python_files", 1)
	t.Counter.Add("python_bytes", int64(len(f.Src)))
	r := python.AnalyzeWith(f, python.AnalyzeOptions{Path: rel})
	if r.QuietInTests > 0 {
		t.Counter.Add("python_test_findings_not_reported", int64(r.QuietInTests))
	}
	if r.ParseErrors > 0 {
		t.Counter.Add("python_files_with_syntax_errors", 1)
	}
	for _, n := range r.Notes {
		o.notes = append(o.notes, rel+": "+n)
	}
	for _, is := range r.Issues {
		o.findings = append(o.findings, pyFinding(rel, is))
	}
	for _, sp := range r.Suppressed {
		reason := "# nosec"
		if sp.Reason != "" && sp.Reason != "nosec" {
			reason = "# nosec: " + sp.Reason
		}
		o.suppressed = append(o.suppressed, finding.Suppressed{Finding: pyFinding(rel, sp.Issue), Kind: "inline", Reason: reason})
	}
	return o
}

func pyFinding(rel string, is python.Issue) finding.Finding {
	detail := map[string]any{"language": "python", "confidence": is.Confidence, "column": is.Col}
	if is.BanditID != "" {
		detail["bandit_id"] = is.BanditID
	}
	end := is.EndLine
	if end < is.Line {
		end = is.Line
	}
	return newFinding(is.Rule, is.Severity, finding.Location{Path: rel, StartLine: is.Line, EndLine: end},
		is.Message, is.Identity, is.CWE, detail)
}
