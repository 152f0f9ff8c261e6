package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bulwark-sec/bulwark/internal/escape"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners"
)

// progress shows what the scanners are doing on stderr. On a terminal it
// redraws one live line while they run; when the run is over it prints one
// line per scanner with the counts the report has (after suppressions and
// merging, so stderr and the summary agree), wrapped in ::group:: blocks
// under GitHub Actions. stdout is never touched.
type progress struct {
	w       io.Writer
	live    bool
	actions bool
	quiet   bool

	mu      sync.Mutex
	running map[string]*scanners.Counter
	done    chan struct{}
	wg      sync.WaitGroup
}

func newProgress(env *Env, quiet bool) *progress {
	p := &progress{w: env.Stderr, live: env.StderrIsTerminal, actions: env.Getenv("GITHUB_ACTIONS") == "true",
		quiet: quiet, running: map[string]*scanners.Counter{}, done: make(chan struct{})}
	if p.live && !quiet {
		p.wg.Add(1)
		go p.loop()
	}
	return p
}

func (p *progress) hooks() scanners.Hooks {
	if p.quiet || !p.live {
		return scanners.Hooks{}
	}
	return scanners.Hooks{
		Start: func(name string, c *scanners.Counter) {
			p.mu.Lock()
			p.running[name] = c
			p.mu.Unlock()
		},
		Finish: func(o scanners.Outcome) {
			p.mu.Lock()
			delete(p.running, o.Name)
			p.mu.Unlock()
		},
	}
}

func (p *progress) loop() {
	defer p.wg.Done()
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			_, _ = fmt.Fprint(p.w, "\r\033[K")
			return
		case <-t.C:
			p.mu.Lock()
			names := make([]string, 0, len(p.running))
			for n := range p.running {
				names = append(names, n)
			}
			sort.Strings(names)
			parts := make([]string, len(names))
			for i, n := range names {
				parts[i] = fmt.Sprintf("%s: %s", n, reports.ReadSummary(p.running[n].Snapshot()))
			}
			if len(parts) > 0 {
				fmt.Fprintf(p.w, "\r\033[K⏳ %s", strings.Join(parts, " | "))
			}
			p.mu.Unlock()
		}
	}
}

func (p *progress) stop() {
	close(p.done)
	p.wg.Wait()
}

// summary prints one line per scanner of the finished run.
func (p *progress) summary(r *reports.Report) {
	if p.quiet {
		return
	}
	for _, s := range r.Scanners {
		line := finishLine(s)
		if p.actions {
			fmt.Fprintf(p.w, "::group::%s\n%s\n::endgroup::\n", escape.WorkflowData(line), detailLine(s))
			continue
		}
		fmt.Fprintln(p.w, line)
	}
}

func finishLine(s reports.ScannerRun) string {
	line := fmt.Sprintf("bulwark: %s %s", s.Name, s.Status)
	if s.Status != "disabled" {
		line += fmt.Sprintf(" in %.2fs, read %s, %d finding(s)", float64(s.DurationMS)/1000, reports.ReadSummary(s.Read), s.Findings)
	}
	switch {
	case s.Reason != "":
		line += " — " + s.Reason
	case s.Error != "":
		line += " — " + strings.SplitN(s.Error, "\n", 2)[0]
	}
	return reports.TerminalLine(line)
}

func detailLine(s reports.ScannerRun) string {
	if s.Error != "" {
		return reports.TerminalLine(s.Error)
	}
	return fmt.Sprintf("status=%s findings=%d read: %s", s.Status, s.Findings, reports.ReadSummary(s.Read))
}
