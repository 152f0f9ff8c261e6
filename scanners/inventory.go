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

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// File is one entry of the inventory.
type File struct {
	Path    string      // repository-relative, slash-separated
	Size    int64       // bytes (of the link itself for a symlink)
	Mode    fs.FileMode // permission and type bits, not following symlinks
	Symlink bool
}

// Inventory is the one walk of the target that every scanner shares.
type Inventory struct {
	Root      string         // absolute
	Files     []File         // sorted by path; .git and ignored paths left out
	Ignored   int            // paths left out by .gitignore or config excludes
	Languages map[string]int // language → file count
	Manifests []string       // dependency manifests and lockfiles, sorted
	Commit    string         // HEAD commit when the root is a git work tree

	index map[string]int
}

// Errors a read of an inventory file can return.
var (
	ErrTooLarge     = errors.New("file is larger than the size limit")
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

// Walk inventories root once: it skips .git, honours every .gitignore (and
// .git/info/exclude) the way git does, applies the config's exclude patterns
// (same syntax), and notes languages, manifests and the HEAD commit.
func Walk(ctx context.Context, root string, excludes []string) (*Inventory, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("cannot scan %s: %w", root, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("cannot scan %s: not a directory", root)
	}
	inv := &Inventory{Root: abs, Languages: map[string]int{}, index: map[string]int{}}
	var patterns []gitignore.Pattern
	for _, e := range excludes {
		patterns = append(patterns, gitignore.ParsePattern(e, nil))
	}
	patterns = append(patterns, readIgnoreFile(filepath.Join(abs, ".git", "info", "exclude"), nil)...)
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return nil // unreadable entries are skipped, not fatal
		}
		rel, _ := filepath.Rel(abs, p)
		if rel == "." {
			patterns = append(patterns, readIgnoreFile(filepath.Join(p, ".gitignore"), nil)...)
			return nil
		}
		rel = filepath.ToSlash(rel)
		parts := strings.Split(rel, "/")
		if d.IsDir() && d.Name() == ".git" {
			return fs.SkipDir
		}
		if gitignore.NewMatcher(patterns).Match(parts, d.IsDir()) {
			inv.Ignored++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			patterns = append(patterns, readIgnoreFile(filepath.Join(p, ".gitignore"), parts)...)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		inv.add(File{Path: rel, Size: info.Size(), Mode: info.Mode(), Symlink: info.Mode()&fs.ModeSymlink != 0})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(inv.Files, func(i, j int) bool { return inv.Files[i].Path < inv.Files[j].Path })
	for i, f := range inv.Files {
		inv.index[f.Path] = i
	}
	sort.Strings(inv.Manifests)
	inv.Commit = headCommit(abs)
	return inv, nil
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
	data, err := os.ReadFile(p)
	if err != nil || len(data) > 1<<20 {
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
// stays inside the tree.
func (inv *Inventory) Stat(rel string) (fs.FileInfo, error) {
	p, err := inv.resolve(rel)
	if err != nil {
		return nil, err
	}
	return os.Stat(p)
}

// ReadFile reads an inventory file of at most max bytes. A symlink is followed
// only when its target stays inside the scanned tree.
func (inv *Inventory) ReadFile(rel string, max int64) ([]byte, error) {
	p, err := inv.resolve(rel)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", rel)
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%s: %w (%d bytes > %d)", rel, ErrTooLarge, st.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w (grew past %d bytes)", rel, ErrTooLarge, max)
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
		return "", fmt.Errorf("%s: dangling symlink: %w", rel, err)
	}
	root, err := filepath.EvalSymlinks(inv.Root)
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(root, target); err != nil || r == ".." || strings.HasPrefix(r, "../") {
		return "", fmt.Errorf("%s: %w (-> %s)", rel, ErrOutsideRoot, target)
	}
	return target, nil
}
