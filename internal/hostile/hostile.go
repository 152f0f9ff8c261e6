// Package hostile builds, at test time, the repositories an attacker's pull
// request would send Bulwark (issue #10): FIFOs, newline and escape-sequence
// file names, paths deeper than PATH_MAX, symlinks out of the tree, git
// configs that name programs, a bulwark.yml that weakens the gate. Git
// cannot store FIFOs and such names portably, so none is committed.
package hostile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// Key is a planted EVM private key: a high finding wherever it is read.
const Key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

// Leak is a line that plants Key under a name that marks it a wallet key.
const Leak = "SIGNER_PRIVATE_KEY = \"0x" + Key + "\"\n"

// Write writes files under root (slash paths, mode 0644).
func Write(t testing.TB, root string, files map[string]string) { testutil.WriteFiles(t, root, files) }

// Git runs git in dir with a fixed identity and no user or system config.
func Git(t testing.TB, dir string, args ...string) string { return testutil.Git(t, dir, args...) }

// Repo makes a git repository of files, all committed.
func Repo(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	Git(t, dir, "init", "-q")
	Write(t, dir, files)
	Git(t, dir, "add", "-A")
	Git(t, dir, "commit", "-qm", "init")
	return dir
}

// FIFO makes a named pipe; it reports false where the system has none.
func FIFO(t testing.TB, path string) bool {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	return syscall.Mkfifo(path, 0o644) == nil
}

// Deep writes name under enough nested directories that the full path is
// longer than PATH_MAX (4096 on Linux), and returns its relative path.
func Deep(t testing.TB, root, name, body string) string {
	t.Helper()
	orig, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(orig) }()
	seg := strings.Repeat("d", 200)
	var parts []string
	dir := root
	for i := 0; i < 24; i++ { // 24 × 201 bytes > 4096
		parts = append(parts, seg)
		// mkdir one level at a time, relative to an open directory, so the
		// long path is never passed whole to the kernel
		if err := os.Mkdir(filepath.Join(dir, seg), 0o755); err != nil && !os.IsExist(err) {
			t.Skipf("cannot build a deep tree here: %v", err)
		}
		if err := os.Chdir(filepath.Join(dir, seg)); err != nil {
			t.Skipf("cannot build a deep tree here: %v", err)
		}
		dir = "."
	}
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Skipf("cannot write in a deep tree here: %v", err)
	}
	return strings.Join(append(parts, name), "/")
}

// Script writes an executable that touches a marker file, and returns both.
func Script(t testing.TB) (script, marker string) {
	t.Helper()
	dir := t.TempDir()
	marker = filepath.Join(dir, "ran")
	script = filepath.Join(dir, "evil.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ntouch "+marker+"\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return script, marker
}

// Ran reports whether a Script ran.
func Ran(marker string) bool { _, err := os.Stat(marker); return err == nil }
