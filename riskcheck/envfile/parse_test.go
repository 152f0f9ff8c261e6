package envfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

func TestParseSyntax(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "syntax.env"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Key: "APP_NAME", Value: "bulwark-demo", Line: 2, EndLine: 2},
		{Key: "SPACED", Value: "two words", Line: 3, EndLine: 3},
		{Key: "HASH_IN_VALUE", Value: "a#b", Line: 4, EndLine: 4},
		{Key: "EMPTY", Value: "", Line: 5, EndLine: 5},
		{Key: "EMPTY_COMMENT", Value: "", Line: 6, EndLine: 6},
		{Key: "SINGLE", Value: `literal $HOME \n stays`, Line: 7, EndLine: 7},
		{Key: "DOUBLE", Value: "line1\nline \"two\" \\ $HOME", Line: 8, EndLine: 8},
		{Key: "BACKTICK", Value: "tick", Line: 9, EndLine: 9},
		{Key: "MULTI", Value: "first\nsecond", Line: 10, EndLine: 11},
		{Key: "MULTI_SINGLE", Value: "one\ntwo", Line: 12, EndLine: 13},
		{Key: "INHERITED_FROM_HOST", Line: 14, EndLine: 14, Bare: true},
		{Key: "dotted.key-name", Value: "ok", Line: 15, EndLine: 15},
		{Key: "CRLF_VALUE", Value: "windows", Line: 16, EndLine: 16},
		{Key: "CRLF_LINE", Value: "crlf", Line: 17, EndLine: 17},
	}
	if len(f.Entries) != len(want) {
		t.Fatalf("%d entries, want %d: %+v", len(f.Entries), len(want), f.Entries)
	}
	for i, w := range want {
		got := f.Entries[i]
		span := string(data[got.Start:got.End])
		switch {
		case got.Bare:
		case !strings.ContainsAny(span, "\\\r\n") && span != w.Value:
			t.Errorf("entry %d: span %q is not the value %q", i, span, w.Value)
		case strings.ContainsAny(span, "\\\n") && !strings.ContainsRune("\"'`", rune(data[got.End])):
			t.Errorf("entry %d: a quoted value's span does not end at its quote", i)
		}
		got.Start, got.End = 0, 0
		if got != w {
			t.Errorf("entry %d = %+v, want %+v", i, got, w)
		}
	}
	if e, ok := f.Get("MULTI"); !ok || e.Line != 10 {
		t.Errorf("Get(MULTI) = %+v, %v", e, ok)
	}
	last, _ := Parse([]byte("A=1\nA=2\n"))
	if e, _ := last.Get("A"); e.Value != "2" || e.Line != 2 {
		t.Errorf("the last assignment does not win: %+v", e)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		line int
	}{
		{"A=1\nnot an assignment\n", 2},
		{"A=\"open\nB=2\n", 1},
		{"# c\n\nB='open\n", 3},
		{"1BAD=x\n", 1},
		{"A='x' y\n", 1},
		{"A=\"x\"\"y\"\n", 1},
		{"A=1\nB=2\x00\n", 2},
		{"A=1\n\xff\xfe\n", 2},
		{"KEY: value\n", 1},
		{"=value\n", 1},
		{"export\tA=\"x\ny\nz\" junk\n", 3},
	} {
		_, err := Parse([]byte(tc.in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != tc.line {
			t.Errorf("%q: err %v, want a parse error at line %d", tc.in, err, tc.line)
		}
	}
}

// TestParseBounded feeds inputs that would be slow for a careless parser:
// each must fail (or pass) fast.
func TestParseBounded(t *testing.T) {
	junk := make([]byte, 1<<20-1)
	for i := range junk {
		junk[i] = byte(i*7 + i>>8) // binary, invalid UTF-8, no NUL until wrapped
	}
	for name, in := range map[string][]byte{
		"50 MB":            bytes.Repeat([]byte("A=1\n"), 50<<20/4),
		"binary junk":      junk,
		"open quote":       append([]byte("A=\""), bytes.Repeat([]byte("x\n"), 1<<19-4)...),
		"one long line":    append([]byte("A="), bytes.Repeat([]byte("b "), 1<<19-4)...),
		"many assignments": bytes.Repeat([]byte("A=\"\"\n"), 1<<20/5),
	} {
		start := time.Now()
		_, _ = Parse(in)
		_ = Check(".env", in, 0o600, true)
		if took := time.Since(start); took > 2*time.Second*testutil.Slowdown {
			t.Errorf("%s: %s", name, took)
		}
	}
	if _, err := Parse(bytes.Repeat([]byte("A=1\n"), 50<<20/4)); err == nil || !strings.Contains(err.Error(), "bytes") {
		t.Errorf("a 50 MB file parsed: %v", err)
	}
}

func TestEnvironment(t *testing.T) {
	for in, want := range map[string]string{
		"ENVIRONMENT=prod\n": "production", "APP_ENV=Production\n": "production", "NODE_ENV=production\n": "production",
		"APP_ENV=Staging\n": "staging", "JESSE_ENV=dev\n": "development", "STAGE=qa\n": "qa",
		"ENV=${DEPLOY}\n": "", "X=1\n": "", "ENVIRONMENT=\nENV=live\n": "production",
	} {
		f, err := Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := Environment(f); got != want || ok != (want != "") {
			t.Errorf("%q: %q %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := Environment(nil); ok {
		t.Error("a nil file declares an environment")
	}
}
