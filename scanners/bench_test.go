package scanners

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkWalk measures the one inventory walk on a 2,000-file tree with
// nested .gitignore files — the floor under every scan, and under the
// pre-commit budget.
func BenchmarkWalk(b *testing.B) {
	root := b.TempDir()
	for d := 0; d < 40; d++ {
		dir := filepath.Join(root, fmt.Sprintf("pkg%02d", d))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		_ = os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*.tmp\nbuild/\n"), 0o644)
		for f := 0; f < 50; f++ {
			_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.py", f)), []byte("x = 1\n"), 0o644)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		inv, _, err := Open(context.Background(), root, OpenOptions{})
		if err != nil || len(inv.Files) != 2040 {
			b.Fatalf("%v %d", err, len(inv.Files))
		}
	}
}
