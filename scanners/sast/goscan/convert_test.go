package goscan

import (
	"bytes"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/securego/gosec/v2/issue"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

func TestLineRange(t *testing.T) {
	for in, want := range map[string][2]int{"16": {16, 16}, "16-18": {16, 18}, "0": {0, 0}, "x": {0, 0}, "9-3": {9, 9}, "7-": {7, 7}} {
		if s, e := lineRange(in); s != want[0] || e != want[1] {
			t.Errorf("lineRange(%q) = %d, %d; want %v", in, s, e, want)
		}
	}
}

func TestSeverityOf(t *testing.T) {
	for _, tc := range []struct {
		rule  string
		score issue.Score
		want  finding.Severity
	}{
		{"G104", issue.Low, finding.Low},
		{"G304", issue.Medium, finding.Medium},
		{"G101", issue.High, finding.High},
		{"G702", issue.High, finding.Critical}, // gosec declares CRITICAL, reports HIGH
		{"G708", issue.High, finding.Critical},
		{"G702", issue.Medium, finding.Medium}, // only HIGH is lifted
		{"G701", issue.High, finding.High},
		{"G999", issue.Score(7), finding.Low},
	} {
		if got := severityOf(tc.rule, tc.score); got != tc.want {
			t.Errorf("severityOf(%s, %s) = %s, want %s", tc.rule, tc.score, got, tc.want)
		}
	}
}

func TestReasonAndTitle(t *testing.T) {
	if r := reason([]issue.SuppressionInfo{{Kind: "inSource"}}); r != "#nosec" {
		t.Errorf("bare #nosec: %q", r)
	}
	if r := reason([]issue.SuppressionInfo{{Justification: "a"}, {Justification: " a "}, {Justification: "b\nc"}}); r != "a; b c" {
		t.Errorf("joined: %q", r)
	}
	for _, tc := range []struct{ rule, what, want string }{
		{"G117", `Marshaled struct field "Password" (JSON key "hunter2") matches secret pattern`, `Marshaled struct field "Password" matches secret pattern`},
		{"G117", `Marshaled struct field "Token" (YAML key "a\"b") matches secret pattern`, `Marshaled struct field "Token" matches secret pattern`},
		{"G101", "Potential hardcoded credentials:\n AWS\u202e key\t", "Potential hardcoded credentials: AWS key"},
	} {
		if got := title(tc.rule, tc.what); got != tc.want {
			t.Errorf("title(%s) = %q, want %q", tc.rule, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	root := filepath.Join(t.TempDir(), "repo")
	s := newScan(Options{Root: root})
	for _, tc := range []struct{ in, want string }{
		{root + "/a/b.go:3:4: cannot use \"hunter2\" (untyped string constant) as int value", `a/b.go:3:4: cannot use "…" (untyped string constant) as int value`},
		{"found `raw\nsecret` here", "found `…`"},
		{"expected ')', found '{'", "expected ')', found '{'"},
		{`unterminated "secret`, `unterminated "…"`},
		{`escaped "a\"b" end`, `escaped "…" end`},
		{`empty "" stays`, `empty "" stays`},
		{"go: " + root + " is the root", "go: . is the root"},
		{strings.Repeat("x", 300), strings.Repeat("x", 239) + "…"},
	} {
		if got := s.clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLoaderEnv(t *testing.T) {
	base := []string{"PATH=/bin", "HOME=/h", "GOFLAGS=-mod=mod", "GOPROXY=https://proxy", "AWS_SECRET_ACCESS_KEY=x", "GOMODCACHE=/m", "GOWORK=/up/go.work", "CGO_ENABLED=1"}
	env := loaderEnv(base, "/cache", "", false)
	get := func(env []string, k string) string {
		v := ""
		for _, kv := range env { // the last one counts, as in exec
			if kk, vv, _ := strings.Cut(kv, "="); kk == k {
				v = vv
			}
		}
		return v
	}
	for k, want := range map[string]string{
		"PATH": "/bin", "HOME": "/h", "GOMODCACHE": "/m", "GOFLAGS": "-mod=readonly -buildvcs=false", "GOPROXY": "off",
		"GOSUMDB": "off", "GOVCS": "*:off", "GOTOOLCHAIN": "local", "GOTELEMETRY": "off", "CGO_ENABLED": "0",
		"GOCACHE": "/cache", "GOWORK": "off", "GOENV": "off", "AWS_SECRET_ACCESS_KEY": "",
	} {
		if got := get(env, k); got != want {
			t.Errorf("%s=%q, want %q", k, got, want)
		}
	}
	for _, kv := range env {
		if strings.HasPrefix(kv, "AWS_") || kv == "GOFLAGS=-mod=mod" || kv == "CGO_ENABLED=1" || kv == "GOWORK=/up/go.work" {
			t.Errorf("%s reached the go command", kv)
		}
	}
	w := loaderEnv(base, "", "/root/w/go.work", true)
	if get(w, "GOWORK") != "/root/w/go.work" || get(w, "GOFLAGS") != "-mod=vendor -buildvcs=false" || get(w, "GOCACHE") != "" {
		t.Errorf("workspace env: %q", w)
	}
}

func TestCompressIDs(t *testing.T) {
	for in, want := range map[string]string{
		"G113 G115 G118 G119 G120 G121 G407 G408 G602 G701 G702 G703": "G113, G115, G118-G121, G407, G408, G602, G701-G703",
		"G1": "G1", "": "",
	} {
		if got := compressIDs(strings.Fields(in)); got != want {
			t.Errorf("compressIDs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIdentity(t *testing.T) {
	src := []byte("package p\n\nimport \"os\"\n\nconst key = \"AKIA-not-real\" // #nosec\n\ntype T[X any] struct{}\n\n" +
		"func (t *T[X]) M(p string) {\n\tos.Remove(p)\n\tos.Remove(p)\n\t_ = `raw\nsecret`\n\t_ = 'x'\n}\n")
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	tf := fset.File(f.Pos())
	for _, tc := range []struct {
		line, end, col int
		want           string
	}{
		{5, 5, 7, `package scope: const key = "…"`},
		{10, 10, 2, "(*T).M: os . Remove ( p )"},
		{12, 13, 2, `(*T).M: _ = "…"`},
		{14, 14, 2, "(*T).M: _ = '…'"},
		{99, 99, 1, "package scope: "},
	} {
		if got := identity(f, tf, src, tc.line, tc.end, tc.col); got != tc.want {
			t.Errorf("identity(line %d) = %q, want %q", tc.line, got, tc.want)
		}
	}
	// Re-indenting or adding a comment does not change it.
	moved := bytes.Replace(src, []byte("\tos.Remove(p)\n\tos.Remove(p)"), []byte("\n\n    os.Remove( p ) // a comment\n\tos.Remove(p)"), 1)
	f2, err := parser.ParseFile(token.NewFileSet(), "p.go", moved, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if got := identity(f2, nil, moved, 12, 12, 5); !strings.HasSuffix(got, "os . Remove ( p )") {
		t.Errorf("moved identity %q", got)
	}
}

func TestDropLineDirectives(t *testing.T) {
	src := []byte("package p\n//line a.go:10\nvar s = \"//line not.go:1\"\n/*line b.go:3*/ var x = 1\n// line c.go:1 is no directive\n")
	got := dropLineDirectives(src)
	want := []byte("package p\n//LINE a.go:10\nvar s = \"//line not.go:1\"\n/*LINE b.go:3*/ var x = 1\n// line c.go:1 is no directive\n")
	if !bytes.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(string(src), "//line a.go") {
		t.Error("the input was modified")
	}
	plain := []byte("package p\n")
	if &dropLineDirectives(plain)[0] != &plain[0] {
		t.Error("a file without directives was copied")
	}
}

// FuzzSourceText: the functions that read scanned source never panic, keep
// offsets, and let no literal through: an identity's only quote characters
// are the placeholders.
func FuzzSourceText(f *testing.F) {
	f.Add([]byte("package p\n//line x.go:1\nvar a = \"secret\" + `raw` + 'c'\n"), 3, 3)
	f.Add([]byte("package p\nvar a = \"unterminated\n"), 2, 2)
	f.Add([]byte("/*line a:1*/package p\nvar b = `multi\nline`\n"), 1, 3)
	f.Fuzz(func(t *testing.T, src []byte, line, end int) {
		out := dropLineDirectives(src)
		if len(out) != len(src) {
			t.Fatalf("length changed: %d -> %d", len(src), len(out))
		}
		if !bytes.Equal(bytes.ReplaceAll(out, []byte("LINE"), []byte("line")), bytes.ReplaceAll(src, []byte("LINE"), []byte("line"))) {
			t.Fatal("more than the directive keyword changed")
		}
		if end < line {
			end = line
		}
		id := lineTokens(src, line, min(end, line+50))
		rest := strings.NewReplacer(`"…"`, "", `'…'`, "").Replace(id)
		if strings.ContainsAny(rest, "\"`'") {
			t.Fatalf("a literal survives in %q", id)
		}
		var s scan
		c := strings.NewReplacer(`"…"`, "", "`…`", "", `""`, "", "``", "").Replace(s.clean(string(src)))
		if strings.ContainsAny(c, "\"`") {
			t.Fatalf("quoted text survives clean: %q", c)
		}
	})
}
