// Package config reads bulwark.yml in two stages: a strict YAML decode into raw
// structs (unknown keys are errors with a line number), then Validate, which
// checks meaning and reports every problem with the key and line it concerns.
package config

import (
	_ "embed"
	"time"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

//go:embed defaults.yml
var defaultsYAML []byte

// Config is a validated bulwark.yml.
type Config struct {
	Version   int       `yaml:"version" json:"version"`
	Exclude   []string  `yaml:"exclude" json:"exclude"`
	Scanners  Scanners  `yaml:"scanners" json:"scanners"`
	Gates     []Gate    `yaml:"gates" json:"gates"`
	Ignore    []Ignore  `yaml:"ignore" json:"ignore"`
	Riskcheck Riskcheck `yaml:"riskcheck" json:"riskcheck"`
	Deps      Deps      `yaml:"deps" json:"deps"`
	Secrets   Secrets   `yaml:"secrets" json:"secrets"`

	// File is where the config came from ("" for the embedded defaults).
	File string `yaml:"-" json:"-"`
}

// Scanners selects scanners and bounds their run.
type Scanners struct {
	Only    []string      `yaml:"only" json:"only"`
	Skip    []string      `yaml:"skip" json:"skip"`
	Timeout time.Duration `yaml:"timeout" json:"timeout"`
	Jobs    int           `yaml:"jobs" json:"jobs"`
}

// Gate is one quality-gate rule: more than Max findings at or above Severity
// from Scanner ("*" for all) fails the run.
type Gate struct {
	Scanner string `yaml:"scanner" json:"scanner"`
	Level   string `yaml:"severity" json:"severity"`
	Max     int    `yaml:"max" json:"max"`

	// Severity is Level parsed.
	Severity finding.Severity `yaml:"-" json:"-"`
}

// Ignore suppresses findings that match every field it sets. It must say why,
// and may say until when.
type Ignore struct {
	Rule        string `yaml:"rule" json:"rule,omitempty"`
	Scanner     string `yaml:"scanner" json:"scanner,omitempty"`
	Path        string `yaml:"path" json:"path,omitempty"`
	Fingerprint string `yaml:"fingerprint" json:"fingerprint,omitempty"`
	Reason      string `yaml:"reason" json:"reason"`
	Expires     string `yaml:"expires" json:"expires,omitempty"`

	// ExpiresAt is Expires parsed (zero when unset); Line is where the entry is.
	ExpiresAt time.Time `yaml:"-" json:"-"`
	Line      int       `yaml:"-" json:"-"`
}

// Riskcheck configures the deployment checks.
type Riskcheck struct {
	Paths                 []string         `yaml:"paths" json:"paths"`
	Environment           string           `yaml:"environment" json:"environment"`
	KeystorePassphraseEnv string           `yaml:"keystore_passphrase_env" json:"keystore_passphrase_env"`
	MaxFileSize           int64            `yaml:"max_file_size" json:"max_file_size"`
	Limits                map[string]Limit `yaml:"limits" json:"limits"`
}

// Limit overrides one documented risk limit. Tightening needs nothing; loosening
// needs a Reason and is reported in every scan.
type Limit struct {
	Value  any    `yaml:"value" json:"value"`
	Reason string `yaml:"reason" json:"reason,omitempty"`

	// Parsed is Value in the limit's base unit; Looser is true when it is
	// weaker than the documented limit.
	Parsed float64 `yaml:"-" json:"-"`
	Looser bool    `yaml:"-" json:"-"`
	Line   int     `yaml:"-" json:"-"`
}

// Deps configures the dependency scanner.
type Deps struct {
	// DefaultSeverity applies to advisories with neither a CVSS vector nor a
	// database severity (most PyPI records).
	DefaultSeverity string `yaml:"default_severity" json:"default_severity"`
	// UnpinnedSeverity is the severity of a requirement that is not pinned.
	UnpinnedSeverity string `yaml:"unpinned_severity" json:"unpinned_severity"`

	Default  finding.Severity `yaml:"-" json:"-"`
	Unpinned finding.Severity `yaml:"-" json:"-"`
}

// Secrets configures the secrets scanner.
type Secrets struct {
	// FailOn is "any" (every secret counts for the gates) or "verified" (a
	// secret trufflehog can verify counts only when verification says it is
	// live; secrets no provider can verify, such as private keys and
	// mnemonics, always count). "verified" needs verification on: without
	// it, Bulwark falls back to "any" and says so.
	FailOn string `yaml:"fail_on" json:"fail_on"`
	// Verify lets trufflehog's detectors call their providers (network).
	Verify bool `yaml:"verify" json:"verify"`
	// MaxFileSize bounds one file or one commit's change to one file.
	MaxFileSize int64 `yaml:"max_file_size" json:"max_file_size"`
}
