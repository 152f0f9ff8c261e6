package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests build the real binary once and run it on fixture repositories,
// checking what a user sees: exit codes, files written, stdout purity.

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "bulwark-e2e-")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "bulwark")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	// The secrets scanner's trufflehog helper, next to the binary where
	// bulwark looks for it; built the way `make build` builds it.
	helper := exec.Command("go", "build", "-o", filepath.Join(dir, "bulwark-secrets"), "../bulwark-secrets")
	if _, gpp := exec.LookPath("g++"); gpp == nil && exec.Command("pkg-config", "--exists", "re2").Run() == nil {
		helper.Args = append(helper.Args[:2], append([]string{"-tags", "re2_cgo"}, helper.Args[2:]...)...)
		helper.Env = append(os.Environ(), "CGO_ENABLED=1")
	}
	if out, err := helper.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runBin(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=", "BULWARK_CACHE_DIR="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

func TestDemoEndToEnd(t *testing.T) {
	demo, _ := filepath.Abs("../../testdata/demo")
	out := t.TempDir()
	db, _ := filepath.Abs("../../testdata/osv-demo")
	code, stdout, stderr := runBin(t, t.TempDir(), "scan", demo, "--out", out, "--format", "json", "--offline-db", db)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (gate failed)\n%s", code, stderr)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("stdout is not JSON (progress leaked?): %v", err)
	}
	if rep["verdict"] != "fail" {
		t.Errorf("verdict %v", rep["verdict"])
	}
	if !strings.Contains(stderr, "riskcheck ok") {
		t.Errorf("no progress line on stderr: %q", stderr)
	}
	for _, f := range []string{"bulwark.json", "bulwark.md", "bulwark.sarif"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
}

func TestCompliantFixturePasses(t *testing.T) {
	src, _ := filepath.Abs("../../testdata/fixtures/compliant")
	dst := t.TempDir()
	cp := exec.Command("cp", "-a", src+"/.", dst)
	if b, err := cp.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, b)
	}
	if err := os.Chmod(filepath.Join(dst, ".env"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runBin(t, dst, "riskcheck", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "Gate: passed") || stderr != "" {
		t.Errorf("stdout %q stderr %q", stdout, stderr)
	}
}

func TestMalformedConfigExits2(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bulwark.yml"), []byte("version: 1\nscanners: {timeout: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runBin(t, dir, "scan")
	if code != 2 || !strings.Contains(stderr, "bulwark.yml:") {
		t.Errorf("exit %d stderr %q", code, stderr)
	}
}
