// Package sast is the static-analysis scanner: gosec for every Go module in
// the tree and Bulwark's Bandit-class rules for Python, both in-process. It
// reads through the source view, so --staged analyses the staged blobs; it
// does not read history.
package sast

import (
	"context"
	"errors"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/pysrc"
	"github.com/bulwark-sec/bulwark/scanners/sast/goscan"
	"github.com/bulwark-sec/bulwark/scanners/sast/python"
)

// Options are the sast section of bulwark.yml.
type Options struct {
	Python      bool     `yaml:"python" doc:"analyse Python files (.py, .pyw) with Bulwark's Bandit-class rules"`
	Go          bool     `yaml:"go" doc:"analyse every Go module (go.mod, go.work) with gosec's rules and analysers"`
	GoTests     bool     `yaml:"go_tests" doc:"analyse Go _test.go files too (gosec's default is not to)"`
	GoBuildTags []string `yaml:"go_build_tags" doc:"build tags for loading Go packages"`
	MaxFileSize int64    `yaml:"max_file_size" doc:"largest Python file analysed, in bytes (at most 64 MiB); a larger one is reported as not analysed" min:"1" max:"67108864"`

	// Jobs bounds the files (Python) and packages (Go) analysed at once
	// (<= 0: one per CPU).
	Jobs int `yaml:"-"`

	// off says where the config turned a language off, for the report.
	off map[string]string
}

// Defaults.
const (
	DefaultMaxFileSize = 8 << 20
	MaxFileSizeCap     = 64 << 20
	// maxNotes bounds the per-file notes one run reports; the rest are counted.
	maxNotes = 50
)

// DefaultOptions are the documented defaults: both languages on.
func DefaultOptions() Options {
	return Options{Python: true, Go: true, MaxFileSize: DefaultMaxFileSize}
}

// Validate checks the options decoded from sec and records where a
// language was turned off, so the report says so.
func (o *Options) Validate(sec config.Section) config.Errors {
	var errs config.Errors
	if o.MaxFileSize <= 0 || o.MaxFileSize > MaxFileSizeCap {
		errs = append(errs, sec.Error(fmt.Sprintf("must be a positive number of bytes, at most %d", MaxFileSizeCap), "max_file_size"))
	}
	for _, t := range o.GoBuildTags {
		if t == "" || strings.ContainsFunc(t, func(r rune) bool {
			return !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) {
			errs = append(errs, sec.Error(fmt.Sprintf("%q is not a build tag (letters, digits, _ and .)", t), "go_build_tags"))
		}
	}
	o.off = map[string]string{}
	for key, on := range map[string]bool{"python": o.Python, "go": o.Go} {
		if !on {
			o.off[key] = fmt.Sprintf("%s:%d sast.%s", path.Base(sec.File), sec.Line(key), key)
		}
	}
	return errs
}

// Scanner is the SAST scanner.
type Scanner struct{ opt Options }

// New returns the scanner with its options.
func New(opt Options) Scanner {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	return Scanner{opt: opt}
}

// Name implements scanners.Scanner.
func (Scanner) Name() string { return "sast" }

// Description implements scanners.Scanner.
func (Scanner) Description() string {
	return "static analysis: gosec for Go modules, Bandit-class rules for Python"
}

// Scan implements scanners.Scanner.
func (s Scanner) Scan(ctx context.Context, t *scanners.Target) (*scanners.Result, error) {
	if t.Source.Mode == scanners.ModeHistory {
		return nil, scanners.Skip("static analysis reads the source as it is, not past commits: --history does not apply (a tree scan runs it)")
	}
	var pyFiles []string
	var goFiles []string
	for _, f := range t.Inventory.Files {
		if f.Symlink {
			continue // its target is analysed where it lies (or is an inventory problem)
		}
		switch {
		case pysrc.IsPython(f.Path):
			pyFiles = append(pyFiles, f.Path)
		case strings.HasSuffix(f.Path, ".go"):
			goFiles = append(goFiles, f.Path)
		}
	}
	res := &scanners.Result{}
	for _, key := range []string{"python", "go"} {
		if where, ok := s.opt.off[key]; ok {
			res.Notes = append(res.Notes, fmt.Sprintf("%s analysis is turned off (%s)", langName[key], where))
		}
	}
	if !s.opt.Python {
		pyFiles = nil
	}
	var mods []goscan.Module
	if s.opt.Go {
		var errs []error
		mods, errs = s.modules(t, goFiles)
		res.Errors = append(res.Errors, errs...)
	}
	if len(pyFiles) == 0 && len(mods) == 0 && len(res.Errors) == 0 {
		what := "no Python files and no Go modules"
		if t.Source.Mode == scanners.ModeStaged {
			what = "no staged Python or Go files"
		}
		if len(s.opt.off) > 0 {
			what += " to analyse (" + strings.Join(res.Notes, "; ") + ")"
		}
		return nil, scanners.Skip("%s", what)
	}

	var wg sync.WaitGroup
	var py, gr *scanners.Result
	wg.Go(func() { py = s.python(ctx, t, pyFiles) })
	wg.Go(func() { gr = s.golang(ctx, t, mods, goFiles) })
	wg.Wait()
	for _, r := range []*scanners.Result{py, gr} {
		res.Findings = append(res.Findings, r.Findings...)
		res.Suppressed = append(res.Suppressed, r.Suppressed...)
		res.Errors = append(res.Errors, r.Errors...)
		res.Notes = append(res.Notes, r.Notes...)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, nil
}

var langName = map[string]string{"python": "Python", "go": "Go"}

// limitNotes keeps the first maxNotes notes and counts the rest.
func limitNotes(notes []string) []string {
	sort.Strings(notes)
	if len(notes) <= maxNotes {
		return notes
	}
	rest := len(notes) - maxNotes
	return append(notes[:maxNotes:maxNotes], fmt.Sprintf("… and %d more note(s) like these", rest))
}

// errorf wraps a per-file problem with its path.
func errorf(rel string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%s: %w", rel, err)
}

// Rules is the scanner's catalogue: the Python rules, gosec's rules and
// analysers, and the scanner's own.
func Rules() []finding.Rule {
	out := append([]finding.Rule{}, ownRules...)
	out = append(out, python.Rules()...)
	return append(out, goscan.Rules()...)
}

// Rules implements the registry's catalogue hook.
func (Scanner) Rules() []finding.Rule { return Rules() }

// ruleNotAnalysed is the scanner's own rule for a file it did not analyse.
const ruleNotAnalysed = "sast.not_analysed"

var ownRules = []finding.Rule{{
	ID: ruleNotAnalysed, Title: "Source file not analysed", Severity: finding.Low,
	Description: "A Python file is larger than sast.max_file_size, or took longer than the per-file budget (5 s) to parse, so no rule looked at it; a finding stands in for it so the gap is seen.",
	Fix:         "split the file, or raise sast.max_file_size (at most 64 MiB)",
}}

// ruleIndex finds catalogue entries by emitted rule ID.
var ruleIndex = sync.OnceValue(func() finding.Catalogue {
	return finding.Catalogue{Scanner: "sast", Rules: Rules()}
})

// newFinding builds a finding of one rule from the catalogue.
func newFinding(rule string, sev finding.Severity, loc finding.Location, msg, identity string, cwe string, detail map[string]any) finding.Finding {
	r, _ := ruleIndex().Lookup(rule)
	f := finding.Finding{Scanner: "sast", RuleID: rule, Severity: sev, Title: r.Title, Message: msg,
		Location: loc, HelpURI: r.HelpURI, Identity: identity, Detail: detail}
	if r.Title == "" {
		f.Title = rule
	}
	switch {
	case cwe != "":
		f.CWE = []string{cwe}
	case len(r.CWE) > 0:
		f.CWE = append([]string{}, r.CWE...)
	}
	f.Seal()
	return f
}
