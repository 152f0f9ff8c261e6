package goscan

import (
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/securego/gosec/v2"
	"golang.org/x/sync/errgroup"
	"golang.org/x/tools/go/packages"

	"github.com/bulwark-sec/bulwark/internal/safefile"
)

// scan is one Analyze call.
type scan struct {
	opt   Options
	root  string   // clean absolute root
	roots []string // root, and its symlink-free form when that differs
	jobs  int
	res   *Result
	found []found

	seenConstrained map[string]bool
}

// found is a converted finding before identities are made unique.
type found struct {
	Issue
	suppressed bool
	reason     string
}

func newScan(opt Options) *scan {
	root := filepath.Clean(opt.Root)
	s := &scan{opt: opt, root: root, roots: []string{root}, jobs: jobs(opt.Jobs), res: &Result{}}
	if r, err := filepath.EvalSymlinks(root); err == nil && r != root {
		s.roots = append(s.roots, r)
	}
	return s
}

// module loads and analyses the packages of one module. patterns are the
// staged-mode directories relative to it, none for ./... .
func (s *scan) module(ctx context.Context, m Module, mods []Module, patterns []string) {
	abs := s.abs(m.Dir)
	work := ""
	if m.Work != "" {
		work = s.abs(m.Work)
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	// A vendor directory is what the go command would use by default; it
	// is as offline and read-only as the module cache.
	vendor := work == "" && regularFile(filepath.Join(abs, "vendor", "modules.txt"))
	load := func(vendor bool) ([]*packages.Package, *sources, error) {
		srcs := newSources()
		cfg := &packages.Config{
			Mode:       gosec.LoadMode | packages.NeedForTest, // ForTest tells test variants apart
			Context:    ctx,
			Dir:        abs,
			Env:        loaderEnv(s.opt.Env, s.opt.GoCache, work, vendor),
			BuildFlags: tagFlags(s.opt.BuildTags),
			Tests:      s.opt.Tests,
			Overlay:    s.opt.Overlay,
			ParseFile:  srcs.parse,
		}
		pkgs, err := packages.Load(cfg, patterns...)
		if err == nil && len(pkgs) == 0 && ctx.Err() == nil {
			err = whyNothing(cfg, patterns)
		}
		return pkgs, srcs, err
	}
	pkgs, srcs, err := load(vendor)
	if err != nil && vendor && ctx.Err() == nil {
		pkgs, srcs, err = load(false) // an inconsistent vendor directory: try the module cache
	}
	if err != nil {
		if ctx.Err() == nil {
			s.res.Errors = append(s.res.Errors, fmt.Errorf("module %s: the go command could not load it, so none of it was analysed: %s",
				s.label(m.Dir), s.clean(goListError(err.Error()))))
		}
		return
	}
	s.res.Modules++
	sel := s.selectPackages(pkgs, m, mods)
	outs := make([]pkgOutcome, len(sel))
	var g errgroup.Group
	g.SetLimit(s.jobs)
	for i, p := range sel {
		g.Go(func() error {
			if ctx.Err() == nil {
				outs[i] = s.analyse(p, srcs)
			}
			return nil
		})
	}
	_ = g.Wait()
	for _, o := range outs {
		s.merge(o)
	}
}

// whyNothing runs go list again, without export data, when the real load
// returned no package: go/packages ignores go list's exit status in export
// mode, so a module whose requirements cannot be resolved offline (or any
// other go list failure) would otherwise pass for a module without code.
// The error is nil when there is indeed nothing to analyse.
func whyNothing(cfg *packages.Config, patterns []string) error {
	c := *cfg
	c.Mode = packages.NeedName
	c.ParseFile = nil
	pkgs, err := packages.Load(&c, patterns...)
	if err != nil {
		return err
	}
	for _, p := range pkgs {
		if len(p.Errors) > 0 && !noGoFiles(p) {
			return errors.New(p.Errors[0].Msg)
		}
	}
	if len(pkgs) > 0 {
		return fmt.Errorf("go list names %d package%s but none could be loaded with type information", len(pkgs), plural(len(pkgs), "", "s"))
	}
	return nil
}

// goListError is the go command's own complaint in a go/packages error
// ("err: exit status 1: stderr: go: downloading x\ngo: x: module lookup
// disabled by GOPROXY=off"): the first stderr line that is not progress.
func goListError(msg string) string {
	if _, after, ok := strings.Cut(msg, "stderr: "); ok {
		msg = after
	}
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "go: downloading ") {
			continue
		}
		out = append(out, l)
		if !strings.HasSuffix(l, ":") { // "go: errors parsing go.mod:" goes on with the detail
			break
		}
	}
	if len(out) == 0 {
		return strings.TrimSpace(msg)
	}
	return strings.Join(out, " ")
}

// pkgOutcome is what one package contributes to the Result.
type pkgOutcome struct {
	ran, partial bool
	files, lines int
	constrained  []string // files build constraints left out (other platforms, tags), not cgo
	found        []found
	notes        []string
	errs         []error
}

// analyse runs gosec on one package and converts what it found. The
// package's syntax and type information are dropped afterwards, so a
// module's memory shrinks as its packages are done.
func (s *scan) analyse(p *packages.Package, srcs *sources) pkgOutcome {
	label := s.pkgLabel(p)
	var o pkgOutcome
	o.notes = s.cgoNote(p, label)
	o.constrained = s.constrained(p)
	if len(p.Syntax) == 0 {
		if msg := s.firstError(p); msg != "" && !noGoFiles(p) {
			o.notes = append(o.notes, fmt.Sprintf("%s: not analysed: %s", label, msg))
		}
		return o
	}
	c := checkPackage(p, s.opt.Tests, s.opt.Overlay)
	o.ran, o.files, o.lines = true, c.metrics.NumFiles, c.metrics.NumLines
	switch {
	case len(p.Errors) > 0:
		o.partial = true
		o.notes = append(o.notes, fmt.Sprintf("%s: loaded with %d error%s (first: %s); the AST rules ran on what parsed, the SSA and taint rules (%s) did not run",
			label, len(p.Errors), plural(len(p.Errors), "", "s"), s.firstError(p), ssaRuleList()))
	case p.IllTyped:
		o.partial = true
		o.notes = append(o.notes, fmt.Sprintf("%s: package %s could not be loaded completely (a dependency missing offline, or one that needs cgo); the AST rules ran, the SSA and taint rules (%s) did not run",
			label, illTypedImport(p), ssaRuleList()))
	case c.ssaSkipped != "":
		o.notes = append(o.notes, fmt.Sprintf("%s: gosec could not build its SSA form; the SSA and taint rules (%s) did not run", label, ssaRuleList()))
	}
	for _, f := range c.failures {
		o.errs = append(o.errs, fmt.Errorf("package %s: %s", label, f))
	}
	o.found = s.convertAll(p, srcs, c.issues)
	p.Syntax, p.TypesInfo = nil, nil
	return o
}

func (s *scan) merge(o pkgOutcome) {
	for _, f := range o.constrained {
		if s.seenConstrained == nil {
			s.seenConstrained = map[string]bool{}
		}
		if !s.seenConstrained[f] {
			s.seenConstrained[f] = true
			s.res.ConstrainedFiles++
		}
	}
	if o.ran {
		s.res.Packages++
		s.res.Files += o.files
		s.res.Lines += o.lines
	}
	if o.partial {
		s.res.PartialPackages++
	}
	s.res.Notes = append(s.res.Notes, o.notes...)
	s.res.Errors = append(s.res.Errors, o.errs...)
	s.found = append(s.found, o.found...)
}

// selectPackages keeps the packages of module m, once each: with tests, the
// test variant of a package ("p [p.test]") replaces it, and the generated
// test main is left out.
func (s *scan) selectPackages(pkgs []*packages.Package, m Module, mods []Module) []*packages.Package {
	hasTestVariant := map[string]bool{}
	for _, p := range pkgs {
		if p.ForTest != "" && p.PkgPath == p.ForTest {
			hasTestVariant[p.PkgPath] = true
		}
	}
	var out []*packages.Package
	for _, p := range pkgs {
		if p.ForTest == "" && hasTestVariant[p.PkgPath] {
			continue
		}
		rel, ok := s.rel(p.Dir)
		if p.Dir == "" || !ok {
			continue // the test main, or something outside the tree
		}
		if s.opt.Tests && p.Name == "main" && strings.HasSuffix(p.ID, ".test") && !s.anyFileInside(p) {
			continue
		}
		if o := owner(mods, rel); o == nil || o.Dir != m.Dir {
			continue // a package of another module of the workspace
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b *packages.Package) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func (s *scan) anyFileInside(p *packages.Package) bool {
	for _, f := range p.CompiledGoFiles {
		if _, ok := s.rel(f); ok {
			return true
		}
	}
	return false
}

// constrained lists the files of p that build constraints left out (for
// another platform, or a tag not given), other than cgo files, which
// cgoNote reports. Nothing analysed them.
func (s *scan) constrained(p *packages.Package) []string {
	var out []string
	for _, f := range p.IgnoredFiles {
		if !strings.HasSuffix(f, ".go") || (!s.opt.Tests && strings.HasSuffix(f, "_test.go")) || s.importsC(f) {
			continue
		}
		if rel, ok := s.rel(f); ok {
			out = append(out, rel)
		}
	}
	return out
}

// cgoNote names the files of p that the loader left out because they use
// cgo (CGO_ENABLED=0).
func (s *scan) cgoNote(p *packages.Package, label string) []string {
	var cgo []string
	for _, f := range p.IgnoredFiles {
		if !strings.HasSuffix(f, ".go") || !s.importsC(f) {
			continue
		}
		if rel, ok := s.rel(f); ok {
			cgo = append(cgo, rel)
		}
	}
	if len(cgo) == 0 {
		return nil
	}
	slices.Sort(cgo)
	return []string{fmt.Sprintf("%s: %d file%s using cgo not analysed (cgo is off so the scanned code never reaches a C compiler): %s",
		label, len(cgo), plural(len(cgo), "", "s"), strings.Join(cgo, ", "))}
}

// importsC reports whether the Go file at abs imports "C", reading the
// overlay's content when there is one.
func (s *scan) importsC(abs string) bool {
	src, ok := s.opt.Overlay[abs]
	if !ok {
		b, err := safefile.Read(abs, 4<<20)
		if err != nil {
			return false
		}
		src = b
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil || f == nil {
		return false
	}
	for _, imp := range f.Imports {
		if v, err := strconv.Unquote(imp.Path.Value); err == nil && v == "C" {
			return true
		}
	}
	return false
}

// firstError is p's first parse or type error, else its first go list
// error, cleaned for a note.
func (s *scan) firstError(p *packages.Package) string {
	if len(p.Errors) == 0 {
		return ""
	}
	e := p.Errors[0]
	for _, x := range p.Errors {
		if x.Kind != packages.ListError {
			e = x
			break
		}
	}
	msg := e.Msg
	if e.Kind == packages.ListError {
		// the compiler's output under go list -export: "# pkg\nfile:1:2: ..."
		var lines []string
		for _, l := range strings.Split(msg, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "# ") {
				lines = append(lines, l)
			}
		}
		msg = strings.Join(lines, "\n")
	}
	if m := missingImport.FindStringSubmatch(msg); m != nil {
		// what go/packages says of an import go list could not resolve
		msg = "could not import " + m[1] + " (not in the module cache, or no go.sum entry for it; the loader does not download)"
	}
	if e.Pos != "" && e.Pos != "-" {
		msg = e.Pos + ": " + msg
	}
	return s.clean(msg)
}

var missingImport = regexp.MustCompile(`^could not import (\S+) \(invalid package name: ""\)$`)

// illTypedImport names where p's ill-typed imports come from: following
// ill-typed imports (the first by path at each step) down to one whose own
// imports are fine, the package that failed to load.
func illTypedImport(p *packages.Package) string {
	seen := map[*packages.Package]bool{}
	cur, path, first := p, "", ""
	for !seen[cur] {
		seen[cur] = true
		next := ""
		for ip, imp := range cur.Imports {
			if imp != nil && imp.IllTyped && (next == "" || ip < next) {
				next = ip
			}
		}
		if next == "" {
			break
		}
		if first == "" {
			first = next
		}
		cur, path = cur.Imports[next], next
	}
	switch {
	case path == "":
		return "(unknown)"
	case path == first:
		return path
	}
	return path + " (through " + first + ")"
}

func noGoFiles(p *packages.Package) bool {
	for _, e := range p.Errors {
		if !strings.Contains(e.Msg, "no Go files in") {
			return false
		}
	}
	return true
}

func (s *scan) pkgLabel(p *packages.Package) string {
	rel, ok := s.rel(p.Dir)
	if !ok {
		rel = p.PkgPath
	}
	if p.ForTest != "" && p.PkgPath != p.ForTest {
		return rel + " (external test package)"
	}
	return rel
}

// label is a module's directory as the notes print it.
func (s *scan) label(dir string) string {
	if dir == "." || dir == "" {
		return ". (the root module)"
	}
	return dir
}

func (s *scan) abs(rel string) string {
	if rel == "" || rel == "." {
		return s.root
	}
	return filepath.Join(s.root, filepath.FromSlash(rel))
}

// rel makes an absolute path relative to the root; ok is false for a path
// outside it.
func (s *scan) rel(abs string) (string, bool) {
	if abs == "" {
		return "", false
	}
	for _, r := range s.roots {
		rel, err := filepath.Rel(r, abs)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		if rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel) {
			return rel, true
		}
	}
	return "", false
}

func tagFlags(tags []string) []string {
	var clean []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" {
			clean = append(clean, t)
		}
	}
	if len(clean) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(clean, ",")}
}

func regularFile(name string) bool {
	f, _, err := safefile.Open(name)
	if err != nil {
		return false
	}
	_ = f.Close() // read only
	return true
}

var ssaRules = sync.OnceValue(func() string { return compressIDs(analyzerIDs()) })

func ssaRuleList() string { return ssaRules() }
