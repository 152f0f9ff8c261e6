package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/gate"
	"github.com/bulwark-sec/bulwark/internal/pipeline"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/registry"
)

// scanOptions are the flags of scan (and riskcheck).
type scanOptions struct {
	out, format, config, baseline, offlineDB string
	only, skip                               []string
	timeout                                  time.Duration
	jobs                                     int
	quiet, online                            bool
	// secrets scanner
	staged, history, resume, verify bool
	sinceCommit                     string
}

func (o *scanOptions) bind(cmd *cobra.Command, withSelection bool) {
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "write bulwark.json, bulwark.md and bulwark.sarif to `DIR`")
	f.StringVar(&o.format, "format", "text", "stdout format: text, json, markdown or sarif")
	f.StringVar(&o.config, "config", "", "config `FILE` (default PATH/bulwark.yml when present)")
	f.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in this baseline `FILE`")
	f.DurationVar(&o.timeout, "timeout", 0, "deadline of each scanner (default from config: 5m)")
	f.IntVar(&o.jobs, "jobs", -1, "scanners run at once (default from config; 0 = one per CPU)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress on stderr")
	if withSelection {
		f.StringSliceVar(&o.only, "only", nil, "run only these scanners (comma-separated)")
		f.StringSliceVar(&o.skip, "skip", nil, "do not run these scanners")
		f.StringVar(&o.offlineDB, "offline-db", "", "OSV database `DIR` (DIR/<Ecosystem>/all.zip) for the dependency scanner (default $BULWARK_OSV_DB, else the cache)")
		f.BoolVar(&o.online, "online", false, "look vulnerabilities up on osv.dev instead of the offline database (opens network connections)")
		f.BoolVar(&o.staged, "staged", false, "secrets: scan only the changes staged for commit, read from the index (pre-commit mode)")
		f.BoolVar(&o.history, "history", false, "secrets: scan every commit reachable from HEAD instead of the working tree (nightly mode)")
		f.StringVar(&o.sinceCommit, "since-commit", "", "secrets: with --history, only commits after `REF`")
		f.BoolVar(&o.resume, "resume", false, "secrets: with --history, start after the commit the last --resume run ended at (state in the cache directory)")
		f.BoolVar(&o.verify, "verify", false, "secrets: check each secret with its provider (opens network connections)")
	}
}

func newScanCmd(env *Env) *cobra.Command {
	o := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan [PATH]",
		Short: "Scan a repository and its deployment files, apply the gates, write reports",
		Example: `  bulwark scan
  bulwark scan ./bot --out reports --format markdown
  bulwark scan --only riskcheck --config ci/bulwark.yml
  bulwark scan --baseline .bulwark-baseline.json --format sarif > bulwark.sarif
  bulwark scan --staged --only secrets          # pre-commit hook
  bulwark scan --history --resume --out nightly # nightly: only commits since the last run`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), env, o, pathArg(args))
		},
	}
	o.bind(cmd, true)
	return cmd
}

func newRiskcheckCmd(env *Env) *cobra.Command {
	o := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "riskcheck [PATH]",
		Short: "Check only the deployment: risk limits, keystores, .env files, systemd units, log rotation",
		Example: `  bulwark riskcheck deploy/
  bulwark riskcheck --format json | jq '.findings[] | {rule_id, path, start_line}'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.only = []string{"riskcheck"}
			return runScan(cmd.Context(), env, o, pathArg(args))
		},
	}
	o.bind(cmd, false)
	return cmd
}

func pathArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}

// scanResult is everything one scan produced.
type scanResult struct {
	report *reports.Report
	code   int
}

func runScan(ctx context.Context, env *Env, o *scanOptions, target string) error {
	if err := checkFormat(o.format, true); err != nil {
		return err
	}
	if o.out != "" {
		if err := checkOutDir(o.out); err != nil {
			return err
		}
	}
	res, err := scan(ctx, env, o, target)
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := writeReports(o.out, res.report); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	if err := render(env.Stdout, o.format, res.report, o.out); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if res.code != ExitPass {
		return silentExit(res.code)
	}
	return nil
}

// scan runs the whole flow: config, inventory, scanners, pipeline, gates.
func scan(ctx context.Context, env *Env, o *scanOptions, target string) (*scanResult, error) {
	started := env.Now()
	cfg, err := loadConfig(o.config, target)
	if err != nil {
		return nil, err
	}
	only, skip := cfg.Scanners.Only, cfg.Scanners.Skip
	if len(o.only) > 0 || len(o.skip) > 0 {
		only, skip = o.only, o.skip
	}
	list, err := selectScanners(env, only, skip)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	timeout, jobs := cfg.Scanners.Timeout, cfg.Scanners.Jobs
	if o.timeout > 0 {
		timeout = o.timeout
	}
	if o.jobs >= 0 {
		jobs = o.jobs
	}
	runOpts, err := resolveRunOptions(env, o)
	if err != nil {
		return nil, err
	}
	baseline, err := loadBaseline(o.baseline)
	if err != nil {
		return nil, err
	}
	inv, err := scanners.Walk(ctx, target, cfg.Exclude)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	prog := newProgress(env, o.quiet)
	outcomes := scanners.Run(ctx, list, inv, func(c *scanners.Counter) *scanners.Target {
		return &scanners.Target{Inventory: inv, Config: cfg, Counter: c, Getenv: env.Getenv, Options: runOpts}
	}, scanners.Options{Jobs: jobs, Timeout: timeout, Hooks: prog.hooks()})
	prog.stop()

	var all []finding.Finding
	var selfSuppressed []pipeline.Suppressed
	complete := map[string]bool{}
	allComplete := true
	for _, o := range outcomes {
		all = append(all, o.Findings...)
		for _, s := range o.Suppressed {
			selfSuppressed = append(selfSuppressed, pipeline.Suppressed{Finding: s.Finding, Kind: s.Kind, Reason: s.Reason})
		}
		complete[o.Name] = o.Status == scanners.StatusOK
		allComplete = allComplete && o.Status != scanners.StatusFailed
	}
	ignores := &pipeline.ConfigIgnores{Entries: cfg.Ignore, File: relConfig(cfg.File, inv.Root), Now: env.Now(),
		Complete: func(s string) bool {
			if s == "" {
				return allComplete && len(only) == 0 && len(skip) == 0
			}
			return complete[s]
		}}
	kept, suppressed := pipeline.Run(pipeline.Default(lineSource(inv), ignores, baseline), all)
	suppressed = pipeline.SortSuppressed(append(suppressed, selfSuppressed...))
	failOn := cfg.Secrets.FailOn
	if failOn == "verified" && !runOpts.Secrets.Verify && !cfg.Secrets.Verify {
		failOn = "any" // nothing was verified: fall back to every secret
	}
	verdict := gate.Evaluate(cfg.Gates, gate.Counted(kept, failOn))
	if failOn != cfg.Secrets.FailOn {
		verdict.Notes = append(verdict.Notes, "secrets.fail_on is verified but verification is off (--verify or secrets.verify): every secret counts")
	}

	rep := &reports.Report{
		SchemaVersion: reports.SchemaVersion,
		Tool:          reports.Tool{Name: "bulwark", Version: version()},
		Target:        reports.Target{Path: filepath.ToSlash(filepath.Clean(target)), Commit: inv.Commit},
		StartedAt:     started.UTC().Truncate(time.Millisecond),
		Inventory: reports.Inventory{Files: len(inv.Files), Ignored: inv.Ignored, Languages: inv.Languages,
			Manifests: inv.Manifests},
		Findings: kept, Suppressed: suppressed, Gate: verdict,
	}
	code := ExitPass
	if !verdict.Passed {
		code = ExitGate
	}
	for _, o := range outcomes {
		run := reports.ScannerRun{Name: o.Name, Status: string(o.Status), Reason: o.Reason,
			DurationMS: o.Duration.Milliseconds(), Read: o.Read}
		for _, f := range kept {
			if f.Scanner == o.Name {
				run.Findings++
			}
		}
		if o.Err != nil {
			run.Error = o.Err.Error()
			code = ExitError
		}
		rep.Scanners = append(rep.Scanners, run)
	}
	switch code {
	case ExitPass:
		rep.Verdict = reports.VerdictPass
	case ExitGate:
		rep.Verdict = reports.VerdictFail
	default:
		rep.Verdict = reports.VerdictError
	}
	rep.DurationMS = env.Now().Sub(started).Milliseconds()
	rep.Normalize()
	return &scanResult{report: rep, code: code}, nil
}

func selectScanners(env *Env, only, skip []string) ([]scanners.Scanner, error) {
	return registry.SelectFrom(env.Scanners(), only, skip)
}

// loadConfig reads --config, else PATH/bulwark.yml when present, else the defaults.
func loadConfig(flag, target string) (*config.Config, error) {
	file := flag
	if file == "" {
		p := filepath.Join(target, "bulwark.yml")
		if _, err := os.Stat(p); err == nil {
			file = p
		}
	}
	if file == "" {
		return config.Default(), nil
	}
	cfg, err := config.Load(file)
	if err != nil {
		return nil, &exitError{code: ExitError, err: fmt.Errorf("invalid config:\n%w", err)}
	}
	return cfg, nil
}

func relConfig(file, root string) string {
	if file == "" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	if rel, err := filepath.Rel(root, abs); err == nil && !filepath.IsAbs(rel) && rel != ".." && !startsDotDot(rel) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

func startsDotDot(p string) bool { return len(p) >= 3 && p[:3] == ".."+string(filepath.Separator) }
