package riskcheck

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners"
)

func scanDir(t *testing.T, root string) []finding.Finding {
	t.Helper()
	pass := "x" // a passphrase is set, so a decrypt would be attempted if allowed
	inv := walk(t, root)
	o := DefaultOptions()
	o.KeystorePassphraseEnv = "KS_PASS"
	res, err := New(o).Scan(context.Background(), &scanners.Target{Inventory: inv, Counter: &scanners.Counter{},
		Getenv: func(k string) string {
			if k == "KS_PASS" {
				return pass
			}
			return ""
		}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// TestMalformedInputsAreNamedAndContained plants every kind of bad input in
// one tree: each gives a finding naming its file, and the good risk file next
// to them is still checked.
func TestMalformedInputsAreNamedAndContained(t *testing.T) {
	root := t.TempDir()
	write := func(rel string, data []byte) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("config/risk.yaml", []byte("max_leverage: 10x\n"))
	write("config/risk-truncated.yaml", []byte("limits:\n  max_drawdown: [0.1,\n  max_leverage"))
	write("config/risk-junk.json", []byte("\x00\x01\x02\xff\xfe binary \x7f"))
	big := make([]byte, 50<<20)
	copy(big, "max_leverage: 1\n")
	write("config/risk-huge.yaml", big)
	outside := filepath.Join(t.TempDir(), "risk.yaml")
	if err := os.WriteFile(outside, []byte("max_leverage: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "config", "risk-link.yaml")); err != nil {
		t.Fatal(err)
	}
	hostile, err := os.ReadFile("keystore/testdata/hostile-n.json") // scrypt N = 2^40
	if err != nil {
		t.Fatal(err)
	}
	write("keystore/UTC--hostile", hostile)
	got := map[string]string{}
	for _, f := range scanDir(t, root) {
		if _, ok := got[f.Path]; !ok {
			got[f.Path] = f.RuleID
		}
		if f.Path == "" {
			t.Errorf("finding without a file: %+v", f)
		}
	}
	want := map[string]string{
		"config/risk.yaml":           "risk.max_leverage",
		"config/risk-truncated.yaml": "risk.parse_error",
		"config/risk-junk.json":      "risk.parse_error",
		"config/risk-huge.yaml":      "riskcheck.file_too_large",
		"config/risk-link.yaml":      "riskcheck.symlink_outside",
		"keystore/UTC--hostile":      "keystore.hostile_kdf",
	}
	for path, rule := range want {
		if got[path] != rule {
			t.Errorf("%s: first finding %q, want %q", path, got[path], rule)
		}
	}
}

func TestNothingToCheckIsSkipped(t *testing.T) {
	root := t.TempDir()
	// a Python project with no deployment files and no limits is not a deployment
	for name, body := range map[string]string{"main.go": "package main\n", "app.py": "TIMEOUT = 30\nprint('hi')\n", "config.yaml": "name: app\n"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := New(DefaultOptions()).Scan(context.Background(), &scanners.Target{Inventory: walk(t, root), Counter: &scanners.Counter{}})
	if reason, ok := scanners.IsSkip(err); !ok || !strings.Contains(reason, "no risk configuration") {
		t.Errorf("err = %v", err)
	}
}

func TestDeploymentWithoutRiskConfig(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, ".env"), []byte("ENVIRONMENT=staging\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got := scanDir(t, root)
	if len(got) != 1 || got[0].RuleID != "risk.config_missing" {
		t.Errorf("findings = %+v", got)
	}
}
