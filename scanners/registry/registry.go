// Package registry is the one place that knows each scanner's settings: it
// lists every scanner with its rule catalogue and its bulwark.yml section,
// and builds each from its section and the run's flags. Adding a scanner is
// its package and one entry here; only the CLI imports this package, so each
// adapter's heavy library is linked into the binary and nowhere else.
package registry

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/pflag"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/riskcheck"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/deps"
	"github.com/bulwark-sec/bulwark/scanners/sast"
	"github.com/bulwark-sec/bulwark/scanners/secrets"
)

// Run is what scanners take from the command line and the runner's
// environment rather than from bulwark.yml.
type Run struct {
	OSVDB  string // --offline-db / $BULWARK_OSV_DB / the cache
	Online bool   // --online: deps looks advisories up on osv.dev
	Verify bool   // --verify / $BULWARK_VERIFY: secrets are checked with their providers
	// ConfigFile is the config's path relative to the scanned root, for
	// findings about it ("" for the defaults).
	ConfigFile string
}

// Flags are the scanners' own command-line flags. Network switches
// (--online, --verify) come only from here or the runner's environment,
// never from a file in the scanned tree.
type Flags struct {
	OfflineDB      string
	Online, Verify bool
}

// Bind declares the flags on a command's flag set.
func (f *Flags) Bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.OfflineDB, "offline-db", "", "deps: OSV database `DIR` (DIR/<Ecosystem>/all.zip) (default $BULWARK_OSV_DB, else the cache)")
	fs.BoolVar(&f.Online, "online", false, "deps: look vulnerabilities up on osv.dev instead of the offline database (opens network connections)")
	fs.BoolVar(&f.Verify, "verify", false, "secrets: check each secret with its provider (opens network connections; also $BULWARK_VERIFY=1)")
}

// Run resolves the flags with the runner's environment: the OSV database
// is --offline-db, else $BULWARK_OSV_DB, else <cache>/osv.
func (f *Flags) Run(getenv func(string) string, cacheDir string) (Run, error) {
	db := f.OfflineDB
	if db != "" {
		if st, err := os.Stat(db); err != nil || !st.IsDir() {
			return Run{}, fmt.Errorf("--offline-db %s: not a directory", db)
		}
	}
	if db == "" {
		db = getenv("BULWARK_OSV_DB")
	}
	if db == "" {
		db = filepath.Join(cacheDir, "osv")
	}
	v := getenv("BULWARK_VERIFY")
	return Run{OSVDB: db, Online: f.Online, Verify: f.Verify || v == "1" || v == "true" || v == "yes"}, nil
}

// Entry is one scanner as the registry knows it.
type Entry struct {
	Name        string
	Description string
	// Rules is the scanner's catalogue.
	Rules []finding.Rule
	// Section is its bulwark.yml key ("" for none) and Options a value of its
	// options type with the defaults, for the schema and `bulwark config`.
	Section string
	Options any
	// Owns are the finding subject kinds it owns ("secret"): what another
	// scanner reports about one merges into its finding.
	Owns []string
	// Build decodes and validates the section and returns the scanner.
	Build func(sec config.Section, run Run) (scanners.Scanner, config.Errors)
}

// All returns every scanner, in report order.
func All() []Entry {
	return []Entry{
		{
			Name: "deps", Description: deps.Scanner{}.Description(), Rules: deps.Rules(),
			Section: "deps", Options: deps.DefaultOptions(),
			Build: func(sec config.Section, run Run) (scanners.Scanner, config.Errors) {
				o := deps.DefaultOptions()
				if errs := decode(sec, &o, o.Validate); len(errs) > 0 {
					return nil, errs
				}
				o.DB, o.Online = run.OSVDB, run.Online
				return deps.New(o), nil
			},
		},
		{
			Name: "riskcheck", Description: riskcheck.Scanner{}.Description(), Rules: riskcheck.Rules(),
			Section: "riskcheck", Options: riskcheck.DefaultOptions(),
			Build: func(sec config.Section, run Run) (scanners.Scanner, config.Errors) {
				o := riskcheck.DefaultOptions()
				if errs := decode(sec, &o, o.Validate); len(errs) > 0 {
					return nil, errs
				}
				o.ConfigFile = run.ConfigFile
				return riskcheck.New(o), nil
			},
		},
		{
			Name: "sast", Description: sast.Scanner{}.Description(), Rules: sast.Rules(),
			Section: "sast", Options: sast.DefaultOptions(),
			Build: func(sec config.Section, run Run) (scanners.Scanner, config.Errors) {
				o := sast.DefaultOptions()
				if errs := decode(sec, &o, o.Validate); len(errs) > 0 {
					return nil, errs
				}
				return sast.New(o), nil
			},
		},
		{
			Name: "secrets", Description: secrets.Scanner{}.Description(), Rules: secrets.Rules(),
			Section: "secrets", Options: secrets.DefaultOptions(), Owns: []string{"secret"},
			Build: func(sec config.Section, run Run) (scanners.Scanner, config.Errors) {
				o := secrets.DefaultOptions()
				if errs := decode(sec, &o, o.Validate); len(errs) > 0 {
					return nil, errs
				}
				o.Verify = o.Verify || run.Verify
				return secrets.New(o), nil
			},
		},
	}
}

// decode decodes a section over the defaults in opt and validates it.
func decode(sec config.Section, opt any, validate func(config.Section) config.Errors) config.Errors {
	if errs := sec.Decode(opt); len(errs) > 0 {
		return errs
	}
	return validate(sec)
}

// Own is the pseudo-scanner name of Bulwark's own findings (an expired
// ignore, an unreadable file): gates and ignores may name it.
const Own = "bulwark"

// Names lists every scanner name, sorted.
func Names(entries []Entry) []string {
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name)
	}
	sort.Strings(names)
	return names
}

// ConfigOptions are what config validation needs from the registry: the
// names gates and ignores may use and the sections scanners own.
func ConfigOptions(entries []Entry) config.Options {
	o := config.Options{Scanners: append(Names(entries), Own)}
	sort.Strings(o.Scanners)
	for _, e := range entries {
		if e.Section != "" {
			o.Sections = append(o.Sections, e.Section)
		}
	}
	return o
}

// Schema is the JSON Schema of bulwark.yml with every scanner's section.
func Schema(entries []Entry) []byte {
	var secs []config.SectionSchema
	for _, e := range entries {
		if e.Section != "" {
			secs = append(secs, config.SectionSchema{Name: e.Section, Description: "settings of the " + e.Name + " scanner: " + e.Description, Options: e.Options})
		}
	}
	return config.Schema(secs)
}

// Built is a scanner built for one run, with its entry.
type Built struct {
	Entry
	Scanner scanners.Scanner
}

// Build builds every entry from the config. Every section's problems are
// reported together, each with its file and line.
func Build(entries []Entry, cfg *config.Config, run Run) ([]Built, error) {
	var out []Built
	var errs config.Errors
	for _, e := range entries {
		s, es := e.Build(cfg.Section(e.Section), run)
		errs = append(errs, es...)
		if s != nil {
			out = append(out, Built{Entry: e, Scanner: s})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// Select splits the built scanners into those to run and those disabled by
// --only/--skip or the config's scanners.only/skip, with why. Unknown names
// are an error, so a typo never silently disables a scanner.
func Select(all []Built, only, skip []string, where string) (run []Built, disabled map[string]string, err error) {
	known := map[string]bool{}
	for _, b := range all {
		known[b.Name] = true
	}
	for _, n := range append(append([]string{}, only...), skip...) {
		if !known[n] {
			return nil, nil, fmt.Errorf("unknown scanner %q (available: %s)", n, strings.Join(sortedKeys(known), ", "))
		}
	}
	disabled = map[string]string{}
	for _, b := range all {
		switch {
		case len(only) > 0 && !contains(only, b.Name):
			disabled[b.Name] = "not in " + where + " only"
		case contains(skip, b.Name):
			disabled[b.Name] = "in " + where + " skip"
		default:
			run = append(run, b)
		}
	}
	if len(run) == 0 {
		return nil, nil, fmt.Errorf("%s only/skip leave no scanner to run", where)
	}
	return run, disabled, nil
}

// Catalogue finds the rule an emitted rule ID belongs to.
func Catalogue(entries []Entry, scanner, id string) (finding.Rule, bool) {
	for _, e := range entries {
		if e.Name == scanner {
			return finding.Catalogue{Scanner: e.Name, Rules: e.Rules}.Lookup(id)
		}
	}
	return finding.Rule{}, false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
