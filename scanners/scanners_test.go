package scanners

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
)

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWalk(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		".gitignore":               "*.log\nbuild/\n!keep.log\n",
		"app/.gitignore":           "local.py\n",
		"app/main.py":              "print(1)\n",
		"app/local.py":             "secret\n",
		"app/requirements-dev.txt": "pytest==8.0\n",
		"build/out.bin":            "x",
		"debug.log":                "x",
		"keep.log":                 "x",
		"vendor/lib.go":            "package lib\n",
		"contracts/Vault.sol":      "contract V {}\n",
		"package-lock.json":        "{}",
		".git/HEAD":                "ref: refs/heads/main\n",
		".git/refs/heads/main":     "0123456789abcdef0123456789abcdef01234567\n",
		".git/config":              "[core]\n",
	})
	if err := os.Symlink("/etc/hostname", filepath.Join(root, "escape.yaml")); err != nil {
		t.Fatal(err)
	}
	inv, err := Walk(context.Background(), root, []string{"vendor/"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range inv.Files {
		paths = append(paths, f.Path)
	}
	want := ".gitignore app/.gitignore app/main.py app/requirements-dev.txt contracts/Vault.sol escape.yaml keep.log package-lock.json"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("files\n got %s\nwant %s", got, want)
	}
	if inv.Ignored != 4 { // app/local.py, build/, debug.log, vendor/
		t.Errorf("ignored = %d", inv.Ignored)
	}
	if inv.Commit != "0123456789abcdef0123456789abcdef01234567" {
		t.Errorf("commit = %q", inv.Commit)
	}
	if strings.Join(inv.Manifests, " ") != "app/requirements-dev.txt package-lock.json" {
		t.Errorf("manifests = %v", inv.Manifests)
	}
	if inv.Languages["python"] != 1 || inv.Languages["solidity"] != 1 {
		t.Errorf("languages = %v", inv.Languages)
	}
	if _, err := inv.ReadFile("escape.yaml", 1<<20); !errors.Is(err, ErrOutsideRoot) {
		t.Errorf("symlink out of the tree read: %v", err)
	}
	if _, err := inv.ReadFile("app/main.py", 3); !errors.Is(err, ErrTooLarge) {
		t.Errorf("size limit not applied: %v", err)
	}
	if b, err := inv.ReadFile("app/main.py", 100); err != nil || string(b) != "print(1)\n" {
		t.Errorf("read = %q, %v", b, err)
	}
	if _, err := inv.ReadFile("app/local.py", 100); !errors.Is(err, ErrNotInventory) {
		t.Errorf("ignored file read: %v", err)
	}
}

func TestWalkRejectsNonDirectory(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	write(t, filepath.Dir(f), map[string]string{"file": "x"})
	if _, err := Walk(context.Background(), f, nil); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("err = %v", err)
	}
}

// fake is a scanner whose behaviour each test chooses.
type fake struct {
	name string
	scan func(ctx context.Context, t *Target) (*Result, error)
}

func (f fake) Name() string        { return f.name }
func (f fake) Description() string { return "test scanner" }
func (f fake) Scan(ctx context.Context, t *Target) (*Result, error) {
	return f.scan(ctx, t)
}

func TestRunContainsFailures(t *testing.T) {
	one := func(rule string) []finding.Finding {
		return []finding.Finding{{RuleID: rule, Severity: finding.High, Title: rule, Location: finding.Location{Path: "a"}}}
	}
	list := []Scanner{
		fake{"good", func(_ context.Context, t *Target) (*Result, error) {
			t.Counter.Add("files", 2)
			return &Result{Findings: one("g.1")}, nil
		}},
		fake{"panics", func(context.Context, *Target) (*Result, error) { panic("boom") }},
		fake{"hangs", func(ctx context.Context, _ *Target) (*Result, error) {
			time.Sleep(time.Hour) // ignores its context, like a library without one
			return nil, nil
		}},
		fake{"empty", func(context.Context, *Target) (*Result, error) { return nil, Skip("no lockfiles found") }},
		fake{"partial", func(context.Context, *Target) (*Result, error) {
			return &Result{Findings: one("p.1"), Errors: []error{errors.New("bad.lock: unexpected EOF")}}, nil
		}},
	}
	var finished []string
	out := Run(context.Background(), list, &Inventory{}, func(c *Counter) *Target {
		return &Target{Config: config.Default(), Counter: c}
	}, Options{Jobs: 5, Timeout: 200 * time.Millisecond, Hooks: Hooks{Finish: func(o Outcome) { finished = append(finished, o.Name) }}})
	want := map[string]Status{"good": StatusOK, "panics": StatusFailed, "hangs": StatusFailed, "empty": StatusSkipped, "partial": StatusFailed}
	for _, o := range out {
		if o.Status != want[o.Name] {
			t.Errorf("%s: status %s (%v)", o.Name, o.Status, o.Err)
		}
	}
	if len(out[0].Findings) != 1 || out[0].Findings[0].Scanner != "good" || out[0].Findings[0].Fingerprint == "" || out[0].Read["files"] != 2 {
		t.Errorf("good outcome = %+v", out[0])
	}
	if !strings.Contains(out[1].Err.Error(), "panic: boom") {
		t.Errorf("panic error = %v", out[1].Err)
	}
	if !strings.Contains(out[2].Err.Error(), "timed out after 200ms") {
		t.Errorf("timeout error = %v", out[2].Err)
	}
	if out[3].Reason != "no lockfiles found" {
		t.Errorf("skip reason = %q", out[3].Reason)
	}
	if len(out[4].Findings) != 1 || !strings.Contains(out[4].Err.Error(), "bad.lock") {
		t.Errorf("partial = %+v", out[4])
	}
	if len(finished) != len(list) {
		t.Errorf("finish hook ran %d times", len(finished))
	}
}

func TestCounter(t *testing.T) {
	var c *Counter
	c.Add("x", 1) // a nil counter is a no-op
	c = &Counter{}
	c.Add("bytes", 10)
	c.Add("files", 1)
	c.Add("bytes", 5)
	if got := c.Snapshot(); len(got) != 2 || got["bytes"] != 15 || got["files"] != 1 {
		t.Errorf("counts = %v", got)
	}
}
