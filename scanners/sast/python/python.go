// Package python is the Python half of Bulwark's SAST scanner: a rule engine
// in the manner of Bandit 1.6.2 over the tree of internal/pyparse. It covers
// every test and blacklist entry of Bandit 1.6.2, two newer Bandit checks
// (B113, B202) and four checks of its own (BanditID ""), resolves imports
// and aliases per file, and follows data within a function to rate shell
// commands and SQL (see Flows).
//
// Analyze is deterministic, safe for concurrent use on different files, and
// never panics: a failure inside a rule becomes a note on the file.
//
// Where it departs from Bandit 1.6.2 on purpose, the rule's Description says
// so; the general differences are:
//   - Bandit 1.6.2 on Python 3.8+ never runs its string checks (B104, B105,
//     B108, B608): the AST node is Constant, not Str, and its visitor has no
//     visit_Constant. They run here, with the semantics of their plugins.
//   - `# nosec` that names rules (`# nosec B602, B607` or
//     `# nosec python.subprocess_shell`) suppresses only those rules; Bandit
//     1.6.2 treats any comment containing "# nosec" as a bare nosec.
//   - A "# nosec" inside a string literal does not suppress (Bandit 1.6.2
//     honours it through an operator-precedence slip).
//   - A file that does not parse is analysed as far as the tree goes (Bandit
//     skips it).
//   - Assignments that shadow an imported name are not tracked: after
//     `import os` and `os = Fake()`, os.system still means the os module.
package python

import (
	"context"
	"fmt"
	"sort"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
	"github.com/bulwark-sec/bulwark/scanners/pysrc"
)

// Issue is one finding in one file.
type Issue struct {
	Rule     string // Bulwark rule ID: "python.subprocess_shell"
	BanditID string // "B602"; "" for checks beyond Bandit
	// Line is the line Bandit reports: where the node starts, or for the
	// checks Bandit reports at a keyword argument (shell=, debug=, verify=),
	// the line of that argument's value. Col is 1-based (bytes).
	Line, EndLine, Col int
	Severity           finding.Severity // Bandit's severity, adjusted by data flow where the rule says so
	Confidence         string           // "low" | "medium" | "high"
	CWE                string           // "CWE-78"
	Message            string           // one line; names calls and variables, never a literal's value
	// Identity is the stable, line-free content for the fingerprint: rule,
	// qualified call name, enclosing function and the occurrence number
	// among equal identities in the file. It holds no literal's value.
	Identity string
	// Taint names what made the data untrusted when data flow raised the
	// severity ("parameter cmd", "flask request", "os.environ", "sys.argv",
	// "input()"), "constant" when it lowered it, "" otherwise.
	Taint string
}

// Suppressed is an issue a `# nosec` comment took out, and the comment's
// reason: "nosec" for a bare one, else the text after the rule IDs.
type Suppressed struct {
	Issue
	Reason string
}

// FileResult is what Analyze found in one file.
type FileResult struct {
	Issues      []Issue // sorted by line, col, rule
	Suppressed  []Suppressed
	ParseErrors int      // ERROR and MISSING nodes of the parse
	Notes       []string // "does not parse cleanly: …", "nesting truncated at depth N", internal errors
	// QuietInTests counts what QuietInTests rules found in a test file and
	// were not reported, so the report can say so.
	QuietInTests int
}

// QuietInTests are the Bandit checks whose risk is nil in test code, so
// they are not reported in test files (IsTestFile): pytest checks with
// assert (B101); test credentials, temporary paths and random data are
// fixtures (B105, B106, B107, B108, B311), and the secrets scanner still
// reads test files for real credentials; tests drive subprocesses and
// local servers (B404, B603, B113) and swallow expected errors (B110,
// B112). Everything else, eval, shell=True, pickle, yaml.load, weak TLS, is
// reported in tests too: test code runs on CI machines that hold secrets.
var QuietInTests = map[string]bool{
	"B101": true, "B105": true, "B106": true, "B107": true, "B108": true, "B110": true,
	"B112": true, "B113": true, "B311": true, "B404": true, "B603": true,
}

// RuleInfo is a catalogue entry.
type RuleInfo struct {
	finding.Rule
	BanditID   string
	Confidence string // Bandit's confidence for the rule's usual finding
}

// AnalyzeOptions carry what the tree does not know.
type AnalyzeOptions struct {
	// Path is the file's repository-relative, slash-separated path. It is
	// used only to recognise test files, where B101 (assert) is not reported:
	// test_*.py, *_test.py, conftest.py, and anything under a tests/ or test/
	// directory. With no Path the file is not a test file.
	Path string
}

// Analyze analyses an already-parsed file that is not a test file.
func Analyze(f *pyparse.File) *FileResult { return AnalyzeWith(f, AnalyzeOptions{}) }

// AnalyzeSource parses src and analyses it.
func AnalyzeSource(ctx context.Context, src []byte) (*FileResult, error) {
	return AnalyzeSourceWith(ctx, src, AnalyzeOptions{})
}

// AnalyzeSourceWith parses src and analyses it with options.
func AnalyzeSourceWith(ctx context.Context, src []byte, opt AnalyzeOptions) (*FileResult, error) {
	f, err := pyparse.Parse(ctx, src, pyparse.Options{})
	if err != nil {
		return nil, fmt.Errorf("python: %w", err)
	}
	return AnalyzeWith(f, opt), nil
}

// AnalyzeWith analyses an already-parsed file.
func AnalyzeWith(f *pyparse.File, opt AnalyzeOptions) (res *FileResult) {
	res = &FileResult{Issues: []Issue{}, Suppressed: []Suppressed{}, Notes: []string{}}
	if f == nil || f.Root == nil {
		res.Notes = append(res.Notes, "no syntax tree to analyse")
		return res
	}
	res.ParseErrors = f.Errors
	if f.Errors > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("does not parse cleanly: %d errors; analysed as far as the tree goes", f.Errors))
	}
	if f.Truncated {
		res.Notes = append(res.Notes, fmt.Sprintf("nesting truncated at depth %d", f.MaxDepth))
	}
	a := newAnalyzer(f, opt)
	defer func() {
		if r := recover(); r != nil {
			res.Issues, res.Suppressed = []Issue{}, []Suppressed{}
			res.Notes = append(res.Notes, fmt.Sprintf("internal error, file not analysed: %v", r))
		}
	}()
	a.run()
	a.finish(res)
	res.QuietInTests = a.quiet
	return res
}

// IsTestFile reports whether a slash-separated path names a test file, where
// the QuietInTests rules are not reported (pysrc.IsTestFile).
func IsTestFile(p string) bool { return pysrc.IsTestFile(p) }

// finish sorts, numbers identities and splits off suppressed issues.
func (a *analyzer) finish(res *FileResult) {
	sort.SliceStable(a.found, func(i, j int) bool {
		x, y := a.found[i].issue, a.found[j].issue
		if x.Line != y.Line {
			return x.Line < y.Line
		}
		if x.Col != y.Col {
			return x.Col < y.Col
		}
		return x.Rule < y.Rule
	})
	seen := map[string]int{}
	for _, fd := range a.found {
		is := fd.issue
		seen[is.Identity]++
		if k := seen[is.Identity]; k > 1 {
			is.Identity = fmt.Sprintf("%s#%d", is.Identity, k)
		}
		if reason, ok := a.suppressedBy(fd); ok {
			res.Suppressed = append(res.Suppressed, Suppressed{Issue: is, Reason: reason})
			continue
		}
		res.Issues = append(res.Issues, is)
	}
}
