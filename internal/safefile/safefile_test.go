package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestOnlyRegularFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "risk.yaml")
	if err := os.WriteFile(reg, []byte("max_leverage: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "bulwark.yml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(reg, link); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want error
	}{
		{reg, nil},
		{fifo, ErrNotRegular},
		{link, ErrNotRegular},
		{dir, ErrNotRegular},
		{big, ErrTooLarge},
	}
	for _, tc := range tests {
		done := make(chan error, 1)
		go func() { _, err := Read(tc.path, 50); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, tc.want) && !(tc.want == nil && err == nil) {
				t.Errorf("%s: err %v, want %v", filepath.Base(tc.path), err, tc.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Read blocked", filepath.Base(tc.path))
		}
	}
}
