package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners"
)

// progress shows what the scanners are doing on stderr. On a terminal it
// redraws one live line; elsewhere it prints one line per finished scanner,
// wrapped in ::group:: blocks under GitHub Actions. stdout is never touched.
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
	if p.quiet {
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
			defer p.mu.Unlock()
			delete(p.running, o.Name)
			line := finishLine(o)
			switch {
			case p.live:
				fmt.Fprintf(p.w, "\r\033[K%s\n", line)
			case p.actions:
				fmt.Fprintf(p.w, "::group::%s\n%s\n::endgroup::\n", line, detailLine(o))
			default:
				fmt.Fprintln(p.w, line)
			}
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
			fmt.Fprint(p.w, "\r\033[K")
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

func finishLine(o scanners.Outcome) string {
	s := fmt.Sprintf("bulwark: %s %s in %.2fs, read %s, %d finding(s)", o.Name, o.Status, o.Duration.Seconds(), reports.ReadSummary(o.Read), len(o.Findings))
	switch {
	case o.Reason != "":
		s += " — " + o.Reason
	case o.Err != nil:
		s += " — " + strings.SplitN(o.Err.Error(), "\n", 2)[0]
	}
	return s
}

func detailLine(o scanners.Outcome) string {
	if o.Err != nil {
		return o.Err.Error()
	}
	return fmt.Sprintf("status=%s findings=%d read: %s", o.Status, len(o.Findings), reports.ReadSummary(o.Read))
}
