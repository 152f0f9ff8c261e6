package sast

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/safefile"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/sast/goscan"
)

// goEnv are the runner's variables the Go package loader may see; goscan
// adds its own offline and locked settings on top. Nothing else of the
// runner's environment (tokens, GOFLAGS, GOPROXY) reaches it.
var goEnv = []string{"PATH", "HOME", "GOPATH", "GOMODCACHE", "GOROOT", "TMPDIR", "XDG_CACHE_HOME", "LANG", "LC_ALL"}

// modules finds the Go modules to analyse. A tree scan takes every go.mod
// and go.work of the inventory. A staged scan holds only the staged files,
// so it looks up from each staged .go file's directory for its go.mod (and
// any go.work) in the working tree, never above the scanned root.
func (s Scanner) modules(t *scanners.Target, goFiles []string) ([]goscan.Module, []error) {
	inv := t.Inventory
	if inv.Mode() != scanners.ModeStaged {
		var paths []string
		for _, f := range inv.Files {
			if b := path.Base(f.Path); (b == "go.mod" || b == "go.work") && !f.Symlink {
				paths = append(paths, f.Path)
			}
		}
		return goscan.FindModules(paths, func(rel string) ([]byte, error) { return inv.ReadFile(rel, 1<<20) })
	}
	if len(goFiles) == 0 {
		return nil, nil
	}
	seen := map[string]bool{}
	var paths []string
	for _, f := range goFiles {
		for dir := path.Dir(f); ; dir = path.Dir(dir) {
			for _, name := range []string{"go.mod", "go.work"} {
				rel := path.Join(dir, name)
				if seen[rel] {
					continue
				}
				seen[rel] = true
				if st, err := os.Lstat(inv.Abs(rel)); err == nil && st.Mode().IsRegular() {
					paths = append(paths, rel)
				}
			}
			if dir == "." || dir == "/" {
				break
			}
		}
	}
	sort.Strings(paths)
	return goscan.FindModules(paths, func(rel string) ([]byte, error) {
		if _, staged := inv.Lookup(rel); staged {
			return inv.ReadFile(rel, 1<<20)
		}
		return safefile.Read(inv.Abs(rel), 1<<20)
	})
}

// golang runs gosec over the modules. With --staged it analyses the
// packages holding staged .go files, with the staged blobs laid over the
// working copy, and reports what it finds in the staged files only (the
// rest of each package is context for types and taint).
func (s Scanner) golang(ctx context.Context, t *scanners.Target, mods []goscan.Module, goFiles []string) *scanners.Result {
	res := &scanners.Result{}
	if len(mods) == 0 {
		return res
	}
	inv := t.Inventory
	opt := goscan.Options{Root: inv.Root, Tests: s.opt.GoTests, BuildTags: s.opt.GoBuildTags, Jobs: s.opt.Jobs}
	for _, k := range goEnv {
		if v := t.Getenv(k); v != "" {
			opt.Env = append(opt.Env, k+"="+v)
		}
	}
	opt.GoCache = t.Getenv("BULWARK_GOCACHE")
	if opt.GoCache == "" {
		opt.GoCache = filepath.Join(t.CacheDir, "go-build")
	}
	staged := map[string]bool{}
	if inv.Mode() == scanners.ModeStaged {
		opt.Overlay = map[string][]byte{}
		dirs := map[string]bool{}
		for _, rel := range goFiles {
			data, err := inv.ReadFile(rel, s.opt.MaxFileSize)
			if err != nil {
				res.Errors = append(res.Errors, errorf(rel, err))
				continue
			}
			opt.Overlay[inv.Abs(rel)] = data
			staged[rel] = true
			dirs[path.Dir(rel)] = true
		}
		for d := range dirs {
			opt.Dirs = append(opt.Dirs, d)
		}
		sort.Strings(opt.Dirs)
	}
	r, err := goscan.Analyze(ctx, mods, opt)
	if err != nil {
		res.Errors = append(res.Errors, fmt.Errorf("go: %w", err))
		return res
	}
	t.Counter.Add("go_modules", int64(r.Modules))
	t.Counter.Add("go_packages", int64(r.Packages))
	t.Counter.Add("go_packages_partly_analysed", int64(r.PartialPackages))
	t.Counter.Add("go_files", int64(r.Files))
	t.Counter.Add("go_lines", int64(r.Lines))
	if r.ConstrainedFiles > 0 {
		t.Counter.Add("go_files_left_out_by_build_constraints", int64(r.ConstrainedFiles))
		r.Notes = append(r.Notes, fmt.Sprintf("%d .go file(s) were left out by build constraints (another platform, or a tag not in sast.go_build_tags): nothing analysed them", r.ConstrainedFiles))
	}
	keep := func(p string) bool { return len(staged) == 0 || staged[p] }
	dropped := 0
	for _, is := range r.Issues {
		if !keep(is.Path) {
			dropped++
			continue
		}
		res.Findings = append(res.Findings, goFinding(is))
	}
	for _, sp := range r.Suppressed {
		if !keep(sp.Path) {
			continue
		}
		reason := "#nosec"
		if sp.Reason != "" && sp.Reason != "#nosec" {
			reason = "#nosec: " + sp.Reason
		}
		res.Suppressed = append(res.Suppressed, finding.Suppressed{Finding: goFinding(sp.Issue), Kind: "inline", Reason: reason})
	}
	if dropped > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d gosec finding(s) in files of the staged packages that are not staged were left out", dropped))
	}
	res.Notes = limitNotes(r.Notes)
	res.Errors = append(res.Errors, r.Errors...)
	return res
}

func goFinding(is goscan.Issue) finding.Finding {
	detail := map[string]any{"language": "go", "confidence": is.Confidence, "column": is.Col}
	end := is.EndLine
	if end < is.Line {
		end = is.Line
	}
	msg := is.Title
	if msg == "" {
		msg = is.RuleID
	}
	return newFinding(is.RuleID, is.Severity, finding.Location{Path: is.Path, StartLine: is.Line, EndLine: end},
		strings.TrimSpace(msg), is.Identity, is.CWE, detail)
}
