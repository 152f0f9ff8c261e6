package gitsrc

import (
	"strings"
	"testing"
)

// counter is a Counter for tests.
type counter map[string]int64

func (c counter) Add(name string, n int64) { c[name] += n }

func TestParseLog(t *testing.T) {
	log := "\x00commit aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026-01-01T00:00:00Z\n\n" +
		"diff --git a/bot.py b/bot.py\nnew file mode 100644\n--- /dev/null\n+++ b/bot.py\n@@ -0,0 +1,3 @@\n+one\n+two\n+three\n" +
		"diff --git a/x.bin b/x.bin\nBinary files /dev/null and b/x.bin differ\n" +
		"\x00commit bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2026-01-02T00:00:00Z\n\n" +
		"diff --git a/bot.py b/bot.py\n--- a/bot.py\n+++ b/bot.py\n@@ -2 +2 @@\n-two\n+++two is not a header\n@@ -10,0 +11,2 @@\n+eleven\n+twelve\n\\ No newline at end of file\n" +
		"diff --git a/gone.py b/gone.py\ndeleted file mode 100644\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n" +
		"diff --git \"a/sp ace\\tx\" \"b/sp ace\\tx\"\nnew file mode 100644\n--- /dev/null\n+++ \"b/sp ace\\tx\"\n@@ -0,0 +1 @@\n+tabbed\n"
	var got []Change
	c := counter{}
	err := ParseLog(strings.NewReader(log), 1<<20, c, func(ch Change) error { got = append(got, ch); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		commit, path, data string
		lines              []int
	}{
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bot.py", "one\ntwo\nthree\n", []int{1, 2, 3}},
		{"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "bot.py", "++two is not a header\neleven\ntwelve\n", []int{2, 11, 12}},
		{"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "sp ace\tx", "tabbed\n", []int{1}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d chunks, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Commit != w.commit || g.Path != w.path || string(g.Data) != w.data || !equalInts(g.Lines, w.lines) {
			t.Errorf("chunk %d = %s %q %q %v", i, g.Commit, g.Path, g.Data, g.Lines)
		}
	}
	if s := c; s["commits"] != 2 || s["file_changes"] != 3 {
		t.Errorf("counts %v", s)
	}
}

func TestParseLogMergeCombinedDiff(t *testing.T) {
	// git log -p --cc of a merge whose conflict resolution added a line and
	// an evil extra line; " -" and "- " lines come from one parent only.
	log := "\x00commit cccccccccccccccccccccccccccccccccccccccc 2026-01-03T00:00:00Z\n\ndiff --cc f.txt\nindex af70335,f794161..bb2c2e8\n--- a/f.txt\n+++ b/f.txt\n" +
		"@@@ -2,1 -2,1 +2,1 @@@\n- MAIN\n -SIDE\n++RESOLVED\n@@@ -4,0 -4,2 +4,3 @@@\n+ from-main\n++extra\n++++not a header\n"
	var got []Change
	if err := ParseLog(strings.NewReader(log), 1<<20, counter{}, func(c Change) error { got = append(got, c); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Path != "f.txt" || string(got[0].Data) != "RESOLVED\nextra\n++not a header\n" || !equalInts(got[0].Lines, []int{2, 5, 6}) {
		t.Fatalf("chunks = %+v", got)
	}
}

// A change larger than the window is read in windows, never skipped.
func TestParseLogWindowsOversizeChanges(t *testing.T) {
	log := "\x00commit aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026-01-01T00:00:00Z\ndiff --git a/a b/a\n+++ b/a\n@@ -0,0 +1,3 @@\n+0123456789\n+0123456789\n+tail\n"
	c := counter{}
	var got []Change
	if err := ParseLog(strings.NewReader(log), 15, c, func(ch Change) error { got = append(got, ch); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || string(got[1].Data) != "tail\n" || got[1].Lines[0] != 3 || c["windows"] != 1 || c["bytes"] != 27 {
		t.Errorf("%d chunks %+v, counts %v", len(got), got, c)
	}
}

func FuzzParseLog(f *testing.F) {
	f.Add([]byte("\x00commit a 2026\ndiff --git a/x b/x\n+++ b/x\n@@ -0,0 +1 @@\n+k\n"))
	f.Add([]byte("+++ \"b/\\xff\"\n@@ -1 +99999999999999999999 @@\n+x\n"))
	f.Add([]byte("diff --cc f\n+++ b/f\n@@@ -1 -1 +1,2 @@@\n- a\n -b\n++c\n+ d\n@@@@ -1 -1 -1 +1 @@@@\n+++e\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = ParseLog(strings.NewReader(string(b)), 1<<16, counter{}, func(c Change) error {
			if len(c.Lines) != strings.Count(string(c.Data), "\n") || c.Path == "" {
				t.Fatalf("chunk %q: %d lines for %d newlines", c.Path, len(c.Lines), strings.Count(string(c.Data), "\n"))
			}
			return nil
		})
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
