// Package engine is one run of Bulwark, free of any command-line library:
// config, scanner selection, the source view, the scanners, the findings
// pipeline, the gates and the report. `scan`, `riskcheck` and `baseline`
// share it.
package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/gate"
	"github.com/bulwark-sec/bulwark/internal/pipeline"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/registry"
)

// Request is one run.
type Request struct {
	Target     string
	ConfigFile string   // --config ("" = TARGET/bulwark.yml when present)
	Only, Skip []string // --only/--skip: they replace the config's selection
	Timeout    time.Duration
	Jobs       int // -1: from the config
	Baseline   string

	Mode         scanners.Mode
	SinceCommit  string
	Resume       bool
	AllowShallow bool
	AllowEmpty   bool
	// MaxIgnoreDays caps how far ahead an ignore may expire (0 = 365).
	MaxIgnoreDays int

	Run      registry.Run // scanner flags: the OSV database, --online, --verify
	CacheDir string
	Getenv   func(string) string
	Now      func() time.Time
	Hooks    scanners.Hooks
	// Entries are the scanners (registry.All() unless a test injects others).
	Entries []registry.Entry
	Version string
}

// Result is what a run produced.
type Result struct {
	Report *reports.Report
	// Outcomes are the scanners' runs, for progress lines.
	Outcomes []scanners.Outcome
}

// Error is a problem that stops the run before any scanner ran: a bad
// config, an unknown scanner, a target that is not there. Exit 2.
type Error struct{ Err error }

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func fail(format string, args ...any) error { return &Error{Err: fmt.Errorf(format, args...)} }

// Scan runs the whole flow.
func Scan(ctx context.Context, req Request) (*Result, error) {
	if req.Now == nil {
		req.Now = time.Now
	}
	if req.Getenv == nil {
		req.Getenv = func(string) string { return "" }
	}
	if req.Entries == nil {
		req.Entries = registry.All()
	}
	started := req.Now()
	root, err := filepath.Abs(req.Target)
	if err != nil {
		return nil, fail("%v", err)
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("not a directory")
		}
		return nil, fail("cannot scan %s: %v", req.Target, unwrapPath(err))
	}
	cfg, err := LoadConfig(req, root)
	if err != nil {
		return nil, err
	}
	run := req.Run
	run.ConfigFile = relTo(cfg.File, root)
	built, err := registry.Build(req.Entries, cfg, run)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("invalid config:\n%w", err)}
	}
	only, skip, where := cfg.Scanners.Only, cfg.Scanners.Skip, configWhere(cfg)
	if len(req.Only) > 0 || len(req.Skip) > 0 {
		only, skip, where = req.Only, req.Skip, "--only/--skip"
	}
	selected, disabled, err := registry.Select(built, only, skip, where)
	if err != nil {
		return nil, fail("%v", err)
	}
	timeout, jobs := cfg.Scanners.Timeout, cfg.Scanners.Jobs
	if req.Timeout < 0 || req.Jobs < -1 {
		return nil, fail("--timeout and --jobs cannot be negative")
	}
	if req.Timeout > 0 {
		timeout = req.Timeout
	}
	if req.Jobs >= 0 {
		jobs = req.Jobs
	}
	base, err := LoadBaseline(req.Baseline)
	if err != nil {
		return nil, err
	}
	since, resumed, err := historyStart(ctx, req, root)
	if err != nil {
		return nil, err
	}
	inv, src, err := scanners.Open(ctx, root, scanners.OpenOptions{Mode: req.Mode, Excludes: cfg.Exclude,
		Since: since, Resumed: resumed, AllowShallow: req.AllowShallow})
	if err != nil {
		return nil, fail("%v", err)
	}
	var client *http.Client
	if run.Online || run.Verify {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	list := make([]scanners.Scanner, len(selected))
	for i, b := range selected {
		list[i] = b.Scanner
	}
	shared := scanners.NewShared(0)
	outcomes := scanners.Run(ctx, list, func(c *scanners.Counter) *scanners.Target {
		return &scanners.Target{Inventory: inv, Source: src, Counter: c, Getenv: req.Getenv, CacheDir: req.CacheDir, HTTP: client, Shared: shared}
	}, scanners.Options{Jobs: jobs, Timeout: timeout, Hooks: req.Hooks})

	rep := postprocess(ctx, req, cfg, inv, src, outcomes, base)
	rep.StartedAt = started.UTC().Truncate(time.Millisecond)
	rep.Tool = reports.Tool{Name: "bulwark", Version: req.Version}
	rep.Target = reports.Target{Path: filepath.ToSlash(filepath.Clean(req.Target)), Commit: inv.Commit}
	addDisabled(rep, req.Entries, disabled, cfg)
	decide(rep, req, src, outcomes)
	if req.Mode == scanners.ModeHistory && req.Resume && rep.Verdict == reports.VerdictPass && src.Head != "" {
		// Only a passing run moves the mark: a failed one is read again
		// next night, so its findings cannot fall out of the history scan.
		if err := saveState(req.CacheDir, root, src.Head, req.Now()); err != nil {
			return nil, fail("%v", err)
		}
	}
	rep.DurationMS = req.Now().Sub(started).Milliseconds()
	rep.Normalize()
	return &Result{Report: rep, Outcomes: outcomes}, nil
}

// decide sets the verdict: error when a scanner failed, or when nothing at
// all was read (an empty tree, exclude: ["*"]) unless that was allowed; fail
// when a gate failed; else pass.
func decide(rep *reports.Report, req Request, src *scanners.Source, outcomes []scanners.Outcome) {
	failed, read := false, false
	for _, o := range outcomes {
		failed = failed || o.Status == scanners.StatusFailed
		read = read || o.Status == scanners.StatusOK
	}
	switch {
	case failed:
		rep.Verdict = reports.VerdictError
	case !read && req.Mode == scanners.ModeStaged:
		note := "nothing is staged that any scanner reads, so nothing being committed can hold a finding"
		if src.Deleted > 0 {
			note = fmt.Sprintf("only deletions are staged (%d file(s)), so nothing being committed can hold a finding", src.Deleted)
		}
		rep.Gate.Notes = append(rep.Gate.Notes, note)
		rep.Verdict = verdictOf(rep.Gate.Passed)
	case !read && src.Resumed:
		rep.Gate.Notes = append(rep.Gate.Notes, "no new commits since the last passing --resume run, so there is nothing new to check")
		rep.Verdict = verdictOf(rep.Gate.Passed)
	case !read && !req.AllowEmpty:
		rep.Gate.Notes = append(rep.Gate.Notes, "no scanner read anything (every one was skipped or disabled), so this run proves nothing; check the path and exclude:, or pass --allow-empty")
		rep.Verdict = reports.VerdictError
	case !read:
		rep.Gate.Notes = append(rep.Gate.Notes, "no scanner read anything; --allow-empty lets this pass")
		rep.Verdict = verdictOf(rep.Gate.Passed)
	default:
		rep.Verdict = verdictOf(rep.Gate.Passed)
	}
	if req.Mode == scanners.ModeHistory && req.AllowShallow {
		rep.Gate.Notes = append(rep.Gate.Notes, "--allow-shallow: the history read stops at the shallow clone's depth")
	}
}

func verdictOf(passed bool) string {
	if passed {
		return reports.VerdictPass
	}
	return reports.VerdictFail
}

// ExitCode is the process exit code of a report: 0 pass, 1 a gate failed,
// 2 a scanner failed or nothing was read.
func ExitCode(r *reports.Report) int {
	switch r.Verdict {
	case reports.VerdictPass:
		return 0
	case reports.VerdictFail:
		return 1
	}
	return 2
}

func configWhere(cfg *config.Config) string {
	if cfg.File == "" {
		return "the config"
	}
	return filepath.Base(cfg.File) + " scanners"
}

// addDisabled lists every scanner that did not run because the selection
// left it out, with where that was said, so a report always shows every
// scanner.
func addDisabled(rep *reports.Report, entries []registry.Entry, disabled map[string]string, cfg *config.Config) {
	var runs []reports.ScannerRun
	byName := map[string]reports.ScannerRun{}
	for _, s := range rep.Scanners {
		byName[s.Name] = s
	}
	for _, e := range entries {
		if s, ok := byName[e.Name]; ok {
			runs = append(runs, s)
			continue
		}
		if why, ok := disabled[e.Name]; ok {
			if strings.HasSuffix(why, " scanners only") || strings.HasSuffix(why, " scanners skip") {
				key := "only"
				if strings.HasSuffix(why, "skip") {
					key = "skip"
				}
				line := cfg.Scanners.OnlyLine
				if key == "skip" {
					line = cfg.Scanners.SkipLine
				}
				why = fmt.Sprintf("%s:%d scanners.%s", filepath.ToSlash(cfg.File), line, key)
			}
			runs = append(runs, reports.ScannerRun{Name: e.Name, Status: "disabled", Reason: why})
		}
	}
	rep.Scanners = runs
}

// postprocess turns the outcomes into the report's findings, suppressions,
// scanner rows and gate.
func postprocess(ctx context.Context, req Request, cfg *config.Config, inv *scanners.Inventory, src *scanners.Source,
	outcomes []scanners.Outcome, base *pipeline.Baseline) *reports.Report {
	var all []finding.Finding
	var selfSuppressed []finding.Suppressed
	complete := map[string]bool{registry.Own: true}
	allComplete := true
	for _, o := range outcomes {
		all = append(all, o.Findings...)
		selfSuppressed = append(selfSuppressed, o.Suppressed...)
		complete[o.Name] = o.Status == scanners.StatusOK
		allComplete = allComplete && o.Status == scanners.StatusOK
	}
	all = append(all, inventoryFindings(inv)...)
	entries := append([]registry.Entry{ownEntry()}, req.Entries...)
	owners := map[string]string{}
	for _, e := range entries {
		for _, k := range e.Owns {
			owners[k] = e.Name
		}
	}
	in := &pipeline.Inline{Lines: func(loc finding.Location) []string { return src.Lines(ctx, loc) },
		Directives: directives(inv),
		Known:      func(p string) bool { return len(scannersFor(entries, p)) > 0 },
		Complete: func(p string) bool {
			for _, s := range scannersFor(entries, p) {
				if !complete[s] { // failed, skipped or not selected: unused is not proven
					return false
				}
			}
			return true
		}}
	for _, s := range selfSuppressed {
		if s.Kind == "inline" {
			in.MarkUsed(s.Path, s.StartLine)
			in.MarkUsed(s.Path, s.StartLine-1)
		}
	}
	ignores := &pipeline.ConfigIgnores{Entries: cfg.Ignore, File: relTo(cfg.File, inv.Root), Now: req.Now(),
		Complete: func(s string) bool {
			if s == "" {
				return allComplete && len(req.Only)+len(req.Skip)+len(cfg.Scanners.Only)+len(cfg.Scanners.Skip) == 0
			}
			return complete[s]
		}}
	merge := pipeline.Merge{Owner: func(kind string) string { return owners[kind] }}
	kept, suppressed := pipeline.Run(pipeline.Default(merge, in, ignores, base), all)
	suppressed = pipeline.SortSuppressed(append(suppressed, selfSuppressed...))
	verdict := gate.Evaluate(cfg.Gates, kept)
	rep := &reports.Report{
		SchemaVersion: reports.SchemaVersion,
		Inventory: reports.Inventory{Files: len(inv.Files), Ignored: inv.Ignored, Excluded: inv.Excluded, Excludes: inv.Excludes,
			Languages: inv.Languages, Manifests: inv.Manifests},
		Findings: kept, Suppressed: suppressed,
		Gate: reports.Gate{Passed: verdict.Passed, Notes: verdict.Notes},
	}
	for _, v := range verdict.Violations {
		rep.Gate.Violations = append(rep.Gate.Violations, reports.Violation{Scanner: v.Scanner, Severity: v.Severity, Max: v.Max, Count: v.Count, Message: v.Message})
	}
	for _, o := range outcomes {
		run := reports.ScannerRun{Name: o.Name, Status: string(o.Status), Reason: o.Reason,
			DurationMS: o.Duration.Milliseconds(), Read: o.Read, Notes: o.Notes}
		for _, f := range kept {
			if f.Scanner == o.Name {
				run.Findings++
			}
		}
		if o.Err != nil {
			run.Error = o.Err.Error()
		}
		rep.Scanners = append(rep.Scanners, run)
	}
	rep.Rules = usedRules(entries, kept, suppressed)
	return rep
}

// scannersFor are the scanners whose catalogue has a rule a pattern names.
func scannersFor(entries []registry.Entry, pattern string) []string {
	var out []string
	for _, e := range entries {
		for _, r := range e.Rules {
			if finding.Glob(pattern, r.ID) || r.Covers(pattern) || (r.Family() && strings.HasPrefix(pattern, strings.TrimSuffix(r.ID, "*"))) {
				out = append(out, e.Name)
				break
			}
		}
	}
	return out
}

// usedRules are the catalogue entries of every rule the report names.
func usedRules(entries []registry.Entry, kept []finding.Finding, sup []finding.Suppressed) []reports.Rule {
	seen := map[string]bool{}
	var out []reports.Rule
	add := func(f finding.Finding) {
		k := f.Scanner + "\x00" + f.RuleID
		if seen[k] {
			return
		}
		seen[k] = true
		r, ok := registry.Catalogue(entries, f.Scanner, f.RuleID)
		if !ok { // not in the catalogue (a test asserts this never happens)
			r = finding.Rule{Title: f.Title, Severity: f.Severity, CWE: f.CWE, HelpURI: f.HelpURI}
		}
		r.ID = f.RuleID
		out = append(out, reports.Rule{Scanner: f.Scanner, Rule: r})
	}
	for _, f := range kept {
		add(f)
	}
	for _, s := range sup {
		add(s.Finding)
	}
	sortRules(out)
	return out
}

func relTo(file, root string) string {
	if file == "" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
