package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/safefile"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners/registry"
)

func (env *Env) entries() []registry.Entry {
	if env.Entries != nil {
		return env.Entries()
	}
	return registry.All()
}

func newReportCmd(env *Env) *cobra.Command {
	var from, format string
	cmd := &cobra.Command{
		Use:   "report --from bulwark.json --format markdown|sarif|json|text",
		Short: "Render a saved JSON report again in another format",
		Example: `  bulwark report --from reports/bulwark.json --format markdown >> "$GITHUB_STEP_SUMMARY"
  bulwark report --from reports/bulwark.json --format sarif > bulwark.sarif`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" {
				return usageErr("report needs --from FILE")
			}
			f, err := reports.FormatByName(format)
			if err != nil {
				return usageErr("%v", err)
			}
			in, _, err := safefile.Open(from)
			if err != nil {
				return usageErr("--from %s: %v", from, unwrapPath(err))
			}
			defer func() { _ = in.Close() }()
			r, err := reports.ReadJSON(in)
			if err != nil {
				return usageErr("%s: %v", from, err)
			}
			return f.Write(env.Stdout, r, reports.Options{})
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the saved bulwark.json `FILE`")
	cmd.Flags().StringVar(&format, "format", "markdown", "markdown, sarif, json or text")
	return cmd
}

func newBaselineCmd(env *Env) *cobra.Command {
	o := &scanOptions{}
	var outFile string
	cmd := &cobra.Command{
		Use:   "baseline [PATH] -o FILE",
		Short: "Record the current findings as a baseline, so later scans report only new ones",
		Example: `  bulwark baseline . -o .bulwark-baseline.json
  bulwark scan --baseline .bulwark-baseline.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if outFile == "" {
				return usageErr("baseline needs -o FILE")
			}
			o.quiet = true
			rep, err := scan(cmd.Context(), env, o, pathArg(args))
			if err != nil {
				return err
			}
			if rep.Verdict == reports.VerdictError {
				return usageErr("a scanner failed or nothing was read; not writing a baseline that would miss its findings (run scan for details)")
			}
			type entry struct {
				Fingerprint string `json:"fingerprint"`
				Scanner     string `json:"scanner"`
				RuleID      string `json:"rule_id"`
				Path        string `json:"path"`
				Title       string `json:"title"`
			}
			b := struct {
				SchemaVersion int     `json:"schema_version"`
				Tool          any     `json:"tool"`
				Findings      []entry `json:"findings"`
			}{SchemaVersion: 1, Tool: rep.Tool, Findings: []entry{}}
			for _, f := range rep.Findings {
				b.Findings = append(b.Findings, entry{f.Fingerprint, f.Scanner, f.RuleID, f.Path, f.Title})
			}
			data, err := json.MarshalIndent(b, "", "  ")
			if err != nil {
				return err
			}
			if dir := filepath.Dir(outFile); dir != "." {
				if err := os.MkdirAll(dir, 0o755); err != nil { //nolint:gosec // the baseline is committed and read by others
					return usageErr("-o %s: %v", outFile, err)
				}
			}
			if err := safefile.WriteAtomic(outFile, append(data, '\n'), 0o644); err != nil {
				return usageErr("%v", err)
			}
			fmt.Fprintf(env.Stderr, "bulwark: recorded %d finding(s) in %s\n", len(b.Findings), outFile)
			return nil
		},
	}
	cmd.Flags().StringVarP(&outFile, "output", "o", "", "baseline `FILE` to write")
	cmd.Flags().StringVar(&o.config, "config", "", "config `FILE` (default PATH/bulwark.yml when present)")
	cmd.Flags().StringSliceVar(&o.only, "only", nil, "record only these scanners")
	cmd.Flags().StringSliceVar(&o.skip, "skip", nil, "do not run these scanners")
	cmd.Flags().DurationVar(&o.timeout, "timeout", 0, "deadline of each scanner (default from config: 5m)")
	cmd.Flags().BoolVar(&o.allowEmpty, "allow-empty", false, "record a baseline even when no scanner read anything")
	o.scannerFlags.Bind(cmd.Flags())
	o.jobs = -1
	return cmd
}

func newConfigCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Validate bulwark.yml or print its JSON Schema"}
	cmd.AddCommand(&cobra.Command{
		Use:     "validate [FILE]",
		Short:   "Check a config file (default ./bulwark.yml) and explain every problem",
		Example: "  bulwark config validate ci/bulwark.yml",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := "bulwark.yml"
			if len(args) == 1 {
				file = args[0]
			}
			entries := env.entries()
			opt := registry.ConfigOptions(entries)
			opt.Now = env.Now()
			cfg, err := config.Load(file, opt)
			if err == nil {
				_, err = registry.Build(entries, cfg, registry.Run{})
			}
			if err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("invalid config:\n%w", err)}
			}
			fmt.Fprintf(env.Stdout, "%s: valid\n", file)
			return nil
		},
	}, &cobra.Command{
		Use:     "schema",
		Short:   "Print the JSON Schema of bulwark.yml",
		Example: "  bulwark config schema > bulwark.schema.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := env.Stdout.Write(registry.Schema(env.entries()))
			return err
		},
	})
	return cmd
}
