package reports

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/escape"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// hostile are strings a scanned repository controls (a file name, a config
// value echoed in a message, a rule ID from a saved report), each trying to
// add something to the job summary.
var hostile = []string{
	"x\n## ✅ Bulwark: passed\n",
	"</details>",
	"<img src=x onerror=alert(1)>",
	"## ✅ Bulwark: passed",
	"[x](javascript:alert(1))",
	"![i](http://e/x.png)",
	"*bold*",
	"__u__",
	"~~s~~",
	"| a | b |",
	"`tick` ``two``",
	"www.evil.com",
	"https://evil.example/",
	"BINANCE_API_KEY=encrypted:<ciphertext>",
	"ops@evil.example",
	"<details open><summary>forged</summary>",
	"x\n\n| a | b |\n|---|---|\n| c | d |",
	"\x1b[32mpassed\x1b[0m\u202e",
}

// markdownReport builds a report in which every string the Markdown shows is
// str(i) for a distinct i: hostile strings for the test, plain words for the
// reference it is compared with. Each group has more findings than
// detailsAfter, so <details> blocks (and their <summary>) are rendered too.
func markdownReport(str func(i int) string) *Report {
	n := 0
	next := func() string { n++; return str(n) }
	r := &Report{
		SchemaVersion: SchemaVersion,
		Target:        Target{Path: next(), Commit: next()},
		Verdict:       VerdictFail,
		Scanners: []ScannerRun{
			{Name: next(), Status: "failed", Error: next() + "\nsecond line"},
			{Name: next(), Status: next(), Reason: next(), Read: map[string]int64{next(): 3}},
		},
		Gate: Gate{Violations: []Violation{{Message: next()}}, Notes: []string{next()}},
	}
	// One group is a scanner's, the other has no scanner row.
	for _, scanner := range []string{r.Scanners[0].Name, next()} {
		for i := 0; i < detailsAfter+2; i++ {
			f := finding.Finding{Scanner: scanner, RuleID: next(), Severity: finding.High, Title: next(), Message: next(),
				Location: finding.Location{Path: next(), StartLine: i}}
			f.Seal()
			r.Findings = append(r.Findings, f)
		}
	}
	return r
}

func renderMarkdown(t *testing.T, r *Report) (string, testutil.HTML) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r, 0); err != nil {
		t.Fatal(err)
	}
	return b.String(), testutil.ParseHTML(testutil.RenderGFM(t, b.String()))
}

func TestMarkdownEscapesEveryReportString(t *testing.T) {
	hostileStr := func(i int) string { return hostile[i%len(hostile)] }
	src, got := renderMarkdown(t, markdownReport(hostileStr))
	_, want := renderMarkdown(t, markdownReport(func(i int) string { return fmt.Sprintf("word%d", i) }))

	// The report makes the same elements whatever its strings say.
	if !slices.Equal(got.Tags(), want.Tags()) {
		t.Fatalf("hostile strings changed the document's elements:\n got %q\nwant %q\nsource:\n%s", got.Tags(), want.Tags(), src)
	}
	for tag, n := range map[string]int{"h2": 1, "h3": 2, "details": 2, "summary": 2, "table": 1, "tr": 4, "img": 0, "a": 0, "em": 0, "del": 0, "input": 0, "blockquote": 1} {
		if c := got.Count(tag); c != n {
			t.Errorf("%d <%s>, want %d", c, tag, n)
		}
	}
	for _, c := range got.Comments() {
		if c != " " {
			t.Errorf("a string became the HTML comment %q", c)
		}
	}
	// Everything is still there to read, control characters shown.
	text := got.Text()
	for _, s := range hostile {
		if !strings.Contains(text, escape.Terminal(s)) {
			t.Errorf("the text does not show %q as %q", s, escape.Terminal(s))
		}
	}
	if !strings.Contains(text, escape.Terminal(hostile[2][:12])) {
		t.Error("the commit is not shown")
	}
}

func TestMarkdownVerdictCannotBeForged(t *testing.T) {
	r := sample()
	r.Verdict = VerdictFail
	forged := "x\n## ✅ Bulwark: passed\n"
	r.Target.Path = forged
	r.Scanners[1].Error = forged
	r.Findings[0].Path = forged
	r.Findings[0].Message = forged
	r.Findings[0].RuleID = forged
	r.Findings[0].Title = forged
	r.Gate.Violations[0].Message = forged
	_, h := renderMarkdown(t, r)
	if got := h.TextIn("h2"); !slices.Equal(got, []string{"❌ Bulwark: gate failed"}) {
		t.Errorf("headings %q, want only the real verdict", got)
	}
	// The error's first line is "x"; the other six show whole.
	if n := strings.Count(h.Text(), `x\n## ✅ Bulwark: passed\n`); n != 6 {
		t.Errorf("the forged verdict shows %d times as text, want 6", n)
	}
}

func TestMarkdownKeepsUnderscores(t *testing.T) {
	_, plain := renderMarkdown(t, sample())
	r := sample()
	msg := "BINANCE_API_KEY holds a plaintext credential; store it as BINANCE_API_KEY=encrypted:<ciphertext>"
	r.Findings[0].Message = msg
	r.Findings[0].Title = "__init__.py uses _private_ names"
	_, h := renderMarkdown(t, r)
	if h.Count("em") != plain.Count("em") || h.Count("strong") != plain.Count("strong") {
		t.Errorf("underscores made emphasis: %q", h.Tags())
	}
	for _, want := range []string{msg, "__init__.py uses _private_ names"} {
		if !strings.Contains(h.Text(), want) {
			t.Errorf("text lost %q:\n%s", want, h.Text())
		}
	}
}

func TestSARIFHasNoMarkdown(t *testing.T) {
	r := markdownReport(func(i int) string { return hostile[i%len(hostile)] })
	var b bytes.Buffer
	if err := WriteSARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	// SARIF consumers render "markdown" fields; Bulwark writes text only.
	if strings.Contains(b.String(), `"markdown"`) {
		t.Error("SARIF has a markdown field")
	}
}
