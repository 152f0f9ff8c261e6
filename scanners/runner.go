package scanners

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Status is how a scanner's run ended.
type Status string

// The statuses a scanner can end with.
const (
	StatusOK      Status = "ok"
	StatusSkipped Status = "skipped"
	StatusFailed  Status = "failed"
)

// Outcome is one scanner's run.
type Outcome struct {
	Name     string
	Status   Status
	Reason   string // why it was skipped
	Err      error  // why it failed
	Duration time.Duration
	Findings []finding.Finding
	// Suppressed are findings the scanner suppressed itself.
	Suppressed []finding.Suppressed
	Notes      []string
	Read       map[string]int64 // what it read: files, bytes, packages, commits
}

// Hooks let the caller show progress; any may be nil. They are called from the
// scanners' goroutines, one at a time.
type Hooks struct {
	Start  func(name string, c *Counter)
	Finish func(o Outcome)
}

// Options bound a run.
type Options struct {
	Jobs    int           // scanners at once; 0 = GOMAXPROCS
	Timeout time.Duration // per scanner; 0 = none
	Hooks   Hooks
}

// Run runs every scanner against the target in parallel, each under its own
// deadline with panics recovered, and returns their outcomes in input order.
// A scanner that times out is abandoned (its goroutine may run on) and marked
// failed: a broken scanner never reads as a clean one.
func Run(ctx context.Context, list []Scanner, mk func(*Counter) *Target, opt Options) []Outcome {
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	out := make([]Outcome, len(list))
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	var hookMu sync.Mutex // hooks run one at a time, so callers need no lock
	for i, s := range list {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = runOne(ctx, s, mk, opt, &hookMu)
			if opt.Hooks.Finish != nil {
				hookMu.Lock()
				opt.Hooks.Finish(out[i])
				hookMu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}

type scanReturn struct {
	res *Result
	err error
}

func runOne(parent context.Context, s Scanner, mk func(*Counter) *Target, opt Options, hookMu *sync.Mutex) Outcome {
	c := &Counter{}
	if opt.Hooks.Start != nil {
		hookMu.Lock()
		opt.Hooks.Start(s.Name(), c)
		hookMu.Unlock()
	}
	ctx, cancel := parent, context.CancelFunc(func() {})
	if opt.Timeout > 0 {
		ctx, cancel = context.WithTimeout(parent, opt.Timeout)
	}
	defer cancel()
	start := time.Now()
	done := make(chan scanReturn, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- scanReturn{err: fmt.Errorf("panic: %v\n%s", r, firstFrames(debug.Stack(), 12))}
			}
		}()
		res, err := s.Scan(ctx, mk(c))
		done <- scanReturn{res, err}
	}()
	var r scanReturn
	select {
	case r = <-done:
	case <-ctx.Done():
		r.err = fmt.Errorf("timed out after %s", opt.Timeout)
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			r.err = fmt.Errorf("cancelled: %w", ctx.Err())
		}
	}
	o := Outcome{Name: s.Name(), Duration: time.Since(start), Read: c.Snapshot()}
	if r.res != nil {
		o.Findings = r.res.Findings
		o.Suppressed = r.res.Suppressed
		o.Notes = r.res.Notes
		if len(r.res.Errors) > 0 && r.err == nil {
			r.err = errors.Join(r.res.Errors...)
		}
	}
	seal := func(f *finding.Finding) {
		if f.Scanner == "" {
			f.Scanner = s.Name()
		}
		f.Seal()
	}
	for i := range o.Findings {
		seal(&o.Findings[i])
	}
	for i := range o.Suppressed {
		seal(&o.Suppressed[i].Finding)
	}
	switch reason, skip := IsSkip(r.err); {
	case skip:
		o.Status, o.Reason = StatusSkipped, reason
	case r.err != nil:
		o.Status, o.Err = StatusFailed, r.err
	default:
		o.Status = StatusOK
	}
	return o
}

// firstFrames keeps the head of a stack trace: enough to locate a panic
// without flooding the report.
func firstFrames(stack []byte, lines int) string {
	ls := strings.Split(string(stack), "\n")
	if len(ls) > lines {
		ls = ls[:lines]
	}
	return strings.Join(ls, "\n")
}
