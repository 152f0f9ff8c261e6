// Package deps is the dependency scanner: osv-scanner v2, driven in-process,
// over every lockfile and manifest in the tree, matched against an offline
// OSV database unless --online is given.
package deps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/osv-scanner/v2/pkg/models"
	"github.com/google/osv-scanner/v2/pkg/osvscanner"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners"
)

// Options are the dependency scanner's settings: the deps section of
// bulwark.yml, and the run's flags.
type Options struct {
	// DefaultSeverity applies to advisories with neither a CVSS vector nor a
	// database severity (most PyPI records).
	DefaultSeverity string `yaml:"default_severity" doc:"severity of an advisory with no CVSS vector and no database severity (most PyPI records); the finding says it was inferred" enum:"info,low,medium,high,critical"`
	// UnpinnedSeverity is the severity of a requirement that is not pinned.
	UnpinnedSeverity string `yaml:"unpinned_severity" doc:"severity of a requirement that admits more than one version" enum:"info,low,medium,high,critical"`

	Default  finding.Severity `yaml:"-"`
	Unpinned finding.Severity `yaml:"-"`
	// DB is the offline OSV database (DB/<Ecosystem>/all.zip); Online looks
	// advisories up on osv.dev instead, through the run's HTTP client.
	DB     string `yaml:"-"`
	Online bool   `yaml:"-"`
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options {
	return Options{DefaultSeverity: "medium", UnpinnedSeverity: "low", Default: finding.Medium, Unpinned: finding.Low}
}

// Validate checks the options decoded from sec.
func (o *Options) Validate(sec config.Section) config.Errors {
	var errs config.Errors
	for _, d := range []struct {
		key, name string
		out       *finding.Severity
	}{{"default_severity", o.DefaultSeverity, &o.Default}, {"unpinned_severity", o.UnpinnedSeverity, &o.Unpinned}} {
		sev, err := finding.ParseSeverity(d.name)
		if err != nil {
			errs = append(errs, sec.Error(err.Error(), d.key))
		}
		*d.out = sev
	}
	return errs
}

// Scanner is the dependency scanner.
type Scanner struct{ opt Options }

// New builds the scanner from validated options.
func New(opt Options) Scanner { return Scanner{opt: opt} }

// Name implements scanners.Scanner.
func (Scanner) Name() string { return "deps" }

// Description implements scanners.Scanner.
func (Scanner) Description() string {
	return "known vulnerabilities in locked and pinned dependencies (osv-scanner v2, offline OSV database)"
}

// osvMu serialises DoScan: osv-scanner keeps its logger in a package global.
var osvMu sync.Mutex

// Scan implements scanners.Scanner.
func (s Scanner) Scan(ctx context.Context, t *scanners.Target) (*scanners.Result, error) {
	if t.Source != nil && t.Source.Mode == scanners.ModeStaged {
		return nil, scanners.Skip("staged mode checks what a commit adds; dependency advisories are checked on the whole tree (run without --staged)")
	}
	if len(t.Inventory.Manifests) == 0 {
		return nil, scanners.Skip("no lockfiles or dependency manifests found")
	}
	actions := osvscanner.ScannerActions{
		// osv-scanner walks the tree itself; it reads every file (NoIgnore)
		// and what it found is kept only where the inventory has the file,
		// so .gitignore, exclude: and tracked files mean what they mean
		// for every other scanner.
		DirectoryPaths: []string{t.Inventory.Root}, Recursive: true, ShowAllPackages: true, NoIgnore: true,
		ExperimentalScannerActions: osvscanner.ExperimentalScannerActions{
			ExcludePatterns:    excludes(t.Inventory.Excludes),
			TransitiveScanning: osvscanner.TransitiveScanningActions{Disabled: true},
		},
	}
	usePackageLock(&actions.ExperimentalScannerActions) // bulwark: one-pass package-lock.json lines (packagelock.go, issue #10)
	actions.LockfilePaths = linkedLockfiles(t.Inventory)
	var db *database
	if s.opt.Online {
		if t.HTTP == nil {
			return nil, errors.New("--online needs the network, and this run has none")
		}
		actions.HTTPClient = t.HTTP
	} else {
		var err error
		db, err = openDatabase(s.opt.DB, t.CacheDir)
		if err != nil {
			return nil, err
		}
		// Both flags, or the local matcher is silently dropped (libraries.md §1).
		actions.CompareOffline, actions.PluginNetworkDisabled, actions.LocalDBPath = true, true, db.bridge
		actions.HTTPClient = &http.Client{Transport: denyNetwork{}}
	}
	override, err := emptyOSVConfig(t.CacheDir)
	if err != nil {
		return nil, err
	}
	actions.ConfigOverridePath = override

	res, logs, err := doScan(ctx, actions)
	if err != nil {
		return nil, err
	}
	out := &scanners.Result{Errors: logs.errors(t.Inventory.Root, inInventory(t.Inventory))}
	conv := newConverter(t, &s.opt)
	for _, src := range res.Results {
		conv.source(src)
	}
	conv.finish()
	t.Counter.Add("lockfiles", int64(conv.lockfiles))
	t.Counter.Add("packages", int64(conv.packages))
	if db != nil {
		out.Errors = append(out.Errors, db.missing(conv.ecosystems)...)
	}
	out.Findings = conv.findings
	if conv.packages == 0 && len(out.Errors) == 0 {
		// package.json without a lockfile, an empty go.mod: nothing was checked,
		// and that must not read as a clean result
		return nil, scanners.Skip("%d manifest(s) found but no locked or pinned package to check (%s)",
			len(t.Inventory.Manifests), strings.Join(firstN(t.Inventory.Manifests, 3), ", "))
	}
	return out, nil
}

// doScan runs osv-scanner with its logging captured. DoScan takes no context,
// so a cancelled scan is abandoned by the runner's deadline, not stopped.
func doScan(ctx context.Context, actions osvscanner.ScannerActions) (models.VulnerabilityResults, *logRecorder, error) {
	if err := ctx.Err(); err != nil {
		return models.VulnerabilityResults{}, nil, err
	}
	osvMu.Lock()
	defer osvMu.Unlock()
	logs := &logRecorder{}
	osvscanner.SetLogger(logs)
	res, err := osvscanner.DoScan(actions)
	switch {
	case err == nil, errors.Is(err, osvscanner.ErrVulnerabilitiesFound), errors.Is(err, osvscanner.ErrNoPackagesFound):
		return res, logs, nil
	}
	return res, logs, fmt.Errorf("osv-scanner: %w", err)
}

// denyNetwork fails any request: a default scan must open no connection.
// Attempts are counted so tests can prove none was made.
type denyNetwork struct{}

var deniedRequests atomic.Int64

func (denyNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	deniedRequests.Add(1)
	return nil, fmt.Errorf("network access denied in offline mode (%s); use --online to allow it", r.URL.Host)
}

// excludes turns bulwark.yml exclude patterns into osv-scanner glob patterns.
func excludes(patterns []string) []string {
	out := make([]string, 0, len(patterns))
	for _, p := range patterns {
		out = append(out, "g:"+p)
	}
	return out
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(append([]string{}, s[:n]...), "…")
	}
	return s
}

// linkedLockfiles are the manifests that are symlinks inside the tree:
// osv-scanner's walk does not follow a link, so each is handed to it as a
// lockfile of its link's name ("requirements.txt:/abs/target"). A link out
// of the tree is not followed; the inventory reports it.
func linkedLockfiles(inv *scanners.Inventory) []string {
	var out []string
	for _, m := range inv.Manifests {
		f, ok := inv.Lookup(m)
		if !ok || !f.Symlink {
			continue
		}
		target, err := filepath.EvalSymlinks(inv.Abs(m))
		if err != nil {
			continue
		}
		if st, err := inv.Stat(m); err != nil || !st.Mode().IsRegular() {
			continue // outside the tree, or not a file
		}
		out = append(out, path.Base(m)+":"+target)
	}
	return out
}

// inInventory reports whether a repository-relative path is in the
// inventory, or is the target of an in-tree symlink that is.
func inInventory(inv *scanners.Inventory) func(string) bool {
	linked := map[string]bool{}
	for _, l := range linkedLockfiles(inv) {
		_, target, _ := strings.Cut(l, ":")
		linked[relPath(inv.Root, target)] = true
	}
	return func(rel string) bool {
		_, ok := inv.Lookup(rel)
		return ok || linked[rel]
	}
}
