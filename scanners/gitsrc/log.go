package gitsrc

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Change is the text one commit added to one file: the added lines, in order.
type Change struct {
	Path   string // relative to the root, slash-separated
	Commit string
	Date   string // author date, RFC 3339
	Data   []byte
	// Lines maps a 1-based line of Data to the line in the file.
	Lines []int
}

// Counter records what was read.
type Counter interface{ Add(name string, n int64) }

// LogOptions bound a history read.
type LogOptions struct {
	Since    string   // a commit: read only what came after it
	Excludes []string // .gitignore-syntax patterns, passed as exclude pathspecs
	MaxSize  int64    // a change to one file larger than this is read in windows of this size
}

// Log reads the lines each commit reachable from HEAD added (after Since when
// given), one Change per file per commit, as trufflehog's git source does: a
// secret committed and then deleted is still found, in the commit that added
// it. A merge contributes the lines of its combined diff that are new against
// every parent: what its conflict resolution added. It returns HEAD.
func (r Repo) Log(ctx context.Context, opt LogOptions, c Counter, out func(Change) error) (head string, err error) {
	head, err = r.ResolveCommit(ctx, "HEAD")
	if err != nil {
		return "", fmt.Errorf("not a git repository with commits: %w", err)
	}
	rng := head
	if opt.Since != "" {
		s, err := r.ResolveCommit(ctx, opt.Since)
		if err != nil {
			return "", fmt.Errorf("--since-commit %q: %w", opt.Since, err)
		}
		rng = s + ".." + head
	}
	// --text: a file git calls binary for one NUL byte is diffed as text,
	// so a NUL cannot hide what a commit added.
	args := []string{"log", "-p", "--text", "--cc", "-U0", "--relative", "--no-color", "--no-ext-diff", "--no-textconv",
		"--no-show-signature", "-M", "--format=%x00commit %H %aI", rng, "--", "."}
	args = append(args, ExcludePathspecs(opt.Excludes)...)
	cmd := r.Cmd(ctx, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &limitWriter{w: &stderr, n: 4 << 10}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("git log: %w", err)
	}
	if perr := ParseLog(stdout, opt.MaxSize, c, out); perr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return "", perr
	}
	if err := cmd.Wait(); err != nil {
		return "", fmt.Errorf("git log: %v: %s", err, clip(stderr.String()))
	}
	return head, nil
}

// ExcludePathspecs turns .gitignore-syntax exclude patterns into git
// pathspecs, so excluded paths are never read from the history. A negated
// pattern (!keep) is dropped: it can only narrow an exclusion, and dropping
// it reads more, never less.
func ExcludePathspecs(patterns []string) []string {
	var out []string
	for _, p := range patterns {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "!") {
			continue
		}
		dirOnly := strings.HasSuffix(p, "/")
		p = strings.TrimSuffix(p, "/")
		anchored := strings.HasPrefix(p, "/") || strings.Contains(p, "/")
		p = strings.TrimPrefix(p, "/")
		if p == "" {
			continue
		}
		if !anchored {
			p = "**/" + p
		}
		out = append(out, ":(exclude,glob)"+p+"/**")
		if !dirOnly {
			out = append(out, ":(exclude,glob)"+p)
		}
	}
	return out
}

// ParseLog turns `git log -p --cc -U0` output into changes of added lines.
func ParseLog(r io.Reader, maxSize int64, c Counter, out func(Change) error) error {
	br := bufio.NewReaderSize(r, 256<<10)
	var (
		commit, date, path string
		data               []byte
		lines              []int
		next               int
		inHunk             bool
		parents            = 1 // columns of +/- markers: 1, or one per parent in a merge's combined diff
	)
	flush := func() error {
		defer func() { data, lines = nil, nil }()
		if path == "" || len(lines) == 0 {
			return nil
		}
		c.Add("bytes", int64(len(data)))
		c.Add("file_changes", 1)
		return out(Change{Path: path, Commit: commit, Date: date, Data: data, Lines: lines})
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
					commit = ValidSHA(f[0])
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
					data = append(data, l[parents:]...)
					data = append(data, '\n')
					lines = append(lines, next)
					next++
					if maxSize > 0 && int64(len(data)) >= maxSize {
						// a change larger than a window goes out in windows
						// (at line boundaries): nothing is skipped
						c.Add("windows", 1)
						if err := flush(); err != nil {
							return err
						}
					}
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
