package secrets

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

	"github.com/bulwark-sec/bulwark/scanners"
)

// Chunk is one piece of text to scan and where it came from.
type Chunk struct {
	ID     int
	Source string // tree, staged or history
	Path   string // repository-relative, slash-separated
	Commit string // history only
	Date   string // history only: author date, RFC 3339
	Data   []byte
	// Lines maps a 1-based line of Data to the line in the file; nil when
	// Data is the whole file.
	Lines []int
}

// FileLine turns a 1-based line of the chunk into the file's line.
func (c *Chunk) FileLine(n int) int {
	if c.Lines == nil || n < 1 {
		return n
	}
	if n > len(c.Lines) {
		return c.Lines[len(c.Lines)-1]
	}
	return c.Lines[n-1]
}

// emit receives chunks as a source produces them.
type emit func(Chunk) error

// isBinary is git's own test: a NUL byte in the first 8000 bytes.
func isBinary(b []byte) bool {
	if len(b) > 8000 {
		b = b[:8000]
	}
	return bytes.IndexByte(b, 0) >= 0
}

// treeSource reads every inventory file: what git would see plus untracked,
// non-ignored files. Binary and over-size files are skipped and counted.
func treeSource(ctx context.Context, t *scanners.Target, maxSize int64, out emit) error {
	inv := t.Inventory
	for _, f := range inv.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.Symlink || !f.Mode.IsRegular() {
			continue
		}
		if f.Size > maxSize {
			t.Counter.Add("skipped_large", 1)
			continue
		}
		data, err := inv.ReadFile(f.Path, maxSize)
		if err != nil {
			if errors.Is(err, scanners.ErrTooLarge) {
				t.Counter.Add("skipped_large", 1)
				continue
			}
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		if isBinary(data) {
			t.Counter.Add("skipped_binary", 1)
			continue
		}
		t.Counter.Add("files", 1)
		t.Counter.Add("bytes", int64(len(data)))
		if err := out(Chunk{Source: "tree", Path: f.Path, Data: data}); err != nil {
			return err
		}
	}
	return nil
}

// git runs git in the repository with everything that could run code from
// the scanned repository's own config turned off: external diff drivers,
// textconv filters and the fsmonitor hook. Paths are never quoted.
func gitCmd(ctx context.Context, root string, args ...string) *exec.Cmd {
	base := []string{"-C", root, "-c", "core.quotePath=false", "-c", "core.fsmonitor=false",
		"-c", "diff.external=", "-c", "core.hooksPath=/dev/null"}
	cmd := exec.CommandContext(ctx, "git", append(base, args...)...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	return cmd
}

func gitOutput(ctx context.Context, root string, args ...string) ([]byte, error) {
	cmd := gitCmd(ctx, root, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, msg)
	}
	return out, nil
}

// stagedSource reads the blobs staged for the next commit from the index,
// never from the working tree, so what is checked is what will be committed.
func stagedSource(ctx context.Context, t *scanners.Target, maxSize int64, out emit) error {
	root := t.Inventory.Root
	raw, err := gitOutput(ctx, root, "diff", "--cached", "--raw", "-z", "--relative", "--no-renames", "--diff-filter=ACMR", "--no-ext-diff")
	if err != nil {
		return err
	}
	type entry struct{ sha, path string }
	var entries []entry
	fields := strings.Split(string(raw), "\x00")
	for i := 0; i+1 < len(fields); i += 2 {
		meta := strings.Fields(strings.TrimPrefix(fields[i], ":"))
		if len(meta) < 5 {
			continue
		}
		if meta[1] == "160000" { // a submodule commit, not a blob
			continue
		}
		entries = append(entries, entry{sha: meta[3], path: fields[i+1]})
	}
	if len(entries) == 0 {
		return nil
	}
	cmd := gitCmd(ctx, root, "cat-file", "--batch")
	var in bytes.Buffer
	for _, e := range entries {
		in.WriteString(e.sha + "\n")
	}
	cmd.Stdin = &in
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	r := bufio.NewReaderSize(stdout, 64<<10)
	var firstErr error
	for _, e := range entries {
		header, err := r.ReadString('\n')
		if err != nil {
			firstErr = fmt.Errorf("git cat-file: %w", err)
			break
		}
		f := strings.Fields(header)
		if len(f) != 3 || f[1] != "blob" {
			firstErr = fmt.Errorf("git cat-file: unexpected %q for %s", strings.TrimSpace(header), e.path)
			break
		}
		size, _ := strconv.ParseInt(f[2], 10, 64)
		if size > maxSize {
			t.Counter.Add("skipped_large", 1)
			if _, err := r.Discard(int(size) + 1); err != nil {
				firstErr = err
				break
			}
			continue
		}
		data := make([]byte, size+1)
		if _, err := io.ReadFull(r, data); err != nil {
			firstErr = fmt.Errorf("git cat-file: %w", err)
			break
		}
		data = data[:size]
		if isBinary(data) {
			t.Counter.Add("skipped_binary", 1)
			continue
		}
		t.Counter.Add("files", 1)
		t.Counter.Add("bytes", size)
		if err := out(Chunk{Source: "staged", Path: e.path, Data: data}); err != nil {
			firstErr = err
			break
		}
	}
	if firstErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return firstErr
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	return nil
}

// historySource reads the lines each commit reachable from HEAD added (since
// a commit when given), one chunk per file per commit, as trufflehog's git
// source does: a secret committed and then deleted is still found, in the
// commit that added it. A merge contributes the lines of its combined diff
// that are new against every parent: what its conflict resolution added.
func historySource(ctx context.Context, t *scanners.Target, since string, maxSize int64, out emit) (head string, err error) {
	root := t.Inventory.Root
	h, err := gitOutput(ctx, root, "rev-parse", "--verify", "HEAD^{commit}")
	if err != nil {
		return "", fmt.Errorf("not a git repository with commits: %w", err)
	}
	head = strings.TrimSpace(string(h))
	rng := head
	if since != "" {
		s, err := gitOutput(ctx, root, "rev-parse", "--verify", since+"^{commit}")
		if err != nil {
			return "", fmt.Errorf("--since-commit %q: %w", since, err)
		}
		rng = strings.TrimSpace(string(s)) + ".." + head
	}
	cmd := gitCmd(ctx, root, "log", "-p", "--cc", "-U0", "--relative", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
		"--format=%x00commit %H %aI", rng, "--")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("git log: %w", err)
	}
	perr := parseLog(stdout, maxSize, t.Counter, out)
	if perr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return "", perr
	}
	if err := cmd.Wait(); err != nil {
		return "", fmt.Errorf("git log: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return head, nil
}

// parseLog turns `git log -p -U0` output into chunks of added lines.
func parseLog(r io.Reader, maxSize int64, c *scanners.Counter, out emit) error {
	br := bufio.NewReaderSize(r, 256<<10)
	var (
		commit, date, path string
		data               []byte
		lines              []int
		next               int
		tooBig, inHunk     bool
		parents            = 1 // columns of +/- markers: 1, or one per parent in a merge's combined diff
	)
	flush := func() error {
		defer func() { data, lines, tooBig = nil, nil, false }()
		if path == "" || len(lines) == 0 {
			return nil
		}
		if tooBig {
			c.Add("skipped_large", 1)
			return nil
		}
		c.Add("bytes", int64(len(data)))
		c.Add("file_changes", 1)
		return out(Chunk{Source: "history", Path: path, Commit: commit, Date: date, Data: data, Lines: lines})
	}
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 {
			l := bytes.TrimSuffix(line, []byte("\n"))
			switch {
			case bytes.HasPrefix(l, []byte("\x00commit ")):
				if err := flush(); err != nil {
					return err
				}
				f := strings.Fields(string(l[len("\x00commit "):]))
				commit, date, path = "", "", ""
				if len(f) >= 1 {
					commit = f[0]
				}
				if len(f) >= 2 {
					date = f[1]
				}
				c.Add("commits", 1)
				inHunk = false
			case bytes.HasPrefix(l, []byte("diff --git ")), bytes.HasPrefix(l, []byte("diff --cc ")), bytes.HasPrefix(l, []byte("diff --combined ")):
				if err := flush(); err != nil {
					return err
				}
				path, inHunk, parents = "", false, 1
			case !inHunk && bytes.HasPrefix(l, []byte("+++ ")):
				p := string(l[4:])
				if p == "/dev/null" {
					path = ""
					break
				}
				if strings.HasPrefix(p, "\"") {
					if u, err := strconv.Unquote(p); err == nil {
						p = u
					}
				}
				path = strings.TrimPrefix(p, "b/")
			case bytes.HasPrefix(l, []byte("@@")): // content lines never start with @
				// "@@ -a +b @@", or "@@@ -a -b +c @@@" for a merge with two parents.
				at := 0
				for at < len(l) && l[at] == '@' {
					at++
				}
				parents, next, inHunk = max(at-1, 1), hunkStart(l), true
			case inHunk && path != "" && len(l) >= parents:
				switch marks := l[:parents]; {
				case allByte(marks, '+'):
					// New in the result against every parent: for a merge,
					// a line its conflict resolution (or an evil merge) added.
					if !tooBig {
						data = append(data, l[parents:]...)
						data = append(data, '\n')
						lines = append(lines, next)
						if int64(len(data)) > maxSize {
							tooBig = true
						}
					}
					next++
				case bytes.IndexByte(marks, '-') < 0 && marks[0] != '\\':
					next++ // in the result, taken from a parent
				}
			}
		}
		if err == io.EOF {
			return flush()
		}
		if err != nil {
			return err
		}
	}
}

func allByte(b []byte, c byte) bool {
	for _, x := range b {
		if x != c {
			return false
		}
	}
	return len(b) > 0
}

// hunkStart reads the new-file start line of "@@ -a,b +c,d @@".
func hunkStart(l []byte) int {
	s := string(l)
	i := strings.Index(s, " +")
	if i < 0 {
		return 1
	}
	s = s[i+2:]
	if j := strings.IndexAny(s, ", "); j >= 0 {
		s = s[:j]
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 1
	}
	return n
}
