package cli

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/bulwark-sec/bulwark/internal/engine"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/registry"
)

// scanOptions are the flags of scan, riskcheck and baseline.
type scanOptions struct {
	out, format, config, baseline string
	only, skip                    []string
	timeout                       time.Duration
	jobs                          int
	quiet                         bool
	// the source view
	staged, history, resume, allowShallow, allowEmpty bool
	sinceCommit                                       string
	maxIgnoreDays                                     int
	// the scanners' own flags, declared by the registry
	scannerFlags registry.Flags
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
	f.IntVar(&o.maxIgnoreDays, "max-ignore-days", 0, "how far ahead an ignore in the config may expire (default 365); a repository cannot raise it")
	f.BoolVar(&o.allowEmpty, "allow-empty", false, "let a run in which no scanner read anything pass (by default it is an error)")
	f.BoolVar(&o.staged, "staged", false, "scan only what is staged for commit, read from the index (pre-commit mode)")
	o.scannerFlags.Bind(f)
	if withSelection {
		f.StringSliceVar(&o.only, "only", nil, "run only these scanners (comma-separated)")
		f.StringSliceVar(&o.skip, "skip", nil, "do not run these scanners")
		f.BoolVar(&o.history, "history", false, "also read every commit reachable from HEAD, for the scanners that read history (nightly mode)")
		f.StringVar(&o.sinceCommit, "since-commit", "", "with --history, only commits after `REF`")
		f.BoolVar(&o.resume, "resume", false, "with --history, start after the HEAD of the last passing --resume run (state in the cache directory)")
		f.BoolVar(&o.allowShallow, "allow-shallow", false, "with --history, read a shallow clone's truncated history (the report says so)")
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
  bulwark scan --staged                        # pre-commit hook
  bulwark scan --history --resume --out nightly # nightly: only commits since the last passing run`,
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

func runScan(ctx context.Context, env *Env, o *scanOptions, target string) error {
	format, err := reports.FormatByName(o.format)
	if err != nil {
		return usageErr("%v", err)
	}
	if o.out != "" {
		if err := checkOutDir(o.out); err != nil {
			return err
		}
	}
	rep, err := scan(ctx, env, o, target)
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := writeReports(o.out, rep); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	if err := format.Write(env.Stdout, rep, reports.Options{OutDir: o.out}); err != nil {
		return &exitError{code: ExitError, err: err}
	}
	if code := engine.ExitCode(rep); code != ExitPass {
		return silentExit(code)
	}
	return nil
}

// request turns the flags into an engine request.
func request(env *Env, o *scanOptions, target string) (engine.Request, error) {
	cache, err := cacheDir(env)
	if err != nil {
		return engine.Request{}, err
	}
	run, err := o.scannerFlags.Run(env.Getenv, cache)
	if err != nil {
		return engine.Request{}, usageErr("%v", err)
	}
	if o.staged && o.history {
		return engine.Request{}, usageErr("--staged and --history are different modes: choose one")
	}
	if o.timeout < 0 {
		return engine.Request{}, usageErr("--timeout %s: must be 0 (the config's) or positive", o.timeout)
	}
	if o.jobs < -1 {
		return engine.Request{}, usageErr("--jobs %d: must be 0 (one per CPU) or more", o.jobs)
	}
	if o.maxIgnoreDays < 0 {
		return engine.Request{}, usageErr("--max-ignore-days %d: must be positive", o.maxIgnoreDays)
	}
	mode := scanners.ModeTree
	switch {
	case o.staged:
		mode = scanners.ModeStaged
	case o.history:
		mode = scanners.ModeHistory
	}
	entries := registry.All()
	if env.Entries != nil {
		entries = env.Entries()
	}
	return engine.Request{
		Target: target, ConfigFile: o.config, Only: o.only, Skip: o.skip, Timeout: o.timeout, Jobs: o.jobs,
		Baseline: o.baseline, Mode: mode, SinceCommit: o.sinceCommit, Resume: o.resume,
		AllowShallow: o.allowShallow, AllowEmpty: o.allowEmpty, MaxIgnoreDays: o.maxIgnoreDays,
		Run:      run,
		CacheDir: cache, Getenv: env.Getenv, Now: env.Now, Entries: entries, Version: version(),
	}, nil
}

// scan runs the engine with progress on stderr.
func scan(ctx context.Context, env *Env, o *scanOptions, target string) (*reports.Report, error) {
	req, err := request(env, o, target)
	if err != nil {
		return nil, err
	}
	prog := newProgress(env, o.quiet)
	req.Hooks = prog.hooks()
	res, err := engine.Scan(ctx, req)
	prog.stop()
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	prog.summary(res.Report)
	return res.Report, nil
}
