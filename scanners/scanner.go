// Package scanners holds what every scanner shares: the Scanner interface, the
// one inventory walk of the target, and the parallel runner that contains
// failures. Each adapter lives in its own leaf package so heavy libraries are
// linked only where they are used; the registry package lists them all.
package scanners

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Scanner turns one tool's view of the target into findings.
type Scanner interface {
	// Name is the scanner's stable name: deps, sast, secrets, licenses, contracts, riskcheck.
	Name() string
	// Description is one line for help text and reports.
	Description() string
	// Scan reads the target and returns what it found. A scanner with nothing
	// to scan returns Skip(reason); a problem with one input that does not stop
	// the others goes in Result.Errors.
	Scan(ctx context.Context, t *Target) (*Result, error)
}

// Target is what every scanner shares; a scanner's own settings were given
// to it when the registry built it.
type Target struct {
	// Inventory is the files of the source view: the working tree, or the
	// staged index with --staged.
	Inventory *Inventory
	// Source is the view itself: its mode, and in history mode the commits.
	Source *Source
	// Counter records what the scanner read (files, bytes, packages, commits),
	// for progress and for the report.
	Counter *Counter
	// Getenv reads the environment; injected so tests never touch the real one.
	Getenv func(string) string
	// CacheDir is the only place besides --out that Bulwark writes to.
	CacheDir string
	// HTTP is the client for opt-in network use; nil means no network at all.
	// It is the one network switch: set only from flags or the runner's
	// environment, never from a file in the scanned tree.
	HTTP *http.Client
	// Shared is what the run computes once for several scanners (parsed
	// source files); nil computes everything afresh.
	Shared *Shared
}

// Result is a scanner's output.
type Result struct {
	Findings []finding.Finding
	// Errors are inputs the scanner could not read (a malformed lockfile); the
	// rest was still scanned. Any error marks the scanner failed.
	Errors []error
	// Suppressed are findings the scanner itself dropped, with why: a secret
	// whose every location carries an inline suppression.
	Suppressed []finding.Suppressed
	// Notes say how the scanner ran when that matters to a reader of the
	// report (a setting that fell back, a part it could not analyse).
	Notes []string
}

// SkipError says a scanner had nothing to scan here.
type SkipError struct{ Reason string }

func (e *SkipError) Error() string { return "skipped: " + e.Reason }

// Skip returns a SkipError.
func Skip(format string, args ...any) error { return &SkipError{Reason: fmt.Sprintf(format, args...)} }

// IsSkip reports whether err is a SkipError and returns its reason.
func IsSkip(err error) (string, bool) {
	var s *SkipError
	if errors.As(err, &s) {
		return s.Reason, true
	}
	return "", false
}

// Counter is a set of named counts safe for concurrent use.
type Counter struct {
	mu sync.Mutex
	m  map[string]int64
}

// Add adds n to the named count.
func (c *Counter) Add(name string, n int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]int64{}
	}
	c.m[name] += n
	c.mu.Unlock()
}

// Snapshot copies the counts.
func (c *Counter) Snapshot() map[string]int64 {
	out := map[string]int64{}
	if c == nil {
		return out
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range c.m {
		out[k] = v
	}
	return out
}
