package goscan

import (
	"fmt"
	"go/ast"
	"log"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/securego/gosec/v2"
	"github.com/securego/gosec/v2/analyzers"
	"github.com/securego/gosec/v2/issue"
	"github.com/securego/gosec/v2/rules"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// checked is what gosec made of one package.
type checked struct {
	issues  []*issue.Issue
	metrics gosec.Metrics
	// failures are panics in gosec and analyzers that returned an error:
	// the rules they name did not finish on this package.
	failures []string
	// ssaSkipped is set when gosec could not build the SSA form of a
	// package that has no type errors (the type-error case is noted apart).
	ssaSkipped string
}

// checkPackage runs every gosec rule and analyzer on pkg with a fresh
// Analyzer. trackSuppressions is on, so findings silenced by #nosec come
// back with their Suppressions instead of being dropped.
//
// A panic never leaves this function: the AST rules and the SSA analyzers
// are wrapped one by one (an analyzer runs on a goroutine gosec starts,
// where a panic would end the process), and CheckRules and CheckAnalyzers
// each run under their own recover, so what finished is kept.
//
// overlay is the loader's: gosec's G116 reads each file from disk, which in
// staged mode is not what is being committed, so it is given the overlay.
func checkPackage(pkg *packages.Package, tests bool, overlay map[string][]byte) *checked {
	c := &checked{}
	w := &logWatch{c: c}
	a := gosec.NewAnalyzer(gosec.NewConfig(), tests, false, true, 1, log.New(w, "", 0))
	a.LoadRules(guardRules(w, overlay))
	a.LoadAnalyzers(guardAnalyzers(w))
	w.run("the AST rules", func() { a.CheckRules(pkg) })
	w.run("the SSA analyzers", func() { a.CheckAnalyzers(pkg) })
	issues, metrics, _ := a.Report()
	c.issues = issues
	if metrics != nil {
		c.metrics = *metrics
	}
	return c
}

// logWatch is the Analyzer's logger. It keeps only the lines that say a
// part of the analysis did not happen; gosec's progress lines are dropped.
type logWatch struct {
	mu sync.Mutex
	c  *checked
}

func (w *logWatch) Write(p []byte) (int, error) {
	msg, _, _ := strings.Cut(string(p), "\n")
	switch {
	case strings.HasPrefix(msg, "Panic when running SSA analyzer"):
		w.fail("gosec's SSA builder panicked; the SSA and taint rules did not run")
	case strings.HasPrefix(msg, "Error running analyzer "):
		id, _, _ := strings.Cut(strings.TrimPrefix(msg, "Error running analyzer "), ":")
		w.fail(fmt.Sprintf("analyzer %s failed; it did not finish", strings.TrimSpace(id)))
	case strings.HasPrefix(msg, "Error building the SSA representation"):
		w.mu.Lock()
		w.c.ssaSkipped = msg
		w.mu.Unlock()
	}
	return len(p), nil
}

func (w *logWatch) fail(msg string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range w.c.failures {
		if f == msg {
			return
		}
	}
	w.c.failures = append(w.c.failures, msg)
}

// run calls f and turns a panic into a failure naming what.
func (w *logWatch) run(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			w.fail(fmt.Sprintf("%s panicked (%s); they did not finish", what, panicText(r)))
		}
	}()
	f()
}

// panicText describes a recovered value without echoing it: a panic
// message can quote source text (an SSA value, a constant). A runtime error
// ("index out of range [3] with length 2") is gosec's own and is kept.
func panicText(r any) string {
	if e, ok := r.(runtime.Error); ok {
		return e.Error()
	}
	return fmt.Sprintf("a %T value", r)
}

// guardRules is every gosec AST rule, each wrapped so a panic on one node
// loses only that rule's verdict on it.
func guardRules(w *logWatch, overlay map[string][]byte) (map[string]gosec.RuleBuilder, map[string]bool) {
	builders, suppressed := rules.Generate(true).RulesInfo()
	for id, b := range builders {
		builders[id] = func(id string, conf gosec.Config) (gosec.Rule, []ast.Node) {
			r, nodes := b(id, conf)
			if id == trojanSourceID && len(overlay) > 0 {
				r = trojanOverlay{Rule: r, overlay: overlay}
			}
			return guardedRule{Rule: r, w: w}, nodes
		}
	}
	return builders, suppressed
}

// trojanSourceID is gosec's Trojan Source rule, which reads the file from
// disk rather than the source the loader parsed.
const trojanSourceID = "G116"

// bidiControls are the characters gosec's G116 looks for: bidirectional
// embeddings, overrides, isolates and marks.
var bidiControls = []rune{'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f'}

// trojanOverlay is G116 for a file the overlay replaces (a staged blob):
// the overlay's content is checked, as gosec checks the file on disk, so a
// staged Trojan Source file cannot pass because the working copy is clean
// (and a clean staged file is not blamed for the working copy).
type trojanOverlay struct {
	gosec.Rule
	overlay map[string][]byte
}

func (r trojanOverlay) Match(n ast.Node, c *gosec.Context) (*issue.Issue, error) {
	f, ok := n.(*ast.File)
	if !ok {
		return nil, nil
	}
	tf := c.FileSet.File(f.Pos())
	if tf == nil {
		return nil, nil
	}
	src, staged := r.overlay[tf.Name()]
	if !staged {
		return r.Rule.Match(n, c)
	}
	if !strings.ContainsFunc(string(src), func(ch rune) bool { return slices.Contains(bidiControls, ch) }) {
		return nil, nil
	}
	return c.NewIssue(n, trojanSourceID, "Potential Trojan Source vulnerability via use of bidirectional text control characters", issue.High, issue.Medium), nil
}

type guardedRule struct {
	gosec.Rule
	w *logWatch
}

func (g guardedRule) Match(n ast.Node, ctx *gosec.Context) (is *issue.Issue, err error) {
	defer func() {
		if r := recover(); r != nil {
			g.w.fail(fmt.Sprintf("rule %s panicked (%s); it missed part of the package", g.ID(), panicText(r)))
			is, err = nil, nil
		}
	}()
	return g.Rule.Match(n, ctx)
}

// guardAnalyzers is every gosec SSA analyzer, each wrapped with a recover.
func guardAnalyzers(w *logWatch) (map[string]analyzers.AnalyzerDefinition, map[string]bool) {
	defs, suppressed := analyzers.Generate(true).AnalyzersInfo()
	for id, d := range defs {
		create := d.Create
		d.Create = func(id, desc string) *analysis.Analyzer {
			a := *create(id, desc)
			run := a.Run
			a.Run = func(p *analysis.Pass) (res any, err error) {
				defer func() {
					if r := recover(); r != nil {
						w.fail(fmt.Sprintf("analyzer %s panicked (%s); it did not finish", id, panicText(r)))
						res, err = nil, nil
					}
				}()
				return run(p)
			}
			return &a
		}
		defs[id] = d
	}
	return defs, suppressed
}
