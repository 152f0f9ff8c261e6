// Package riskcheck validates a trading deployment against the documented
// limits of SECURITY_BEST_PRACTICES.md: the risk configuration, Ethereum
// keystores, .env files, systemd units and log rotation. It is the scanner
// named "riskcheck" and the `bulwark riskcheck` command.
package riskcheck

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/pysrc"
)

// Scanner is the riskcheck scanner.
type Scanner struct{ opt Options }

// New builds the scanner from validated options.
func New(opt Options) Scanner {
	if opt.Limits == nil {
		opt.Limits = map[string]Limit{}
	}
	return Scanner{opt: opt}
}

// Name implements scanners.Scanner.
func (Scanner) Name() string { return "riskcheck" }

// Description implements scanners.Scanner.
func (Scanner) Description() string {
	return "risk limits, keystores, .env files, systemd units and log rotation against the documented limits"
}

// run is the state of one scan.
type run struct {
	t          *scanners.Target
	opt        *Options
	production bool
	out        []finding.Finding
	read       map[string]bool // files read, each counted once

	keystores, loggingConfigs int // deployment files found by sniffing
}

// Scan implements scanners.Scanner.
func (s Scanner) Scan(ctx context.Context, t *scanners.Target) (*scanners.Result, error) {
	var extra []gitignore.Pattern
	for _, p := range s.opt.Paths {
		extra = append(extra, gitignore.ParsePattern(p, nil))
	}
	byKind := map[kind][]scanners.File{}
	for _, f := range t.Inventory.Files {
		k := classify(f.Path, extra)
		if k&kEnv != 0 {
			k &^= kConfig // a real env file's keys are judged by the env rules
		}
		for bit := kind(1); bit != 0 && bit <= kRiskPython; bit <<= 1 {
			if k&bit != 0 {
				byKind[bit] = append(byKind[bit], f)
			}
		}
	}
	r := &run{t: t, opt: &s.opt, read: map[string]bool{}}
	r.production = r.environment(byKind[kEnv]) == "production"

	lc := &limitChecker{opt: &s.opt, production: r.production, seen: map[string]bool{}}
	primary := ""
	for _, f := range byKind[kRisk] {
		data, ok := r.read1(f)
		if !ok {
			continue
		}
		settings, err := structuredSettings(f.Path, data)
		if err != nil {
			r.add(finding.Finding{RuleID: "risk.parse_error", Severity: finding.High, Title: "Risk configuration cannot be parsed",
				Message:  fmt.Sprintf("%s: %v; its limits cannot be verified, so they count as unbounded until the file parses", f.Path, err),
				Location: finding.Location{Path: f.Path}, Identity: "parse",
				Detail: map[string]any{"deployed": "unparseable", "limit": "a parseable risk configuration", "fix": "fix the syntax of the file"}})
			continue
		}
		r.passwordHashes(settings)
		lc.check(source{path: f.Path, strict: true, settings: settings})
		if primary == "" {
			primary = f.Path
		}
	}
	named := map[string]bool{}
	for _, f := range byKind[kRiskPython] {
		named[f.Path] = true
	}
	for _, f := range byKind[kPython] {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// Test code is not deployment configuration, unless named so.
		if pysrc.IsTestFile(f.Path) && !named[f.Path] {
			t.Counter.Add("python_test_files_not_read", 1)
			continue
		}
		data, ok := r.read1(f)
		if !ok {
			continue
		}
		tree, err := pysrc.ParseSource(ctx, t, f.Path, data)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			r.add(finding.Finding{RuleID: "riskcheck.unreadable", Severity: finding.Medium, Title: "Deployment file not checked",
				Message: fmt.Sprintf("%s: %v; its limits were not checked", f.Path, err), Location: finding.Location{Path: f.Path},
				Identity: "riskcheck.unreadable", Detail: map[string]any{"deployed": "not read", "limit": "a Python module that parses in time", "fix": "simplify the file"}})
			continue
		}
		settings := pythonSettings(f.Path, tree)
		strict := named[f.Path] || strings.Contains(strings.ToLower(path.Base(f.Path)), "risk")
		// A module is a risk configuration when it is named as one or sets
		// two documented limits; only then do its computed values and the
		// limits it leaves out count. A lone literal limit elsewhere (a
		// strategy's max_leverage) is still checked.
		config := strict || lc.defines(settings) >= 2
		if !config {
			settings = literalOnly(settings)
		}
		if lc.check(source{path: f.Path, strict: strict, settings: settings}) && config && primary == "" {
			primary = f.Path
		}
	}
	for _, f := range byKind[kEnv] {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		data, ok := r.read1(f)
		if !ok {
			continue
		}
		if lc.check(source{path: f.Path, settings: envSettings(f.Path, data)}) && primary == "" {
			primary = f.Path
		}
	}
	if primary != "" {
		lc.absent(primary)
	}
	lc.loosened()
	r.out = append(r.out, lc.out...)

	r.checkEnvFiles(byKind[kEnv])
	r.checkKeystores(ctx, byKind[kKeystore])
	r.checkUnits(byKind[kUnit], byKind[kDropIn])
	r.checkLogging(byKind[kLogging])
	r.checkPlaintextKeys(byKind[kConfig])

	// Python modules are read in search of limits, but reading them is not a
	// sign of a deployment: only deployment files are.
	deployment := len(byKind[kRisk]) + len(byKind[kEnv]) + len(byKind[kUnit]) + r.keystores + r.loggingConfigs
	if primary == "" && deployment == 0 && len(r.out) == 0 {
		return nil, scanners.Skip("no risk configuration, keystore, .env file, systemd unit or logging configuration found")
	}
	if primary == "" && deployment > 0 {
		r.add(finding.Finding{RuleID: "risk.config_missing", Severity: finding.High, Title: "No risk configuration found",
			Message:  "this deployment has keystores, env files, units or logging configs but no risk configuration (risk*.yaml, hft_risk*, .env or Python limits); every documented limit is unverified; add one or point riskcheck.paths at it",
			Identity: "config_missing", Detail: map[string]any{"deployed": "absent", "limit": "a risk configuration", "fix": "add a risk configuration or set riskcheck.paths"}})
	}
	for i := range r.out {
		r.out[i].Scanner = "riskcheck"
	}
	sort.SliceStable(r.out, func(i, j int) bool { return r.out[i].Path < r.out[j].Path })
	return &scanners.Result{Findings: r.out}, nil
}

// environment is the deployment environment: the config's, unless "auto",
// then what an env file declares, then production (the fail-safe choice).
func (r *run) environment(envFiles []scanners.File) string {
	env := strings.ToLower(strings.TrimSpace(r.opt.Environment))
	if env != "auto" && env != "" {
		return env
	}
	for _, f := range envFiles {
		if data, err := r.t.Inventory.ReadFile(f.Path, r.opt.MaxFileSize); err == nil {
			if e, ok := declaredEnvironment(data); ok {
				return strings.ToLower(e)
			}
		}
	}
	return "production"
}

// read1 reads one file within the size limit. A file that cannot be read is a
// finding naming it, never a silent gap.
func (r *run) read1(f scanners.File) ([]byte, bool) {
	data, err := r.t.Inventory.ReadFile(f.Path, r.opt.MaxFileSize)
	if err == nil {
		r.count(f.Path, data)
		return data, true
	}
	rule, sev, fix := "riskcheck.unreadable", finding.Medium, "make the file readable"
	switch {
	case errors.Is(err, scanners.ErrTooLarge):
		rule, fix = "riskcheck.file_too_large", "split the file or raise riskcheck.max_file_size"
	case errors.Is(err, scanners.ErrOutsideRoot):
		rule, sev, fix = "riskcheck.symlink_outside", finding.High, "commit the file itself instead of a symlink out of the repository"
	}
	r.add(finding.Finding{RuleID: rule, Severity: sev, Title: "Deployment file not checked",
		Message: fmt.Sprintf("%v; it was not checked", err), Location: finding.Location{Path: f.Path}, Identity: rule,
		Detail: map[string]any{"deployed": "not read", "limit": "a readable regular file in the tree", "fix": fix}})
	return nil, false
}

func (r *run) mode(f scanners.File) fs.FileMode {
	if st, err := r.t.Inventory.Stat(f.Path); err == nil {
		return st.Mode()
	}
	return f.Mode
}

func (r *run) add(f finding.Finding) { r.out = append(r.out, f) }
