// Package cli is the bulwark command: flags, sub-commands and exit codes. It
// takes its arguments, writers and environment as parameters, so every
// command is testable in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/bulwark-sec/bulwark/scanners/registry"
)

// Exit codes, decided only here.
const (
	ExitPass  = 0 // every gate passed
	ExitGate  = 1 // a gate failed
	ExitError = 2 // bad usage, an invalid config, or a scanner that failed or timed out
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = ""

// Env is everything the CLI takes from the process.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// StderrIsTerminal enables live progress.
	StderrIsTerminal bool
	Now              func() time.Time
	// Entries replaces the registry (tests register their own scanners here).
	Entries func() []registry.Entry
}

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// ExitCode implements the interface main uses.
func (e *exitError) ExitCode() int { return e.code }

func usageErr(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// silentExit ends with a code after the command has said all it needs to.
type silentExit int

func (s silentExit) Error() string { return fmt.Sprintf("exit %d", int(s)) }

// Main runs the CLI against the real process environment.
func Main(ctx context.Context, args []string) int {
	return Run(ctx, args, Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())), Now: time.Now,
	})
}

// Run executes one command line and returns the exit code.
func Run(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	root := newRoot(&env)
	root.SetArgs(args)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	err := root.ExecuteContext(ctx)
	var se silentExit
	var ee *exitError
	switch {
	case err == nil:
		return ExitPass
	case errors.As(err, &se):
		return int(se)
	case errors.As(err, &ee):
		fmt.Fprintln(env.Stderr, "bulwark: "+ee.Error())
		return ee.code
	default: // cobra's own usage errors: unknown flag, wrong arg count
		fmt.Fprintln(env.Stderr, "bulwark: "+err.Error())
		fmt.Fprintln(env.Stderr, "Run 'bulwark --help' for usage.")
		return ExitError
	}
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newRoot(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "bulwark",
		Short: "Bulwark guards a crypto-trading deployment: dependencies, code, secrets, licences, contracts and risk limits",
		Long: `Bulwark scans a trading repository and its deployment files, applies quality
gates and writes JSON, Markdown and SARIF reports.

Exit codes: 0 every gate passed; 1 a gate failed; 2 bad usage, an invalid
config, or a scanner that failed or timed out (Bulwark fails closed).`,
		Example: `  bulwark scan                          # scan the current directory, print a summary
  bulwark scan ./bot --out reports      # also write reports/bulwark.{json,md,sarif}
  bulwark scan --format json | jq .gate # machine-readable output on stdout
  bulwark riskcheck deploy/             # only the deployment checks
  bulwark baseline . -o .bulwark-baseline.json
  bulwark scan --baseline .bulwark-baseline.json   # report only new findings
  bulwark report --from reports/bulwark.json --format sarif`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newScanCmd(env), newRiskcheckCmd(env), newReportCmd(env), newBaselineCmd(env),
		newConfigCmd(env), newRulesCmd(env), newDBCmd(env), newVersionCmd(env))
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageErr("%v", err) })
	return root
}

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use: "version", Short: "Print Bulwark's version", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(env.Stdout, "bulwark %s\n", version())
			return nil
		},
	}
}
