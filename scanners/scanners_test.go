package scanners

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

func write(t *testing.T, root string, files map[string]string) { testutil.WriteFiles(t, root, files) }

func open(t *testing.T, root string, opt OpenOptions) *Inventory {
	t.Helper()
	inv, _, err := Open(context.Background(), root, opt)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func paths(inv *Inventory) string {
	var ps []string
	for _, f := range inv.Files {
		ps = append(ps, f.Path)
	}
	return strings.Join(ps, " ")
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
	})
	if err := os.Symlink("/etc/hostname", filepath.Join(root, "escape.yaml")); err != nil {
		t.Fatal(err)
	}
	inv := open(t, root, OpenOptions{Excludes: []string{"vendor/"}})
	want := ".gitignore app/.gitignore app/main.py app/requirements-dev.txt contracts/Vault.sol escape.yaml keep.log package-lock.json"
	if got := paths(inv); got != want {
		t.Errorf("files\n got %s\nwant %s", got, want)
	}
	if inv.Ignored != 3 || inv.Excluded != 1 { // app/local.py, build/, debug.log; vendor/
		t.Errorf("ignored = %d, excluded = %d", inv.Ignored, inv.Excluded)
	}
	if strings.Join(inv.Manifests, " ") != "app/requirements-dev.txt package-lock.json" {
		t.Errorf("manifests = %v", inv.Manifests)
	}
	if inv.Languages["python"] != 1 || inv.Languages["solidity"] != 1 {
		t.Errorf("languages = %v", inv.Languages)
	}
	if len(inv.Problems) != 1 || inv.Problems[0].Kind != "symlink_outside" || inv.Problems[0].Path != "escape.yaml" {
		t.Errorf("problems = %+v", inv.Problems)
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

// git never ignores a tracked file, and neither does Bulwark: a pull request
// that adds creds.py to .gitignore does not hide it. exclude: is the
// explicit, counted way to leave a file out.
func TestTrackedFilesAreNeverIgnored(t *testing.T) {
	root := t.TempDir()
	testutil.Git(t, root, "init", "-q")
	write(t, root, map[string]string{"creds.py": "KEY = 1\n", "secrets/db.env": "A=1\n", "notes.tmp": "x"})
	testutil.Git(t, root, "add", ".")
	testutil.Git(t, root, "commit", "-qm", "x")
	write(t, root, map[string]string{".gitignore": "creds.py\nsecrets/\n*.tmp\nlocal/\n", "local/x.env": "B=2\n"})
	inv := open(t, root, OpenOptions{})
	if got := paths(inv); got != ".gitignore creds.py notes.tmp secrets/db.env" {
		t.Errorf("files = %s", got)
	}
	if inv.Ignored != 1 { // local/, untracked
		t.Errorf("ignored = %d", inv.Ignored)
	}
	if f, _ := inv.Lookup("creds.py"); !f.Tracked {
		t.Error("creds.py is not marked tracked")
	}
	inv = open(t, root, OpenOptions{Excludes: []string{"creds.py"}})
	if strings.Contains(paths(inv), "creds.py") || inv.Excluded != 1 {
		t.Errorf("exclude did not apply to a tracked file: %s (%d excluded)", paths(inv), inv.Excluded)
	}
}

// Whatever the walk cannot take in is reported, never dropped: a FIFO, a
// directory symlink out of the tree, an unreadable directory.
func TestWalkReportsWhatItCannotRead(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write(t, root, map[string]string{"ok.yaml": "a: 1\n", "locked/risk.yaml": "max_leverage: 9\n"})
	write(t, outside, map[string]string{"risk.yaml": "max_leverage: 9\n"})
	if err := os.Symlink(outside, filepath.Join(root, "deploy")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("ok.yaml", filepath.Join(root, "inside.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "risk.yaml"), 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	if os.Geteuid() != 0 {
		if err := os.Chmod(filepath.Join(root, "locked"), 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(filepath.Join(root, "locked"), 0o755)
	}
	inv := open(t, root, OpenOptions{})
	var got []string
	for _, p := range inv.Problems {
		got = append(got, p.Kind+" "+p.Path)
	}
	want := "symlink_outside deploy not_regular risk.yaml"
	if os.Geteuid() != 0 {
		want = "symlink_outside deploy unreadable locked not_regular risk.yaml"
	}
	if strings.Join(got, ", ") != strings.ReplaceAll(want, " not_", ", not_") && strings.Join(got, ", ") != strings.ReplaceAll(strings.ReplaceAll(want, " unreadable", ", unreadable"), " not_", ", not_") {
		t.Errorf("problems = %v, want %s", got, want)
	}
	if b, err := inv.ReadFile("inside.yaml", 100); err != nil || string(b) != "a: 1\n" {
		t.Errorf("in-tree symlink not followed: %q %v", b, err)
	}
	if _, err := inv.ReadFile("risk.yaml", 100); err == nil {
		t.Error("a FIFO was read")
	}
}

// In staged mode the inventory is the index: a scanner reads what will be
// committed, not the working copy.
func TestStagedInventoryIsTheIndex(t *testing.T) {
	root := t.TempDir()
	testutil.Git(t, root, "init", "-q")
	write(t, root, map[string]string{"config/risk.yaml": "max_leverage: 2\n", "old.txt": "x"})
	testutil.Git(t, root, "add", ".")
	testutil.Git(t, root, "commit", "-qm", "x")
	write(t, root, map[string]string{"config/risk.yaml": "max_leverage: 5\n"})
	testutil.Git(t, root, "add", "config/risk.yaml")
	testutil.Git(t, root, "rm", "-q", "old.txt")
	write(t, root, map[string]string{"config/risk.yaml": "max_leverage: 2\n", "unstaged.py": "x = 1\n"})
	inv, src, err := Open(context.Background(), root, OpenOptions{Mode: ModeStaged})
	if err != nil {
		t.Fatal(err)
	}
	if paths(inv) != "config/risk.yaml" || src.Deleted != 1 {
		t.Fatalf("staged inventory = %s (deleted %d)", paths(inv), src.Deleted)
	}
	if b, err := inv.ReadFile("config/risk.yaml", 100); err != nil || string(b) != "max_leverage: 5\n" {
		t.Errorf("read the working copy, not the index: %q %v", b, err)
	}
	if lines := src.Lines(context.Background(), finding.Location{Path: "config/risk.yaml"}); len(lines) < 1 || lines[0] != "max_leverage: 5" {
		t.Errorf("lines = %q", lines)
	}
}

func TestHistoryRefusesAShallowClone(t *testing.T) {
	origin := t.TempDir()
	testutil.Git(t, origin, "init", "-q")
	for i := 0; i < 3; i++ {
		write(t, origin, map[string]string{"f.txt": strings.Repeat("x", i+1)})
		testutil.Git(t, origin, "add", ".")
		testutil.Git(t, origin, "commit", "-qm", "c")
	}
	clone := filepath.Join(t.TempDir(), "clone")
	testutil.Git(t, origin, "clone", "-q", "--depth", "1", "file://"+origin, clone)
	if _, _, err := Open(context.Background(), clone, OpenOptions{Mode: ModeHistory}); err == nil || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("shallow clone: %v", err)
	}
	if _, _, err := Open(context.Background(), clone, OpenOptions{Mode: ModeHistory, AllowShallow: true}); err != nil {
		t.Errorf("--allow-shallow: %v", err)
	}
}

func TestWalkRejectsNonDirectory(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	write(t, filepath.Dir(f), map[string]string{"file": "x"})
	if _, _, err := Open(context.Background(), f, OpenOptions{}); err == nil || !strings.Contains(err.Error(), "not a directory") {
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
	out := Run(context.Background(), list, func(c *Counter) *Target {
		return &Target{Inventory: &Inventory{}, Counter: c}
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
