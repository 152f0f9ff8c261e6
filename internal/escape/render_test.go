package escape

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// attacks are strings a scanned repository can put in a file name, a
// message or a rule ID, each meant to become Markdown or HTML.
var attacks = []string{
	"x\n## ✅ Bulwark: passed\n",
	"</details>",
	"<img src=x onerror=alert(1)>",
	"## ✅ Bulwark: passed",
	"[x](javascript:alert(1))",
	"![i](http://e/x.png)",
	"*bold* **strong**",
	"__u__ _i_",
	"~~s~~ ~t~",
	"| a | b |",
	"a | b\n|---|---|\n| c | d |",
	"`code` and ``two`` ```",
	"www.evil.com",
	"see https://evil.example/ now",
	"http://x.y",
	"mail user@example.com or mailto:a@b.co",
	"BINANCE_API_KEY=encrypted:<ciphertext>",
	"&lt;b&gt; &amp; &#x3C;",
	"<!-- hidden -->",
	"<https://autolink.example>",
	"- [x] task",
	"1. one",
	"> quote",
	"    indented code",
	"---",
	"===",
	"# h1",
	"***",
	"```\nfence\n```",
	"line\\",
	"trailing spaces  \nbreak",
	"[ref]: http://evil.example",
	"[ref]",
	"[^1]",
	"<details><summary>x</summary>",
	"\x1b[31mred\x1b[0m \u202eevil \xff",
	"$x^2$ :smile: @someone #123",
	"\\`\\*\\_",
	"\t\ttabbed",
	"  @lead  ",
	"@evil.com",
}

// checkInert renders src and the same template with a harmless word in place
// of each escaped string; the structure must match, and each element named
// tag must show the wanted texts.
func checkInert(t *testing.T, tmpl string, esc func(string) string, s string, tag string, want ...string) {
	t.Helper()
	n := strings.Count(tmpl, "%s")
	args, benign := make([]any, n), make([]any, n)
	for i := range args {
		args[i], benign[i] = esc(s), esc("word")
	}
	got := testutil.ParseHTML(testutil.RenderGFM(t, fmt.Sprintf(tmpl, args...)))
	ref := testutil.ParseHTML(testutil.RenderGFM(t, fmt.Sprintf(tmpl, benign...)))
	if !slices.Equal(got.Tags(), ref.Tags()) {
		t.Fatalf("%q in %q made elements:\n got %q\nwant %q", s, tmpl, got.Tags(), ref.Tags())
	}
	for _, c := range got.Comments() {
		if c != " " {
			t.Fatalf("%q in %q made the comment %q", s, tmpl, c)
		}
	}
	if texts := got.TextIn(tag); !slices.Equal(texts, want) {
		t.Fatalf("%q in %q shows %q in <%s>, want %q", s, tmpl, texts, tag, want)
	}
}

func TestMarkdownTextIsInert(t *testing.T) {
	for _, s := range attacks {
		v := Terminal(s)
		t.Run(s, func(t *testing.T) {
			checkInert(t, "%s\n", MarkdownText, s, "p", v)
			checkInert(t, "para\n%s\n", MarkdownText, s, "p", "para\n"+v)
			checkInert(t, "- **HIGH** `r` %s\n  %s\n", MarkdownText, s, "li", "HIGH r "+v+"\n"+v)
			checkInert(t, "### %s (3)\n", MarkdownText, s, "h3", v+" (3)")
			checkInert(t, "> Note: %s\n", MarkdownText, s, "p", "Note: "+v)
			checkInert(t, "a *%s* b\n", MarkdownText, s, "em", v)
			checkInert(t, "x %s y %s\n", MarkdownText, s, "p", "x "+v+" y "+v)
		})
	}
}

func TestMarkdownCellIsInert(t *testing.T) {
	table := "| scanner | status |\n|---|--:|\n| %s | %s |\n"
	for _, s := range attacks {
		v := Terminal(s)
		t.Run(s, func(t *testing.T) {
			checkInert(t, table, MarkdownCell, s, "td", v, v)
			if s != "" {
				checkInert(t, table, MarkdownCodeCell, s, "code", v, v)
			}
		})
	}
}

func TestMarkdownCodeIsInert(t *testing.T) {
	for _, s := range append(attacks, "`", "``", " ` ", "a ` b", "   ") {
		v := Terminal(s)
		t.Run(s, func(t *testing.T) {
			checkInert(t, "%s\n", MarkdownCode, s, "code", v)
			checkInert(t, "- **HIGH** %s title — %s\n", MarkdownCode, s, "code", v, v)
		})
	}
}

func TestHTMLInRawBlock(t *testing.T) {
	for _, s := range attacks {
		t.Run(s, func(t *testing.T) {
			checkInert(t, "\n<details><summary>2 more from %s</summary>\n\n- item\n\n</details>\n", HTML, s, "summary", "2 more from "+Terminal(s))
		})
	}
}

func FuzzMarkdownInert(f *testing.F) {
	for _, s := range attacks {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := testutil.ParseHTML(testutil.RenderGFM(t, MarkdownText(s)))
		if s == "" {
			if len(h) != 0 {
				t.Fatalf("empty text rendered as %q", h.Tags())
			}
			return
		}
		if tags := h.Tags(); !slices.Equal(tags, []string{"<p>", "</p>"}) {
			t.Fatalf("MarkdownText(%q) = %q rendered elements %q", s, MarkdownText(s), tags)
		}
		for _, c := range h.Comments() {
			if c != " " {
				t.Fatalf("MarkdownText(%q) made the comment %q", s, c)
			}
		}
		if got, want := h.Text(), Terminal(s)+"\n"; got != want {
			t.Fatalf("MarkdownText(%q) = %q shows %q, want %q", s, MarkdownText(s), got, want)
		}
	})
}

func FuzzMarkdownCode(f *testing.F) {
	for _, s := range append(attacks, "`", " ` ", "  ") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return
		}
		v := Terminal(s)
		h := testutil.ParseHTML(testutil.RenderGFM(t, "x "+MarkdownCode(s)+" y\n"))
		if tags := h.Tags(); !slices.Equal(tags, []string{"<p>", "<code>", "</code>", "</p>"}) {
			t.Fatalf("MarkdownCode(%q) = %q rendered elements %q", s, MarkdownCode(s), tags)
		}
		if got := h.TextIn("code"); !slices.Equal(got, []string{v}) {
			t.Fatalf("MarkdownCode(%q) = %q shows %q, want %q", s, MarkdownCode(s), got, v)
		}
		row := func(s string) string {
			return "| a | b |\n|---|---|\n| " + MarkdownCell(s) + " | " + MarkdownCodeCell(s) + " |\n"
		}
		h = testutil.ParseHTML(testutil.RenderGFM(t, row(s)))
		ref := testutil.ParseHTML(testutil.RenderGFM(t, row("word")))
		if !slices.Equal(h.Tags(), ref.Tags()) {
			t.Fatalf("table row %q rendered elements %q", row(s), h.Tags())
		}
		if got := h.TextIn("td"); !slices.Equal(got, []string{v, v}) {
			t.Fatalf("table row %q shows cells %q, want two of %q", row(s), got, v)
		}
	})
}
