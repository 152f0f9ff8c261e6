// Package gitsrc is Bulwark's one way to read a git repository: a hardened
// runner (nothing in the scanned repository's config, attributes or hooks can
// run a program or open a connection), the staged index, blobs, and the
// history as the lines each commit added. Every scanner reads git through it.
package gitsrc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// Repo is a work tree to run git in.
type Repo struct{ Root string }

// hardening are -c overrides given on every command line, where they take
// precedence over the repository's own config (system and global config are
// not read at all). Each names a way a hostile .git/config could run code,
// ask for input or reach the network:
var hardening = []string{
	"core.quotePath=false",     // paths come out raw (we use -z or parse them)
	"core.fsmonitor=false",     // an fsmonitor hook is a program
	"core.hooksPath=/dev/null", // no hooks
	"core.pager=cat", "core.editor=false", "sequence.editor=false",
	"core.sshCommand=false", "core.gitProxy=false", "core.askPass=false",
	"core.alternateRefsCommand=false", "credential.helper=",
	"diff.external=",          // external diff drivers
	"log.showSignature=false", // gpg.program would run on every signed commit
	"gpg.program=false", "gpg.ssh.program=false", "gpg.x509.program=false",
	"gpg.ssh.defaultKeyCommand=false",
	"protocol.allow=never", // no transport at all: a partial clone's lazy fetch fails instead of connecting
	"protocol.file.allow=never", "protocol.git.allow=never", "protocol.ssh.allow=never",
	"protocol.http.allow=never", "protocol.https.allow=never", "protocol.ext.allow=never",
	"fetch.negotiationAlgorithm=noop", "submodule.recurse=false", "core.untrackedCache=false",
	"remote.origin.promisor=false", "extensions.partialClone=", "fetch.recurseSubmodules=false",
}

// Env is the environment every git command runs with: the process's,
// without any GIT_* variable that could point it elsewhere, and with system
// and global config, replace refs, lazy fetching, prompts and every
// transport turned off (GIT_ALLOW_PROTOCOL set but empty allows none,
// overriding any protocol.<name>.allow in the repository's config).
func Env() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "XDG_CONFIG_HOME" || k == "SSH_ASKPASS" || k == "EDITOR" || k == "PAGER" || k == "VISUAL" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "XDG_CONFIG_HOME=/nonexistent",
		"GIT_NO_LAZY_FETCH=1", "GIT_NO_REPLACE_OBJECTS=1", "GIT_ALLOW_PROTOCOL=",
		"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=false", "SSH_ASKPASS=false", "GIT_OPTIONAL_LOCKS=0",
		"GIT_PAGER=cat", "GIT_EDITOR=false", "GIT_EXTERNAL_DIFF=", "LC_ALL=C")
}

// Cmd is a hardened git command in the repository.
func (r Repo) Cmd(ctx context.Context, args ...string) *exec.Cmd {
	base := make([]string, 0, 2*len(hardening)+3)
	base = append(base, "--no-pager", "-C", r.Root)
	for _, h := range hardening {
		base = append(base, "-c", h)
	}
	cmd := exec.CommandContext(ctx, "git", append(base, args...)...)
	cmd.Env = Env()
	cmd.Stdin = nil
	return cmd
}

// Output runs a command and returns its stdout; an error carries the head
// of git's stderr.
func (r Repo) Output(ctx context.Context, args ...string) ([]byte, error) {
	cmd := r.Cmd(ctx, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &limitWriter{w: &stderr, n: 4 << 10}
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, clip(stderr.String()))
	}
	return out, nil
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// ResolveCommit turns a ref into a full commit name.
func (r Repo) ResolveCommit(ctx context.Context, ref string) (string, error) {
	if strings.HasPrefix(ref, "-") {
		return "", fmt.Errorf("%q is not a commit", ref)
	}
	out, err := r.Output(ctx, "rev-parse", "--verify", "--end-of-options", ref+"^{commit}")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// IsAncestor reports whether commit is an ancestor of HEAD.
func (r Repo) IsAncestor(ctx context.Context, commit string) bool {
	return r.Cmd(ctx, "merge-base", "--is-ancestor", commit, "HEAD").Run() == nil
}

// IsShallow reports whether the repository is a shallow clone, whose history
// stops at a grafted commit (actions/checkout's default depth of 1).
func (r Repo) IsShallow(ctx context.Context) (bool, error) {
	out, err := r.Output(ctx, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(string(out)) == "true", nil
}

// Tracked lists the paths in the index (every tracked file), relative to
// the root. A tracked file is scanned even when a .gitignore names it: git
// itself never ignores a tracked file.
func (r Repo) Tracked(ctx context.Context) (map[string]bool, error) {
	out, err := r.Output(ctx, "ls-files", "-z", "--cached")
	if err != nil {
		return nil, err
	}
	m := map[string]bool{}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			m[p] = true
		}
	}
	return m, nil
}

// Entry is one staged change: the blob that will be committed.
type Entry struct {
	Path string // relative to the root, slash-separated
	Mode string // git mode: 100644, 100755, 120000
	SHA  string
}

// Staged lists the files added, copied, modified or renamed in the index
// against HEAD (or against the empty tree before the first commit), and how
// many staged deletions there are.
func (r Repo) Staged(ctx context.Context) (entries []Entry, deleted int, err error) {
	raw, err := r.Output(ctx, "diff", "--cached", "--raw", "-z", "--relative", "--no-renames", "--no-ext-diff", "--no-textconv")
	if err != nil {
		return nil, 0, err
	}
	fields := strings.Split(string(raw), "\x00")
	for i := 0; i+1 < len(fields); i += 2 {
		meta := strings.Fields(strings.TrimPrefix(fields[i], ":"))
		if len(meta) < 5 {
			continue
		}
		switch {
		case meta[4] == "D":
			deleted++
			continue
		case meta[1] == "160000": // a submodule commit, not a blob
			continue
		}
		entries = append(entries, Entry{Path: fields[i+1], Mode: meta[1], SHA: meta[3]})
	}
	return entries, deleted, nil
}

// Blob is one object read by Blobs.
type Blob struct {
	SHA  string
	Size int64
	Data []byte // nil when Size is over the limit
}

// Blobs reads objects with one `git cat-file --batch`, calling fn for each in
// order. A blob larger than max is passed with its size and no data. An
// object git cannot read (corrupt, or missing from a partial clone) is an
// error naming it.
func (r Repo) Blobs(ctx context.Context, shas []string, max int64, fn func(i int, b Blob) error) error {
	if len(shas) == 0 {
		return nil
	}
	cmd := r.Cmd(ctx, "cat-file", "--batch")
	var in bytes.Buffer
	for _, s := range shas {
		in.WriteString(s + "\n")
	}
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &limitWriter{w: &stderr, n: 4 << 10}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	br := bufio.NewReaderSize(stdout, 64<<10)
	read := func() error {
		for i, sha := range shas {
			header, err := br.ReadString('\n')
			if err != nil {
				return fmt.Errorf("git cat-file: object %s: %w", sha, err)
			}
			f := strings.Fields(header)
			if len(f) == 2 && f[1] == "missing" {
				return fmt.Errorf("git cat-file: object %s is missing (a partial or corrupt clone; Bulwark never fetches)", sha)
			}
			if len(f) != 3 {
				return fmt.Errorf("git cat-file: object %s: unexpected %q", sha, strings.TrimSpace(header))
			}
			size, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil || size < 0 {
				return fmt.Errorf("git cat-file: object %s: bad size %q", sha, f[2])
			}
			b := Blob{SHA: sha, Size: size}
			if size > max {
				if _, err := io.CopyN(io.Discard, br, size+1); err != nil {
					return fmt.Errorf("git cat-file: object %s: %w", sha, err)
				}
			} else {
				data := make([]byte, size+1)
				if _, err := io.ReadFull(br, data); err != nil {
					return fmt.Errorf("git cat-file: object %s: %w", sha, err)
				}
				b.Data = data[:size]
			}
			if err := fn(i, b); err != nil {
				return err
			}
		}
		return nil
	}
	if err := read(); err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait() // after Wait, stderr is no longer written
		if msg := clip(stderr.String()); msg != "" {
			return fmt.Errorf("%w: %s", err, msg)
		}
		return err
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %v: %s", err, clip(stderr.String()))
	}
	return nil
}

// Show reads the blob at commit:path (for a finding in the history).
func (r Repo) Show(ctx context.Context, commit, path string, max int64) ([]byte, error) {
	if ValidSHA(commit) == "" {
		return nil, fmt.Errorf("%q is not a commit name", commit)
	}
	var data []byte
	err := r.Blobs(ctx, []string{commit + ":" + path}, max, func(_ int, b Blob) error {
		if b.Data == nil {
			return fmt.Errorf("%s:%s is larger than %d bytes", commit, path, max)
		}
		data = b.Data
		return nil
	})
	return data, err
}

// ErrShallow says the history is cut short by a shallow clone.
var ErrShallow = errors.New("the repository is a shallow clone: its history stops at the clone depth, so --history would scan a fraction of it and pass; fetch the full history (actions/checkout: fetch-depth: 0, or git fetch --unshallow) or pass --allow-shallow to scan what is there")

// limitWriter keeps the first n bytes written to it and drops the rest.
type limitWriter struct {
	w io.Writer
	n int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		_, _ = l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}

// FindRepo reports whether root is in a git work tree: it or a parent
// holds a .git directory or file.
func FindRepo(root string) bool {
	for dir := root; ; {
		if _, err := os.Lstat(dir + string(os.PathSeparator) + ".git"); err == nil {
			return true
		}
		parent := parentDir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

func parentDir(p string) string {
	i := strings.LastIndexByte(p, os.PathSeparator)
	if i <= 0 {
		return string(os.PathSeparator)
	}
	return p[:i]
}
