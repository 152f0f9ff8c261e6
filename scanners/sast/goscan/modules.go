package goscan

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
)

// FindModules picks the modules from the inventory's file paths
// (slash-separated, relative to the root): every go.mod outside vendor/,
// testdata/ and directories starting with "." or "_", which the go command
// ignores too. A go.work in the tree lists modules with its use directives;
// a module listed by one is loaded in that workspace (the go.work nearest
// above it when several list it). The errors are go.work files that cannot
// be read or parsed and use directives that lead nowhere; the modules found
// are returned regardless.
func FindModules(paths []string, read func(rel string) ([]byte, error)) ([]Module, []error) {
	var works []string
	mods := map[string]*Module{}
	for _, p := range paths {
		p = path.Clean(strings.TrimPrefix(p, "/"))
		dir, base := path.Split(p)
		dir = path.Clean(dir)
		if ignoredDir(dir) {
			continue
		}
		switch base {
		case "go.mod":
			mods[dir] = &Module{Dir: dir}
		case "go.work":
			works = append(works, p)
		}
	}
	slices.Sort(works)
	works = slices.Compact(works)
	var errs []error
	for _, w := range works {
		errs = append(errs, useWork(w, read, mods)...)
	}
	out := make([]Module, 0, len(mods))
	for _, m := range mods {
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b Module) int { return strings.Compare(a.Dir, b.Dir) })
	return out, errs
}

// useWork reads one go.work and marks the modules it uses.
func useWork(rel string, read func(string) ([]byte, error), mods map[string]*Module) []error {
	data, err := read(rel)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", rel, err)}
	}
	wf, err := modfile.ParseWork(rel, data, nil)
	if err != nil {
		return []error{fmt.Errorf("parsing %w", err)}
	}
	workDir := path.Dir(rel)
	var errs []error
	for _, u := range wf.Use {
		if u == nil {
			continue
		}
		p := strings.ReplaceAll(u.Path, `\`, "/")
		if path.IsAbs(p) || (len(p) > 1 && p[1] == ':') {
			errs = append(errs, fmt.Errorf("%s:%d: use %q is an absolute path; only modules inside the tree are analysed", rel, line(u.Syntax), u.Path))
			continue
		}
		dir := path.Join(workDir, p)
		if dir == ".." || strings.HasPrefix(dir, "../") {
			errs = append(errs, fmt.Errorf("%s:%d: use %q points outside the tree; only modules inside it are analysed", rel, line(u.Syntax), u.Path))
			continue
		}
		m, ok := mods[dir]
		if !ok {
			errs = append(errs, fmt.Errorf("%s:%d: use %q names no module of the tree (no go.mod there, or in a directory the go command ignores)", rel, line(u.Syntax), u.Path))
			continue
		}
		if m.Work == "" || nearer(rel, m.Work, m.Dir) {
			m.Work = rel
		}
	}
	return errs
}

func line(l *modfile.Line) int {
	if l == nil {
		return 0
	}
	return l.Start.Line
}

// nearer reports whether go.work a is a better home for the module in dir
// than b: the go command, run in dir, would find the deepest go.work above
// it; one that is not above it at all comes last.
func nearer(a, b, dir string) bool {
	da, db := depthAbove(path.Dir(a), dir), depthAbove(path.Dir(b), dir)
	if da != db {
		return da > db
	}
	return a < b
}

// depthAbove is the number of path elements of ancestor when it is dir or a
// directory above it, -1 otherwise.
func depthAbove(ancestor, dir string) int {
	if !within(dir, ancestor) {
		return -1
	}
	if ancestor == "." {
		return 0
	}
	return strings.Count(ancestor, "/") + 1
}

// ignoredDir reports whether the go command skips dir (slash-separated,
// relative) in ./... patterns and module discovery.
func ignoredDir(dir string) bool {
	if dir == "." || dir == "" {
		return false
	}
	for _, e := range strings.Split(dir, "/") {
		if e == "vendor" || e == "testdata" || strings.HasPrefix(e, ".") || strings.HasPrefix(e, "_") {
			return true
		}
	}
	return false
}

// within reports whether rel (slash-separated, relative) is dir or below it.
func within(rel, dir string) bool {
	return dir == "." || rel == dir || strings.HasPrefix(rel, dir+"/")
}

// cleanModules normalises the module directories and drops duplicates.
func cleanModules(mods []Module) []Module {
	out := make([]Module, 0, len(mods))
	seen := map[string]bool{}
	for _, m := range mods {
		m.Dir = cleanRel(m.Dir)
		if m.Work != "" {
			m.Work = cleanRel(m.Work)
		}
		if seen[m.Dir] {
			continue
		}
		seen[m.Dir] = true
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Module) int { return strings.Compare(a.Dir, b.Dir) })
	return out
}

func cleanRel(p string) string {
	p = path.Clean(strings.ReplaceAll(p, `\`, "/"))
	if p == "" || p == "/" {
		return "."
	}
	return strings.TrimPrefix(p, "/")
}

// owner is the innermost module whose directory holds rel, or nil.
func owner(mods []Module, rel string) *Module {
	var best *Module
	depth := -1
	for i := range mods {
		if d := depthAbove(mods[i].Dir, rel); d > depth {
			best, depth = &mods[i], d
		}
	}
	return best
}

// assignDirs files the staged-mode directories under the module that owns
// each: module dir -> go list patterns relative to it ("./sub", ".").
func assignDirs(mods []Module, dirs []string) (map[string][]string, error) {
	out := map[string][]string{}
	var outside []string
	for _, d := range dirs {
		d = cleanRel(d)
		if d == ".." || strings.HasPrefix(d, "../") {
			outside = append(outside, d)
			continue
		}
		if ignoredDir(d) {
			continue // as ./... would: testdata, vendor, _ and . directories
		}
		m := owner(mods, d)
		if m == nil {
			outside = append(outside, d)
			continue
		}
		pat := "."
		if d != m.Dir {
			pat = "./" + strings.TrimPrefix(d, m.Dir+"/")
			if m.Dir == "." {
				pat = "./" + d
			}
		}
		if !slices.Contains(out[m.Dir], pat) {
			out[m.Dir] = append(out[m.Dir], pat)
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	if len(outside) > 0 {
		slices.Sort(outside)
		return out, fmt.Errorf("goscan: %d staged director%s in no Go module of the tree, not analysed: %s",
			len(outside), plural(len(outside), "y", "ies"), strings.Join(slices.Compact(outside), ", "))
	}
	return out, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
