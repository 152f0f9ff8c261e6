package riskcheck

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/riskcheck/limits"
)

// MaxFileSizeCap bounds riskcheck.max_file_size: a repository can raise the
// limit, but not to gigabytes (a 2 GiB sparse risk.yaml once took 11 GB).
const MaxFileSizeCap = 64 << 20

// Options are riskcheck's settings: the riskcheck section of bulwark.yml.
type Options struct {
	Paths                 []string         `yaml:"paths" doc:"more risk configurations, in .gitignore syntax (deploy/limits/*.yaml)"`
	Environment           string           `yaml:"environment" doc:"the deployment's environment; auto reads it from the env files, else assumes production" enum:"auto,production,staging,development"`
	KeystorePassphraseEnv string           `yaml:"keystore_passphrase_env" doc:"environment variable holding the keystore passphrase, to check that it decrypts the keystore"`
	MaxFileSize           int64            `yaml:"max_file_size" doc:"largest deployment file read, in bytes (at most 64 MiB)" min:"1" max:"67108864"`
	Limits                map[string]Limit `yaml:"limits" doc:"overrides of the documented risk limits; loosening one needs a reason and is reported in every scan"`

	// ConfigFile is the file the options came from, relative to the scanned
	// root, for the location of findings about the overrides.
	ConfigFile string `yaml:"-"`
}

// Limit overrides one documented risk limit. Tightening needs nothing; loosening
// needs a Reason and is reported in every scan.
type Limit struct {
	Value  any    `yaml:"value" doc:"the limit, in the unit of the documented limit (3x, $50,000, 15%)"`
	Reason string `yaml:"reason" doc:"why the limit is loosened (required when it is)"`

	// Parsed is Value in the limit's base unit; Looser is true when it is
	// weaker than the documented limit.
	Parsed float64 `yaml:"-"`
	Looser bool    `yaml:"-"`
	Line   int     `yaml:"-"`
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options {
	return Options{Environment: "auto", MaxFileSize: 10 << 20, Limits: map[string]Limit{}}
}

// Validate checks the options decoded from sec and parses the limit overrides.
func (o *Options) Validate(sec config.Section) config.Errors {
	var errs config.Errors
	switch strings.ToLower(strings.TrimSpace(o.Environment)) {
	case "":
		errs = append(errs, sec.Error("must name the environment (auto, production, staging, development)", "environment"))
	}
	if o.MaxFileSize <= 0 || o.MaxFileSize > MaxFileSizeCap {
		errs = append(errs, sec.Error(fmt.Sprintf("must be a positive number of bytes, at most %d", MaxFileSizeCap), "max_file_size"))
	}
	ids := make([]string, 0, len(o.Limits))
	for id := range o.Limits {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ov := o.Limits[id]
		ov.Line = sec.Line("limits", id)
		l, ok := limits.ByID(id)
		if !ok {
			errs = append(errs, sec.Error(fmt.Sprintf("unknown limit (known: %s)", strings.Join(limits.IDs(), ", ")), "limits", id))
			continue
		}
		if l.Op == limits.Exists {
			errs = append(errs, sec.Error("this limit is checked for presence only and has no value to override", "limits", id))
			continue
		}
		v, err := limits.Parse(l, ov.Value, limits.NoHint)
		if err != nil {
			errs = append(errs, sec.Error(err.Error(), "limits", id, "value"))
			continue
		}
		ov.Parsed = v
		ov.Looser = !l.Stricter(v, l.Default)
		if ov.Looser && strings.TrimSpace(ov.Reason) == "" {
			errs = append(errs, sec.Error(fmt.Sprintf("%s is looser than the documented %s; loosening a limit needs a reason",
				l.Format(v), l.Format(l.Default)), "limits", id, "reason"))
		}
		o.Limits[id] = ov
	}
	return errs
}

// Effective is the limit to enforce: the override when set, else the documented value.
func (o *Options) Effective(l *limits.Limit) (value float64, override *Limit) {
	if ov, ok := o.Limits[l.ID]; ok {
		return ov.Parsed, &ov
	}
	return l.Default, nil
}

// ExtendSchema lists the limits an override may name.
func (Options) ExtendSchema(s map[string]any) {
	var ids []string
	for _, l := range limits.Table {
		if l.Op != limits.Exists {
			ids = append(ids, l.ID)
		}
	}
	props, _ := s["properties"].(map[string]any)
	if lim, ok := props["limits"].(map[string]any); ok {
		lim["propertyNames"] = map[string]any{"enum": ids}
	}
}
