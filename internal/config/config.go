// Package config reads bulwark.yml in two stages: a strict YAML decode into raw
// structs (unknown keys are errors with a line number), then validation, which
// checks meaning and reports every problem with the key and line it concerns.
//
// The file has Bulwark's own keys (version, exclude, scanners, gates, ignore)
// and one section per scanner. This package owns the first; each scanner's
// adapter decodes and validates its own section (Section), so no knowledge of
// a scanner lives here.
package config

import (
	_ "embed"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

//go:embed defaults.yml
var defaultsYAML []byte

// Config is a validated bulwark.yml.
type Config struct {
	Version  int      `yaml:"version" json:"version" doc:"format version; always 1"`
	Exclude  []string `yaml:"exclude" json:"exclude" doc:"paths no scanner reads, in .gitignore syntax; each excluded path is counted in the report"`
	Scanners Scanners `yaml:"scanners" json:"scanners" doc:"which scanners run and how long each may take"`
	Gates    []Gate   `yaml:"gates" json:"gates" doc:"quality gates: the run fails when any gate has more findings than it allows"`
	Ignore   []Ignore `yaml:"ignore" json:"ignore" doc:"suppressions: each names a rule (or a family such as risk.*) or a fingerprint, with a reason and an expiry"`

	// File is where the config came from ("" for the embedded defaults);
	// InTree says it lies inside the scanned tree, where a pull request can
	// edit it (network switches are refused there).
	File   string `yaml:"-" json:"-"`
	InTree bool   `yaml:"-" json:"-"`

	sections map[string]*yaml.Node
	root     *yaml.Node
}

// Scanners selects scanners and bounds their run.
type Scanners struct {
	Only    []string      `yaml:"only" json:"only" doc:"run only these scanners"`
	Skip    []string      `yaml:"skip" json:"skip" doc:"do not run these scanners (each is reported as disabled)"`
	Timeout time.Duration `yaml:"timeout" json:"timeout" doc:"deadline of each scanner, such as 5m; a scanner over it fails the run"`
	Jobs    int           `yaml:"jobs" json:"jobs" doc:"scanners run at once; 0 = one per CPU"`

	// OnlyLine and SkipLine are where only and skip are set (0 when not).
	OnlyLine int `yaml:"-" json:"-"`
	SkipLine int `yaml:"-" json:"-"`
}

// Gate is one quality-gate rule: more than Max findings at or above Severity
// from Scanner ("*" or a glob for several) fails the run.
type Gate struct {
	Scanner string `yaml:"scanner" json:"scanner" doc:"a scanner name, bulwark for Bulwark's own findings, or a glob such as *"`
	Level   string `yaml:"severity" json:"severity" doc:"the lowest severity counted" enum:"info,low,medium,high,critical"`
	Max     int    `yaml:"max" json:"max" doc:"how many such findings are allowed"`

	// Severity is Level parsed; Line is where the gate is.
	Severity finding.Severity `yaml:"-" json:"-"`
	Line     int              `yaml:"-" json:"-"`
}

// Ignore suppresses findings that match every field it sets. It must name a
// rule (or a rule family) or a fingerprint, say why, and say until when.
type Ignore struct {
	Rule        string `yaml:"rule" json:"rule,omitempty" doc:"a rule ID, an advisory ID or alias, or a rule family such as risk.*"`
	Scanner     string `yaml:"scanner" json:"scanner,omitempty" doc:"limit the ignore to one scanner"`
	Path        string `yaml:"path" json:"path,omitempty" doc:"limit the ignore to paths matching this .gitignore-syntax pattern"`
	Fingerprint string `yaml:"fingerprint" json:"fingerprint,omitempty" doc:"one finding's fingerprint, from the JSON report"`
	Reason      string `yaml:"reason" json:"reason" doc:"why the finding is accepted"`
	Expires     string `yaml:"expires" json:"expires,omitempty" doc:"last day the ignore applies (YYYY-MM-DD), at most 365 days ahead" pattern:"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"`

	// ExpiresAt is Expires parsed; Line is where the entry is.
	ExpiresAt time.Time `yaml:"-" json:"-"`
	Line      int       `yaml:"-" json:"-"`
}
