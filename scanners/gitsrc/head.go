package gitsrc

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/safefile"
)

// readSmall reads a small file of git's own (HEAD, a ref), refusing anything
// that is not a regular file: a FIFO named .git/HEAD must not hang the scan.
func readSmall(p string) ([]byte, error) { return safefile.Read(p, 1<<20) }

// Head reads the HEAD commit of a work tree from .git without running
// git: a detached HEAD, a loose ref or a packed ref. "" when not a repository.
func Head(root string) string {
	gitDir := filepath.Join(root, ".git")
	if b, err := readSmall(gitDir); err == nil { // a worktree's .git file
		if d, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir: "); ok {
			if !filepath.IsAbs(d) {
				d = filepath.Join(root, d)
			}
			gitDir = d
		}
	}
	head, err := readSmall(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return ""
	}
	h := strings.TrimSpace(string(head))
	ref, ok := strings.CutPrefix(h, "ref: ")
	if !ok {
		return ValidSHA(h)
	}
	common := gitDir
	if b, err := readSmall(filepath.Join(gitDir, "commondir")); err == nil {
		common = filepath.Join(gitDir, strings.TrimSpace(string(b)))
	}
	for _, dir := range []string{gitDir, common} {
		if b, err := readSmall(filepath.Join(dir, filepath.FromSlash(ref))); err == nil {
			return ValidSHA(strings.TrimSpace(string(b)))
		}
	}
	packed, err := safefile.Read(filepath.Join(common, "packed-refs"), 64<<20)
	if err != nil {
		return ""
	}
	sc := bufio.NewScanner(bytes.NewReader(packed))
	for sc.Scan() {
		if sha, name, ok := strings.Cut(sc.Text(), " "); ok && name == ref {
			return ValidSHA(sha)
		}
	}
	return ""
}

// ValidSHA returns s when it is a full SHA-1 or SHA-256 object name in
// lower-case hex, else "".
func ValidSHA(s string) string {
	if len(s) != 40 && len(s) != 64 {
		return ""
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return ""
		}
	}
	return s
}
