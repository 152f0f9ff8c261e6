package config

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

var testOpts = Options{
	Scanners: []string{"bulwark", "deps", "riskcheck", "secrets"},
	Sections: []string{"deps", "riskcheck", "secrets"},
	Now:      time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the whole first error line
	}{
		{"syntax", "gates:\n  - scanner: '*'\n    severity: [high\n", "bulwark.yml:2: did not find expected ',' or ']'"},
		{"unknown key", "version: 1\nscanners:\n  timeout: 2m\n  paralel: 3\n", `bulwark.yml:4: scanners: unknown key "paralel"`},
		{"unknown top-level key is shown in part", "version: 1\nroot:*:deadbeefdeadbeefdeadbeefdeadbeef: 1\n", `bulwark.yml:2: unknown key "root…" (39 characters, shown in part)`},
		{"bad severity", "gates:\n  - scanner: '*'\n    severity: hihg\n", `bulwark.yml:3: gates[0].severity: unknown severity "hihg" (want one of info, low, medium, high, critical)`},
		{"bad version", "version: 2\n", "bulwark.yml:1: version: unsupported version 2 (this Bulwark reads version 1)"},
		{"negative max", "gates:\n  - scanner: deps\n    severity: critical\n    max: -1\n", "bulwark.yml:4: gates[0].max: must be 0 or more"},
		{"gate scanner typo", "gates:\n  - scanner: secret\n    severity: high\n", `bulwark.yml:2: gates[0].scanner: "secret" matches no scanner, so this gate would count nothing (known: bulwark, deps, riskcheck, secrets)`},
		{"gate on a scanner that never runs", "gates:\n  - scanner: licences*\n    severity: high\n", `bulwark.yml:2: gates[0].scanner: "licences*" matches no scanner`},
		{"empty gate list", "gates: []\n", "bulwark.yml:1: gates: an empty gate list would pass every finding"},
		{"ignore scanner typo", "ignore:\n  - rule: risk.x\n    scanner: secret\n    reason: y\n    expires: 2027-01-01\n", `bulwark.yml:3: ignore[0].scanner: unknown scanner "secret" (known: bulwark, deps, riskcheck, secrets)`},
		{"skip typo", "scanners:\n  skip: [secret]\n", `bulwark.yml:2: scanners.skip[0]: unknown scanner "secret"`},
		{"ignore without reason", "ignore:\n  - rule: risk.max_leverage\n    expires: 2027-01-01\n", "bulwark.yml:2: ignore[0].reason: an ignore needs a reason"},
		{"ignore every rule", "ignore:\n  - rule: \"*\"\n    reason: approved\n    expires: 2027-01-01\n", `bulwark.yml:2: ignore[0].rule: "*" would match rules of every family`},
		{"ignore *.*", "ignore:\n  - rule: \"*.*\"\n    reason: approved\n    expires: 2027-01-01\n", `bulwark.yml:2: ignore[0].rule: "*.*" would match`},
		{"ignore *-*", "ignore:\n  - rule: \"*-*\"\n    reason: approved\n    expires: 2027-01-01\n", `bulwark.yml:2: ignore[0].rule: "*-*" would match`},
		{"ignore a lone path", "ignore:\n  - path: \"**\"\n    reason: approved\n    expires: 2027-01-01\n", "bulwark.yml:2: ignore[0]: an ignore must name a rule, a rule family (risk.*) or a fingerprint"},
		{"ignore forever", "ignore:\n  - rule: risk.*\n    reason: approved\n    expires: 9999-12-31\n", "bulwark.yml:4: ignore[0].expires: 9999-12-31 is more than 365 days ahead"},
		{"ignore without expiry", "ignore:\n  - rule: risk.*\n    reason: approved\n", "bulwark.yml:2: ignore[0].expires: an ignore needs an expiry"},
		{"ignore bad date", "ignore:\n  - rule: x\n    reason: y\n    expires: next week\n", `bulwark.yml:4: ignore[0].expires: "next week" is not a date (want YYYY-MM-DD)`},
		{"timeout type", "scanners:\n  timeout: soon\n", "bulwark.yml:2: cannot unmarshal !!str `soon` into time.Duration"},
		{"not a mapping", "- a\n- b\n", "bulwark.yml:1: the file must be a mapping"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("bulwark.yml", []byte(tc.in), testOpts)
			if err == nil {
				t.Fatal("accepted")
			}
			first := strings.SplitN(err.Error(), "\n", 2)[0]
			if !strings.HasPrefix(first, tc.want) {
				t.Errorf("error\n got: %s\nwant: %s", first, tc.want)
			}
		})
	}
}

func TestIgnoreExpiryCapIsTheRunnersNotTheFiles(t *testing.T) {
	in := []byte("ignore:\n  - rule: risk.*\n    reason: approved\n    expires: 2028-06-01\n")
	if _, err := Parse("bulwark.yml", in, testOpts); err == nil {
		t.Fatal("an expiry 550 days ahead was accepted under the default cap")
	}
	o := testOpts
	o.MaxIgnoreDays = 1000
	c, err := Parse("bulwark.yml", in, o)
	if err != nil {
		t.Fatal(err)
	}
	if ig := c.Ignore[0]; ig.Line != 2 || ig.ExpiresAt.Year() != 2028 {
		t.Errorf("ignore = %+v", ig)
	}
}

func TestParseMergesOverDefaults(t *testing.T) {
	c, err := Parse("bulwark.yml", []byte("scanners:\n  timeout: 90s\n  skip: [deps]\nriskcheck:\n  environment: staging\n"), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if c.Scanners.Timeout.Seconds() != 90 || len(c.Gates) != 1 || c.Scanners.SkipLine != 3 {
		t.Fatalf("defaults not kept: %+v", c)
	}
	if g := c.Gates[0]; g.Severity != finding.High || g.Scanner != "*" {
		t.Errorf("default gate = %+v", g)
	}
	sec := c.Section("riskcheck")
	var opt struct {
		Environment string `yaml:"environment"`
	}
	if !sec.IsSet("environment") || sec.IsSet("paths") || len(sec.Decode(&opt)) > 0 || opt.Environment != "staging" || sec.Line("environment") != 5 {
		t.Errorf("section = %+v", opt)
	}
	if errs := sec.Decode(&struct{}{}); len(errs) != 1 || !strings.Contains(errs[0].Error(), `bulwark.yml:5: riskcheck: unknown key "environment"`) {
		t.Errorf("strict section decode: %v", errs)
	}
	if c.Section("secrets").IsSet() {
		t.Error("an absent section is set")
	}
}

func TestLoadRejectsNonFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir, testOpts); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("directory: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.yml"), testOpts); err == nil || !strings.Contains(err.Error(), "missing.yml") {
		t.Errorf("missing: %v", err)
	}
	big := filepath.Join(dir, "big.yml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("#"), MaxSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big, testOpts); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("big: %v", err)
	}
	fifo := filepath.Join(dir, "bulwark.yml")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		done := make(chan error, 1)
		go func() { _, err := Load(fifo, testOpts); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "FIFO") {
				t.Errorf("fifo: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("a FIFO named bulwark.yml blocked Load")
		}
	}
}

func TestDefaultsAreValid(t *testing.T) {
	c := Default(testOpts)
	if c.Version != 1 || len(c.Gates) != 1 || c.Scanners.Timeout != 5*time.Minute {
		t.Errorf("defaults = %+v", c)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("version: 1\ngates:\n  - {scanner: '*', severity: high}\n"))
	f.Add([]byte("ignore:\n  - rule: risk.*\n    reason: x\n    expires: 2027-01-01\nriskcheck: {paths: [a]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.yml", data, testOpts)
		if err == nil && len(c.Gates) == 0 {
			t.Fatal("a config with no gate was accepted")
		}
		if err == nil {
			for _, ig := range c.Ignore {
				if ig.Rule == "" && ig.Fingerprint == "" {
					t.Fatal("an ignore naming no rule was accepted")
				}
			}
		}
	})
}
