package scanners

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/bulwark-sec/bulwark/internal/safefile"
	"github.com/bulwark-sec/bulwark/scanners/gitsrc"
)

// File is one entry of the inventory.
type File struct {
	Path    string      // repository-relative, slash-separated
	Size    int64       // bytes (of the link itself for a symlink)
	Mode    fs.FileMode // permission and type bits, not following symlinks
	Symlink bool
	Tracked bool // in the git index
}

// Problem is an entry the inventory could not take in; each becomes a
// finding, so a file Bulwark did not read never passes for a clean one.
type Problem struct {
	Path   string
	Kind   string // unreadable, symlink_outside, not_regular
	Detail string
}

// Inventory is the files of the source view that every scanner shares.
type Inventory struct {
	Root      string         // absolute
	Files     []File         // sorted by path; .git, ignored and excluded paths left out
	Ignored   int            // untracked paths left out by .gitignore
	Excluded  int            // paths left out by the config's exclude patterns
	Excludes  []string       // those patterns (.gitignore syntax)
	Languages map[string]int // language → file count
	Manifests []string       // dependency manifests and lockfiles, sorted
	Commit    string         // HEAD commit when the root is a git work tree
	Problems  []Problem      // entries that could not be inventoried, sorted by path

	mode  Mode
	blobs map[string]stagedBlob // staged mode: path → blob
	repo  gitsrc.Repo
	index map[string]int
}

type stagedBlob struct {
	sha  string
	data []byte // nil when over the prefetch limit: read on demand
}

// Errors a read of an inventory file can return.
var (
	ErrTooLarge     = safefile.ErrTooLarge
	ErrNotRegular   = safefile.ErrNotRegular
	ErrOutsideRoot  = errors.New("symlink points outside the scanned tree")
	ErrNotInventory = errors.New("not in the inventory")
)

var languageByExt = map[string]string{
	".py": "python", ".go": "go", ".sol": "solidity", ".js": "javascript", ".mjs": "javascript",
	".ts": "typescript", ".rs": "rust", ".vy": "vyper", ".sh": "shell", ".yml": "yaml", ".yaml": "yaml",
	".json": "json", ".toml": "toml",
}

var manifestNames = map[string]bool{
	"poetry.lock": true, "Pipfile.lock": true, "uv.lock": true, "pdm.lock": true, "pyproject.toml": true,
	"package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true, "pnpm-lock.yaml": true,
	"package.json": true, "go.mod": true, "Cargo.lock": true, "bun.lock": true,
}

// IsManifest reports whether a base name is a dependency manifest or lockfile.
func IsManifest(base string) bool {
	return manifestNames[base] || (strings.Contains(base, "requirements") && strings.HasSuffix(base, ".txt"))
}

// OpenOptions choose the source view.
type OpenOptions struct {
	Mode     Mode
	Excludes []string // .gitignore-syntax patterns no scanner reads
	// Since is where history starts (a commit); Resumed says it came from
	// the last passing --resume run.
	Since   string
	Resumed bool
	// AllowShallow lets --history read a shallow clone (the report says so).
	AllowShallow bool
}

// Open builds the inventory and the source view of root.
func Open(ctx context.Context, root string, opt OpenOptions) (*Inventory, *Source, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot scan %s: %w", root, err)
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("cannot scan %s: not a directory", root)
	}
	inv := &Inventory{Root: abs, Languages: map[string]int{}, index: map[string]int{}, mode: opt.Mode,
		repo: gitsrc.Repo{Root: abs}, Excludes: opt.Excludes}
	src := &Source{Mode: opt.Mode, Repo: inv.repo, Since: opt.Since, Resumed: opt.Resumed, inv: inv, excludes: opt.Excludes}
	inRepo := gitsrc.FindRepo(abs)
	if opt.Mode != ModeTree && !inRepo {
		return nil, nil, fmt.Errorf("--%s needs a git repository, and %s is not in one", opt.Mode, root)
	}
	switch opt.Mode {
	case ModeStaged:
		if err := inv.staged(ctx, src); err != nil {
			return nil, nil, err
		}
	default:
		var tracked map[string]bool
		if inRepo {
			if tracked, err = inv.repo.Tracked(ctx); err != nil {
				return nil, nil, fmt.Errorf("cannot list the tracked files of %s: %w", root, err)
			}
		}
		if err := inv.walk(ctx, tracked); err != nil {
			return nil, nil, err
		}
	}
	if opt.Mode == ModeHistory {
		shallow, err := inv.repo.IsShallow(ctx)
		if err != nil {
			return nil, nil, err
		}
		if shallow && !opt.AllowShallow {
			return nil, nil, gitsrc.ErrShallow
		}
		if src.Head, err = inv.repo.ResolveCommit(ctx, "HEAD"); err != nil {
			return nil, nil, fmt.Errorf("--history: not a git repository with commits: %w", err)
		}
	}
	sort.Slice(inv.Files, func(i, j int) bool { return inv.Files[i].Path < inv.Files[j].Path })
	for i, f := range inv.Files {
		inv.index[f.Path] = i
	}
	sort.Strings(inv.Manifests)
	sort.Slice(inv.Problems, func(i, j int) bool { return inv.Problems[i].Path < inv.Problems[j].Path })
	inv.Commit = gitsrc.Head(abs)
	return inv, src, nil
}

// Mode is the mode of the view the inventory belongs to.
func (inv *Inventory) Mode() Mode { return inv.mode }

// walk inventories the working tree once. It skips .git; honours every
// .gitignore (and .git/info/exclude) the way git does, for untracked paths
// only — git never ignores a tracked file, and neither does Bulwark; and
// applies the config's exclude patterns to everything.
func (inv *Inventory) walk(ctx context.Context, tracked map[string]bool) error {
	abs := inv.Root
	var excludes []gitignore.Pattern
	for _, e := range inv.Excludes {
		excludes = append(excludes, gitignore.ParsePattern(e, nil))
	}
	excluded := gitignore.NewMatcher(excludes)
	trackedDirs := map[string]bool{}
	for p := range tracked {
		for d := path.Dir(p); d != "." && !trackedDirs[d]; d = path.Dir(d) {
			trackedDirs[d] = true
		}
	}
	ignores := readIgnoreFile(filepath.Join(abs, ".git", "info", "exclude"), nil)
	seen := map[string]bool{}
	err := filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, _ := filepath.Rel(abs, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			// unreadable directory, a path longer than PATH_MAX: reported
			inv.Problems = append(inv.Problems, Problem{Path: rel, Kind: "unreadable", Detail: unwrapPathError(err).Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if rel == "." {
			ignores = append(ignores, readIgnoreFile(filepath.Join(p, ".gitignore"), nil)...)
			return nil
		}
		parts := strings.Split(rel, "/")
		if d.Name() == ".git" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if excluded.Match(parts, d.IsDir()) {
			inv.Excluded++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		isTracked := tracked[rel] || (d.IsDir() && trackedDirs[rel])
		if !isTracked && gitignore.NewMatcher(ignores).Match(parts, d.IsDir()) {
			inv.Ignored++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			ignores = append(ignores, readIgnoreFile(filepath.Join(p, ".gitignore"), parts)...)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			inv.Problems = append(inv.Problems, Problem{Path: rel, Kind: "unreadable", Detail: unwrapPathError(err).Error()})
			return nil
		}
		seen[rel] = true
		f := File{Path: rel, Size: info.Size(), Mode: info.Mode(), Symlink: info.Mode()&fs.ModeSymlink != 0, Tracked: tracked[rel]}
		switch {
		case f.Symlink:
			if prob, ok := inv.checkLink(rel); !ok {
				inv.Problems = append(inv.Problems, prob)
			}
		case !info.Mode().IsRegular():
			inv.Problems = append(inv.Problems, Problem{Path: rel, Kind: "not_regular",
				Detail: safefile.Kind(info.Mode()) + ", not a regular file; it was not read"})
			return nil
		}
		inv.add(f)
		return nil
	})
	if err != nil {
		return err
	}
	// A tracked file the walk did not reach (under an unreadable directory,
	// or deeper than the system's path limit) is a file nobody checked.
	reported := map[string]bool{}
	for _, p := range inv.Problems {
		reported[p.Path] = true
	}
	for p := range tracked {
		if seen[p] || excluded.Match(strings.Split(p, "/"), false) || underReported(p, reported) {
			continue
		}
		if _, err := os.Lstat(inv.Abs(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			inv.Problems = append(inv.Problems, Problem{Path: p, Kind: "unreadable", Detail: unwrapPathError(err).Error()})
		}
	}
	return nil
}

func underReported(p string, reported map[string]bool) bool {
	for d := p; d != "." && d != "/"; d = path.Dir(d) {
		if reported[d] {
			return true
		}
	}
	return false
}

// checkLink reports a symlink whose target leaves the tree, file or
// directory alike. A link inside the tree is kept: its target is read
// through it (a file) or walked where it really is (a directory).
func (inv *Inventory) checkLink(rel string) (Problem, bool) {
	target, err := filepath.EvalSymlinks(inv.Abs(rel))
	if err != nil {
		return Problem{}, true // dangling: there is nothing behind it to read
	}
	if !inv.inside(target) {
		return Problem{Path: rel, Kind: "symlink_outside", Detail: "points outside the scanned tree, to " + target}, false
	}
	return Problem{}, true
}

func (inv *Inventory) inside(target string) bool {
	root, err := filepath.EvalSymlinks(inv.Root)
	if err != nil {
		return false
	}
	r, err := filepath.Rel(root, target)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// maxStagedPrefetch bounds the staged blobs held in memory at once; larger
// commits are read blob by blob as scanners ask for them.
const maxStagedPrefetch = 256 << 20

// staged builds the inventory from the index: the files staged for commit.
// Permission bits come from the working-tree file when there is one (git
// stores only 644 and 755, and a deployed file's mode is the file's).
func (inv *Inventory) staged(ctx context.Context, src *Source) error {
	entries, deleted, err := inv.repo.Staged(ctx)
	if err != nil {
		return fmt.Errorf("--staged: %w", err)
	}
	src.Deleted = deleted
	inv.blobs = map[string]stagedBlob{}
	var excludes []gitignore.Pattern
	for _, e := range inv.Excludes {
		excludes = append(excludes, gitignore.ParsePattern(e, nil))
	}
	excluded := gitignore.NewMatcher(excludes)
	var shas []string
	var kept []gitsrc.Entry
	for _, e := range entries {
		if excluded.Match(strings.Split(e.Path, "/"), false) {
			inv.Excluded++
			continue
		}
		kept = append(kept, e)
		shas = append(shas, e.SHA)
	}
	var total int64
	err = inv.repo.Blobs(ctx, shas, 64<<20, func(i int, b gitsrc.Blob) error {
		e := kept[i]
		f := File{Path: e.Path, Size: b.Size, Mode: gitMode(e.Mode), Symlink: e.Mode == "120000", Tracked: true}
		if st, err := os.Lstat(inv.Abs(e.Path)); err == nil && st.Mode().IsRegular() && !f.Symlink {
			f.Mode = st.Mode()
		}
		sb := stagedBlob{sha: e.SHA}
		if b.Data != nil && total+b.Size <= maxStagedPrefetch {
			sb.data, total = b.Data, total+b.Size
		}
		inv.blobs[e.Path] = sb
		inv.add(f)
		return nil
	})
	return err
}

func gitMode(m string) fs.FileMode {
	switch m {
	case "100755":
		return 0o755
	case "120000":
		return fs.ModeSymlink | 0o777
	}
	return 0o644
}

func (inv *Inventory) add(f File) {
	inv.Files = append(inv.Files, f)
	base := path.Base(f.Path)
	if lang, ok := languageByExt[strings.ToLower(path.Ext(base))]; ok && !f.Symlink {
		inv.Languages[lang]++
	}
	if IsManifest(base) {
		inv.Manifests = append(inv.Manifests, f.Path)
	}
}

func readIgnoreFile(p string, domain []string) []gitignore.Pattern {
	data, err := safefile.Read(p, 1<<20)
	if err != nil {
		return nil
	}
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// Lookup returns the inventory entry for a relative path.
func (inv *Inventory) Lookup(rel string) (File, bool) {
	i, ok := inv.index[rel]
	if !ok {
		return File{}, false
	}
	return inv.Files[i], true
}

// Abs is the absolute path of a relative one.
func (inv *Inventory) Abs(rel string) string { return filepath.Join(inv.Root, filepath.FromSlash(rel)) }

// Stat returns the mode of an inventory file, following a symlink only when it
// stays inside the tree. In staged mode it describes the staged file.
func (inv *Inventory) Stat(rel string) (fs.FileInfo, error) {
	if inv.mode == ModeStaged {
		f, ok := inv.Lookup(rel)
		if !ok {
			return nil, fmt.Errorf("%s: %w", rel, ErrNotInventory)
		}
		return stagedInfo{f}, nil
	}
	p, err := inv.resolve(rel)
	if err != nil {
		return nil, err
	}
	return os.Stat(p)
}

// ReadFile reads an inventory file of at most max bytes: the staged blob in
// staged mode, else the working-tree file. Only a regular file is read (a
// FIFO never blocks the scan); a symlink is followed only when its target
// stays inside the scanned tree.
func (inv *Inventory) ReadFile(rel string, max int64) ([]byte, error) {
	if inv.mode == ModeStaged {
		return inv.readStaged(rel, max)
	}
	p, err := inv.resolve(rel)
	if err != nil {
		return nil, err
	}
	data, err := safefile.Read(p, max)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, unwrapPathError(err))
	}
	return data, nil
}

func (inv *Inventory) readStaged(rel string, max int64) ([]byte, error) {
	f, ok := inv.Lookup(rel)
	b, okb := inv.blobs[rel]
	if !ok || !okb {
		return nil, fmt.Errorf("%s: %w", rel, ErrNotInventory)
	}
	if f.Symlink {
		return nil, fmt.Errorf("%s: %w (a staged symlink)", rel, ErrNotRegular)
	}
	if f.Size > max {
		return nil, fmt.Errorf("%s: %w (%d bytes > %d)", rel, ErrTooLarge, f.Size, max)
	}
	if b.data != nil {
		return b.data, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var data []byte
	err := inv.repo.Blobs(ctx, []string{b.sha}, max, func(_ int, bl gitsrc.Blob) error {
		data = bl.Data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	return data, nil
}

func (inv *Inventory) resolve(rel string) (string, error) {
	f, ok := inv.Lookup(rel)
	if !ok {
		return "", fmt.Errorf("%s: %w", rel, ErrNotInventory)
	}
	p := inv.Abs(rel)
	if !f.Symlink {
		return p, nil
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", fmt.Errorf("%s: dangling symlink: %w", rel, unwrapPathError(err))
	}
	if !inv.inside(target) {
		return "", fmt.Errorf("%s: %w (-> %s)", rel, ErrOutsideRoot, target)
	}
	return target, nil
}

type stagedInfo struct{ f File }

func (s stagedInfo) Name() string       { return path.Base(s.f.Path) }
func (s stagedInfo) Size() int64        { return s.f.Size }
func (s stagedInfo) Mode() fs.FileMode  { return s.f.Mode }
func (s stagedInfo) ModTime() time.Time { return time.Time{} }
func (s stagedInfo) IsDir() bool        { return false }
func (s stagedInfo) Sys() any           { return nil }

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Reader opens an inventory file for reading in place (large files are read
// in windows, not whole): the staged blob in staged mode, else the regular
// working-tree file. close must be called.
func (inv *Inventory) Reader(rel string) (r io.ReaderAt, size int64, close func(), err error) {
	if inv.mode == ModeStaged {
		f, _ := inv.Lookup(rel)
		data, err := inv.readStaged(rel, max(f.Size, 0))
		if err != nil {
			return nil, 0, nil, err
		}
		return bytes.NewReader(data), int64(len(data)), func() {}, nil
	}
	p, err := inv.resolve(rel)
	if err != nil {
		return nil, 0, nil, err
	}
	f, st, err := safefile.Open(p)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("%s: %w", rel, unwrapPathError(err))
	}
	return f, st.Size(), func() { _ = f.Close() }, nil
}
