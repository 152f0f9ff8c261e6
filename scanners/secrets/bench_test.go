package secrets

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/scanners"
)

// The benchmarks run the real helper, built once the way `make build` builds
// it (or $BULWARK_SECRETS_HELPER), on inputs any machine with Go has: the Go
// standard library's net tree, and a generated history.

var (
	helperOnce sync.Once
	helperPath string
	helperErr  error
)

func benchHelper(b *testing.B) string {
	helperOnce.Do(func() {
		if p := os.Getenv("BULWARK_SECRETS_HELPER"); p != "" {
			helperPath = p
			return
		}
		dir, err := os.MkdirTemp("", "bulwark-bench-")
		if err != nil {
			helperErr = err
			return
		}
		helperPath = filepath.Join(dir, HelperName)
		cmd := exec.Command("go", "build", "-o", helperPath, "../../cmd/bulwark-secrets")
		if _, gpp := exec.LookPath("g++"); gpp == nil && exec.Command("pkg-config", "--exists", "re2").Run() == nil {
			cmd.Args = []string{"go", "build", "-tags", "re2_cgo", "-o", helperPath, "../../cmd/bulwark-secrets"}
			cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			helperErr = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if helperErr != nil {
		b.Fatal(helperErr)
	}
	return helperPath
}

func benchTarget(b *testing.B, root string) *scanners.Target {
	inv, src, err := scanners.Open(context.Background(), root, scanners.OpenOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return &scanners.Target{Inventory: inv, Source: src, Counter: &scanners.Counter{},
		Getenv: func(string) string { return "" }, CacheDir: b.TempDir()}
}

// BenchmarkTree scans $GOROOT/src/net (about 600 files, 9 MB) as a working tree.
func BenchmarkTree(b *testing.B) {
	root := filepath.Join(runtime.GOROOT(), "src", "net") //nolint:staticcheck // the toolchain that runs the benchmark
	var size int64
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	t := benchTarget(b, root)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		t.Counter = &scanners.Counter{}
		if _, err := benchScanner(b).Scan(context.Background(), t); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHistory scans a generated repository of 1,000 commits, each
// changing one of 50 files by 20 lines, and reports commits per second.
func BenchmarkHistory(b *testing.B) {
	dir := b.TempDir()
	if err := exec.Command("git", "init", "-q", dir).Run(); err != nil {
		b.Skip("no git")
	}
	const commits = 1000
	var in bytes.Buffer
	for i := 1; i <= commits; i++ {
		var body strings.Builder
		for l := 0; l < 20; l++ {
			fmt.Fprintf(&body, "func handler%d_%d(w http.ResponseWriter, r *http.Request) { log.Printf(\"order %%d filled\", %d) }\n", i, l, i*l)
		}
		fmt.Fprintf(&in, "commit refs/heads/main\ncommitter Dev <dev@example.org> %d +0000\ndata 8\ncommit %d\n", 1700000000+i, i%10)
		fmt.Fprintf(&in, "M 100644 inline pkg/file%02d.go\ndata %d\n%s\n", i%50, body.Len(), body.String())
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	cmd.Stdin = &in
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("fast-import: %v\n%s", err, out)
	}
	if out, err := exec.Command("git", "-C", dir, "symbolic-ref", "HEAD", "refs/heads/main").CombinedOutput(); err != nil {
		b.Fatalf("%v %s", err, out)
	}
	inv, src, err := scanners.Open(context.Background(), dir, scanners.OpenOptions{Mode: scanners.ModeHistory})
	if err != nil {
		b.Fatal(err)
	}
	t := &scanners.Target{Inventory: inv, Source: src, Getenv: func(string) string { return "" }, CacheDir: b.TempDir()}
	b.ResetTimer()
	var elapsed time.Duration
	for b.Loop() {
		t.Counter = &scanners.Counter{}
		start := time.Now()
		if _, err := benchScanner(b).Scan(context.Background(), t); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		if n := t.Counter.Snapshot()["commits"]; n != commits {
			b.Fatalf("read %d commits, want %d", n, commits)
		}
	}
	b.ReportMetric(float64(commits*b.N)/elapsed.Seconds(), "commits/s")
}

func benchScanner(b *testing.B) Scanner {
	o := DefaultOptions()
	o.Helper = benchHelper(b)
	return New(o)
}
