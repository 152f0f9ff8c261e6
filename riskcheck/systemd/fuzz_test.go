package systemd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// FuzzParse feeds the parser, and Check with the input as unit and drop-in,
// arbitrary bytes: no panic, settings that make sense, findings complete.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.service")
	more, _ := filepath.Glob("testdata/*/*.conf")
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[Service]\nExecStart=a \\\n# c\n b\\\\\nUser=\\"))
	f.Fuzz(func(t *testing.T, data []byte) {
		u, err := Parse(data)
		if u == nil {
			t.Fatal("nil unit")
		}
		lines := 1 + strings.Count(string(data), "\n")
		for _, s := range u.Settings {
			if s.Line < 1 || s.Line > lines || s.Key == "" || s.Section == "" {
				t.Fatalf("bad setting %+v (file has %d lines)", s, lines)
			}
		}
		if err != nil && len(data) <= maxUnitSize {
			if pe, ok := err.(*ParseError); !ok || pe.Line < 1 || pe.Line > lines {
				t.Fatalf("error without a line: %v", err)
			}
		}
		for _, f := range Check("f.service", data, []DropIn{{"f.service.d/x.conf", data}}) {
			if f.RuleID == "" || f.Path == "" || f.Detail["fix"] == "" || f.Detail["deployed"] == "" {
				t.Fatalf("incomplete finding %+v", f)
			}
		}
	})
}

// TestHostile feeds inputs no one should write: each ends quickly in a
// parse_error (or nothing, for a file that is not a service), never a panic.
func TestHostile(t *testing.T) {
	big := bytes.Repeat([]byte("[Service]\nUser=root\n"), 50<<20/20)
	chain := append([]byte("[Service]\nExecStart=a"), bytes.Repeat([]byte(" \\\n"), maxUnitSize/3-10)...)
	for name, data := range map[string][]byte{
		"50 MB":            big,
		"binary":           {0x7f, 'E', 'L', 'F', 0, 1, 2, 0xff, '\n', '['},
		"not UTF-8":        bytes.Repeat([]byte{0xff, 0xfe, '=', '\n'}, 1000),
		"continuations":    chain,
		"only brackets":    bytes.Repeat([]byte("[[[[\n"), 10000),
		"empty":            {},
		"carriage returns": []byte("\r\r\r[Service]\r"),
	} {
		start := time.Now()
		fs := Check("x.service", data, []DropIn{{"x.service.d/y.conf", data}})
		if d := time.Since(start); d > 2*time.Second*testutil.Slowdown {
			t.Errorf("%s took %v", name, d)
		}
		for _, f := range fs {
			if f.RuleID == "" || f.Path == "" {
				t.Errorf("%s: malformed finding %+v", name, f)
			}
		}
		if name == "50 MB" || name == "binary" || name == "not UTF-8" {
			if got := verdicts(fs); got != "systemd.parse_error:medium" {
				t.Errorf("%s: %s, want a parse error alone", name, got)
			}
		}
	}
	if fs := Check("x.socket", []byte("[Socket]\n"), nil); fs != nil {
		t.Errorf("a .socket unit was checked: %v", fs)
	}
}
