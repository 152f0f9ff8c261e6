// Package goscan is the Go half of the SAST scanner: it runs gosec's AST
// rules and SSA analyzers (taint analysis included) in-process over the Go
// modules of the scanned tree.
//
// The packages are loaded here, not by gosec's Process, so that the loader
// runs offline under a locked environment (env.go), sees the staged overlay,
// honours the context and keeps one module's failure away from the others.
// Each package then gets a fresh gosec Analyzer (check.go): CheckRules keeps
// the #nosec ranges in the Analyzer's own state, so Analyzers are never
// shared between packages or goroutines.
package goscan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Module is one Go module found in the scanned tree.
type Module struct {
	Dir  string // slash-separated path relative to the root of the directory holding go.mod ("" or "." for the root)
	Work string // relative path of the go.work (in the tree) that lists this module, "" if none
}

// Options say what to analyse and how.
type Options struct {
	Root      string            // absolute path of the scanned root
	Tests     bool              // analyse _test.go files too (gosec CLI default: false)
	BuildTags []string          // build tags for the loader (-tags)
	Jobs      int               // parallel packages; <=0 means runtime.NumCPU()
	Env       []string          // base environment; only the variables in allowedEnv are passed on
	GoCache   string            // GOCACHE for the package loader; "" leaves the go command's default
	Overlay   map[string][]byte // absolute file path -> content (staged mode: the index blobs)
	Dirs      []string          // when non-empty: only the packages in these root-relative dirs (staged mode)
}

// Issue is one gosec finding, with its location relative to Options.Root.
type Issue struct {
	RuleID     string           // gosec's ID, "G204"
	Title      string           // gosec's description of this finding, one line
	Path       string           // slash-separated, relative to Options.Root
	Line       int              // first line
	EndLine    int              // last line (gosec reports a range as "16-18")
	Col        int              // column of the first line, 1-based
	Severity   finding.Severity // see severityOf
	Confidence string           // "low" | "medium" | "high"
	CWE        string           // "CWE-78", "" when gosec names none
	// Identity is the stable, line-number-free content for the fingerprint:
	// the enclosing function and the tokens of the flagged lines, string and
	// character literals replaced by a placeholder (identity.go).
	Identity string
}

// Suppressed is a finding silenced in the source by #nosec or
// //gosec:disable, with the justification written after "--".
type Suppressed struct {
	Issue
	Reason string // the justification; "#nosec" when the comment gave none
}

// Result is what one Analyze call found and read.
type Result struct {
	Issues     []Issue      // sorted by path, line, col, rule
	Suppressed []Suppressed // sorted the same way
	// Notes say, per package, what was analysed only in part and what that
	// means: type errors or missing dependencies (AST rules ran, SSA and taint
	// rules did not), cgo files left out, packages no file of which builds.
	Notes []string
	// Modules and Packages count what was loaded and analysed;
	// PartialPackages those of them with load or type errors. Files and
	// Lines are gosec's metrics over the analysed files.
	Modules, Packages, PartialPackages, Files, Lines int
	// ConstrainedFiles counts .go files that build constraints left out of
	// every analysed package (another GOOS/GOARCH, a tag not set): nothing
	// analysed them. cgo files are in the notes instead.
	ConstrainedFiles int
	// Errors are failures of one module or package: a module the go command
	// could not load, a panic in gosec. Everything else was still analysed.
	Errors []error
}

// ErrNoGo is returned when there is no go command to load packages with.
var ErrNoGo = errors.New("the go command is not on PATH; Go code cannot be analysed")

// Analyze runs gosec over the packages of mods. Its error is non-nil only
// when nothing could run (no go command) or when ctx ended; in the latter
// case the result holds what was analysed before.
func Analyze(ctx context.Context, mods []Module, opt Options) (*Result, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoGo, err)
	}
	if !filepath.IsAbs(opt.Root) {
		return nil, fmt.Errorf("goscan: root %q is not an absolute path", opt.Root)
	}
	setGoVersion()
	s := newScan(opt)
	mods = cleanModules(mods)
	dirs, err := assignDirs(mods, opt.Dirs)
	if err != nil {
		s.res.Errors = append(s.res.Errors, err)
	}
	for _, m := range mods {
		if ctx.Err() != nil {
			break
		}
		if len(opt.Dirs) > 0 && len(dirs[m.Dir]) == 0 {
			continue
		}
		s.module(ctx, m, mods, dirs[m.Dir])
	}
	s.finish()
	if err := ctx.Err(); err != nil {
		return s.res, fmt.Errorf("goscan: %w", err)
	}
	return s.res, nil
}

// jobs is the number of packages analysed at once. gosec's own Process
// starts exactly Concurrency workers, so 0 there analyses nothing; here
// <=0 means one per CPU.
func jobs(n int) int {
	if n <= 0 {
		return runtime.NumCPU()
	}
	return n
}

func compareIssues(a, b Issue) int {
	return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.EndLine, b.EndLine), cmp.Compare(a.Title, b.Title))
}

// finish makes identities unique per rule and file, splits the silenced
// findings off and sorts both lists. Slices are never nil.
func (s *scan) finish() {
	slices.SortStableFunc(s.found, func(a, b found) int { return compareIssues(a.Issue, b.Issue) })
	seen := map[[3]string]int{}
	s.res.Issues, s.res.Suppressed = []Issue{}, []Suppressed{}
	var last *found
	for i := range s.found {
		f := s.found[i]
		if last != nil && compareIssues(last.Issue, f.Issue) == 0 && last.suppressed == f.suppressed {
			continue // one file seen twice (a package and its test variant): report it once
		}
		last = &s.found[i]
		k := [3]string{f.RuleID, f.Path, f.Identity}
		seen[k]++
		if n := seen[k]; n > 1 {
			f.Identity += fmt.Sprintf(" #%d", n)
		}
		if f.suppressed {
			s.res.Suppressed = append(s.res.Suppressed, Suppressed{Issue: f.Issue, Reason: f.reason})
		} else {
			s.res.Issues = append(s.res.Issues, f.Issue)
		}
	}
	s.found = nil
	if s.res.Notes == nil {
		s.res.Notes = []string{}
	}
}
