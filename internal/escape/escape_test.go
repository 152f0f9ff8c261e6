package escape

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"plain text stays", `config/risk.yaml: max_leverage = 5 (5.0x) C:\new`, `config/risk.yaml: max_leverage = 5 (5.0x) C:\new`},
		{"non-ASCII letters stay", "größe 価格 ✅ 🦀", "größe 価格 ✅ 🦀"},
		{"newline carriage return tab", "a\nb\rc\td", `a\nb\rc\td`},
		{"ESC sequence", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"OSC 8 hyperlink", "\x1b]8;;http://e\x07x\x1b]8;;\x07", `\x1b]8;;http://e\x07x\x1b]8;;\x07`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"C1 controls", "a\u0085b\u009bc", `a\u0085b\u009bc`},
		{"right-to-left override", "evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"bidi isolates and marks", "\u2066\u2067\u2068\u2069\u200e\u200f\u061c", `\u2066\u2067\u2068\u2069\u200e\u200f\u061c`},
		{"embeddings", "\u202a\u202b\u202c\u202d", `\u202a\u202b\u202c\u202d`},
		{"BOM", "\ufeffx", `\ufeffx`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"UTF-8 encoded surrogate", "\xed\xa0\x80", `\xed\xa0\x80`},
		{"replacement character stays", "\ufffd", "\ufffd"},
		{"zero-width joiner stays (emoji)", "👩\u200d💻", "👩\u200d💻"},
		{"backslash escapes are not doubled", `\n\x1b`, `\n\x1b`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Terminal(tc.in); got != tc.want {
				t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// runnerUnescape is the runner's unescape (actions/runner ActionCommand.cs):
// replacements applied one after another, in the runner's order.
func runnerUnescape(s string, pairs ...string) string {
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i+1], pairs[i])
	}
	return s
}

func unescapeData(s string) string { return runnerUnescape(s, "\r", "%0D", "\n", "%0A", "%", "%25") }

func unescapeProperty(s string) string {
	return runnerUnescape(s, "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C", "%", "%25")
}

func TestWorkflow(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"", "", ""},
		{"plain message", "plain message", "plain message"},
		{"100% done", "100%25 done", "100%25 done"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"x\n::error::forged", "x%0A::error::forged", "x%0A%3A%3Aerror%3A%3Aforged"},
		{"src/a.go,line=1", "src/a.go,line=1", "src/a.go%2Cline=1"},
		{"%0A literal", "%250A literal", "%250A literal"},
		{"%25", "%2525", "%2525"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := WorkflowData(tc.in); got != tc.data {
				t.Errorf("WorkflowData(%q) = %q, want %q", tc.in, got, tc.data)
			}
			if got := WorkflowProperty(tc.in); got != tc.prop {
				t.Errorf("WorkflowProperty(%q) = %q, want %q", tc.in, got, tc.prop)
			}
			if got := unescapeData(WorkflowData(tc.in)); got != tc.in {
				t.Errorf("runner reads data %q back as %q", tc.in, got)
			}
			if got := unescapeProperty(WorkflowProperty(tc.in)); got != tc.in {
				t.Errorf("runner reads property %q back as %q", tc.in, got)
			}
		})
	}
}

func TestWorkflowLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "scanning 12 files", "scanning 12 files"},
		{"colons inside are harmless", "std::string at a.cc:3", "std::string at a.cc:3"},
		{"command at start", "::error::forged", `\x3a:error::forged`},
		{"command after spaces", "   ::add-mask::x", `   \x3a:add-mask::x`},
		{"command after tab", "\t::warning::x", `\t::warning::x`},
		{"command after Unicode space", "\u3000::error::x", "\u3000\\x3a:error::x"},
		{"command after invisible format character", "\u200b::error::x", "\u200b\\x3a:error::x"},
		{"command on the next line", "ok\n::set-output name=x::y", `ok\n::set-output name=x::y`},
		{"command after CR", "ok\r::error::x", `ok\r::error::x`},
		{"legacy command anywhere", "path ##[error]forged", `path ##\x5berror]forged`},
		{"legacy stop-commands", "##[stop-commands]tok", `##\x5bstop-commands]tok`},
		{"overlapping legacy prefix", "###[x]", `###\x5bx]`},
		{"single colon", ":x", ":x"},
		{"escapes controls", "a\x1b[2Jb", `a\x1b[2Jb`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := WorkflowLine(tc.in); got != tc.want {
				t.Errorf("WorkflowLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMarkdownSource(t *testing.T) {
	for _, tc := range []struct{ name, fn, in, want string }{
		{"text: letters and digits stay", "text", "abc 123 größe", "abc 123 größe"},
		{"text: all ASCII punctuation escaped", "text", "!\"#$%&'()*+,-./:;<=>?[\\]^_`{|}~", `\!\"\#\$\%\&\'\(\)\*\+\,\-\.\/\:\;\<\=\>\?\[\\\]\^\_\` + "`" + `\{\|\}\~`},
		{"text: newline shown, its backslash escaped", "text", "a\nb", `a\\nb`},
		{"text: @ after the start is guarded", "text", "a@b.co", `a<!-- -->\@b\.co`},
		{"text: leading @ is not", "text", "@b.co", `\@b\.co`},
		{"text: edge spaces kept as references", "text", "  a b  ", "&#32;&#32;a b&#32;&#32;"},
		{"text: empty", "text", "", ""},
		{"code: plain", "code", "G204", "`G204`"},
		{"code: backticks get a longer fence", "code", "a`b``c", "```a`b``c```"},
		{"code: leading backtick is padded", "code", "`x", "`` `x ``"},
		{"code: edge spaces are padded", "code", " x ", "`  x  `"},
		{"code: one edge space is not", "code", " x", "` x`"},
		{"code: only spaces", "code", "  ", "`  `"},
		{"code: newline shown", "code", "a\nb", "`a\\nb`"},
		{"code: pipe stays outside a table", "code", "a|b", "`a|b`"},
		{"code: empty", "code", "", ""},
		{"code cell: pipe escaped", "codecell", "a|b", "`a\\|b`"},
		{"html: markup escaped", "html", "<b>&\"'\n", "&lt;b&gt;&amp;&#34;&#39;\\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]func(string) string{
				"text": MarkdownText, "code": MarkdownCode, "codecell": MarkdownCodeCell, "html": HTML,
			}[tc.fn](tc.in)
			if got != tc.want {
				t.Errorf("%s(%q) = %q, want %q", tc.fn, tc.in, got, tc.want)
			}
		})
	}
}

// terminalClean is what every Terminal result must be: valid UTF-8, one line,
// and free of anything Terminal escapes.
func terminalClean(t *testing.T, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("not valid UTF-8: %q", out)
	}
	for i, r := range out {
		if unsafeRune(r, utf8.RuneLen(r)) {
			t.Fatalf("%q left in at %d: %q", r, i, out)
		}
	}
}

func FuzzTerminal(f *testing.F) {
	for _, s := range []string{"", "plain", "a\nb\r\tc", "\x1b[31m", "\u202e\u2066", "\xff\xc3", "\u0085", `\x1b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Terminal(s)
		terminalClean(t, out)
		if again := Terminal(out); again != out {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
		clean := utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return unsafeRune(r, utf8.RuneLen(r)) }) < 0
		if clean != (out == s) {
			t.Fatalf("Terminal(%q) = %q: a string is changed if and only if it holds something to escape", s, out)
		}
	})
}

func FuzzWorkflow(f *testing.F) {
	for _, s := range []string{"", "%", "%0A", "%250D", "a\r\nb", "x:y,z", "::error::x", "%%3A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		data, prop := WorkflowData(s), WorkflowProperty(s)
		if strings.ContainsAny(data, "\r\n") || strings.ContainsAny(prop, "\r\n:,") {
			t.Fatalf("a separator survived: data %q, property %q", data, prop)
		}
		if got := unescapeData(data); got != s {
			t.Fatalf("runner reads data %q as %q", s, got)
		}
		if got := unescapeProperty(prop); got != s {
			t.Fatalf("runner reads property %q as %q", s, got)
		}
	})
}

func FuzzWorkflowLine(f *testing.F) {
	for _, s := range []string{"", "::error::x", " \t::x::y", "ok\n::x::y", "a ##[error]b", "\u00a0::x::", "\ufeff::x::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := WorkflowLine(s)
		terminalClean(t, out)
		// What the runner checks: TryParseV2 trims leading white space
		// (and, in older .NET, U+180E and U+FEFF), TryParse looks anywhere.
		rest := strings.TrimLeftFunc(out, func(r rune) bool { return unicode.IsSpace(r) || r == '\u180e' || r == '\ufeff' })
		if strings.HasPrefix(rest, "::") {
			t.Fatalf("WorkflowLine(%q) = %q starts a command", s, out)
		}
		if strings.Contains(out, "##[") {
			t.Fatalf("WorkflowLine(%q) = %q holds a legacy command", s, out)
		}
	})
}
