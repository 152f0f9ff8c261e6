package secrets

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

const evmKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

func TestParseLog(t *testing.T) {
	log := "\x00commit aaaa 2026-01-01T00:00:00Z\n\n" +
		"diff --git a/bot.py b/bot.py\nnew file mode 100644\n--- /dev/null\n+++ b/bot.py\n@@ -0,0 +1,3 @@\n+one\n+two\n+three\n" +
		"diff --git a/x.bin b/x.bin\nBinary files /dev/null and b/x.bin differ\n" +
		"\x00commit bbbb 2026-01-02T00:00:00Z\n\n" +
		"diff --git a/bot.py b/bot.py\n--- a/bot.py\n+++ b/bot.py\n@@ -2 +2 @@\n-two\n+++two is not a header\n@@ -10,0 +11,2 @@\n+eleven\n+twelve\n\\ No newline at end of file\n" +
		"diff --git a/gone.py b/gone.py\ndeleted file mode 100644\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n" +
		"diff --git \"a/sp ace\\tx\" \"b/sp ace\\tx\"\nnew file mode 100644\n--- /dev/null\n+++ \"b/sp ace\\tx\"\n@@ -0,0 +1 @@\n+tabbed\n"
	var got []Chunk
	c := &scanners.Counter{}
	err := parseLog(strings.NewReader(log), 1<<20, c, func(ch Chunk) error { got = append(got, ch); return nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		commit, path, data string
		lines              []int
	}{
		{"aaaa", "bot.py", "one\ntwo\nthree\n", []int{1, 2, 3}},
		{"bbbb", "bot.py", "++two is not a header\neleven\ntwelve\n", []int{2, 11, 12}},
		{"bbbb", "sp ace\tx", "tabbed\n", []int{1}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d chunks, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Commit != w.commit || g.Path != w.path || string(g.Data) != w.data || !equalInts(g.Lines, w.lines) || g.Source != "history" {
			t.Errorf("chunk %d = %s %q %q %v", i, g.Commit, g.Path, g.Data, g.Lines)
		}
	}
	if s := c.Snapshot(); s["commits"] != 2 || s["file_changes"] != 3 {
		t.Errorf("counts %v", s)
	}
}

func TestParseLogMergeCombinedDiff(t *testing.T) {
	// git log -p --cc of a merge whose conflict resolution added a line and
	// an evil extra line; " -" and "- " lines come from one parent only.
	log := "\x00commit mmmm 2026-01-03T00:00:00Z\n\ndiff --cc f.txt\nindex af70335,f794161..bb2c2e8\n--- a/f.txt\n+++ b/f.txt\n" +
		"@@@ -2,1 -2,1 +2,1 @@@\n- MAIN\n -SIDE\n++RESOLVED\n@@@ -4,0 -4,2 +4,3 @@@\n+ from-main\n++extra\n++++not a header\n"
	var got []Chunk
	if err := parseLog(strings.NewReader(log), 1<<20, &scanners.Counter{}, func(c Chunk) error { got = append(got, c); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Path != "f.txt" || string(got[0].Data) != "RESOLVED\nextra\n++not a header\n" || !equalInts(got[0].Lines, []int{2, 5, 6}) {
		t.Fatalf("chunks = %+v", got)
	}
}

func TestParseLogSkipsOversizeChanges(t *testing.T) {
	log := "\x00commit aaaa 2026-01-01T00:00:00Z\ndiff --git a/a b/a\n+++ b/a\n@@ -0,0 +1,2 @@\n+0123456789\n+0123456789\n"
	c := &scanners.Counter{}
	n := 0
	if err := parseLog(strings.NewReader(log), 15, c, func(Chunk) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 0 || c.Snapshot()["skipped_large"] != 1 {
		t.Errorf("%d chunks, counts %v", n, c.Snapshot())
	}
}

func FuzzParseLog(f *testing.F) {
	f.Add([]byte("\x00commit a 2026\ndiff --git a/x b/x\n+++ b/x\n@@ -0,0 +1 @@\n+k\n"))
	f.Add([]byte("+++ \"b/\\xff\"\n@@ -1 +99999999999999999999 @@\n+x\n"))
	f.Add([]byte("diff --cc f\n+++ b/f\n@@@ -1 -1 +1,2 @@@\n- a\n -b\n++c\n+ d\n@@@@ -1 -1 -1 +1 @@@@\n+++e\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = parseLog(strings.NewReader(string(b)), 1<<16, &scanners.Counter{}, func(c Chunk) error {
			if len(c.Lines) != strings.Count(string(c.Data), "\n") || c.Path == "" {
				t.Fatalf("chunk %q: %d lines for %d newlines", c.Path, len(c.Lines), strings.Count(string(c.Data), "\n"))
			}
			for i := 1; i <= len(c.Lines)+1; i++ {
				_ = c.FileLine(i)
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

func TestInlineIgnore(t *testing.T) {
	tests := []struct {
		line, rule string
		ok         bool
	}{
		{`key = "x"  # bulwark:ignore secrets.evm_private_key -- test fixture`, "secrets.evm_private_key", true},
		{`key = "x"  # bulwark:ignore secrets -- whole scanner`, "trufflehog.aws", true},
		{`key = "x"  // bulwark:ignore secrets.evm_private_key`, "secrets.evm_private_key", false}, // no reason
		{`key = "x"  # bulwark:ignore other-rule -- reason`, "secrets.evm_private_key", false},
		{`key = "x"  # trufflehog:ignore`, "secrets.bip39_mnemonic", true},
		{`key = "x"`, "secrets.evm_private_key", false},
	}
	for _, tc := range tests {
		if _, ok := inlineIgnore(tc.line, tc.rule); ok != tc.ok {
			t.Errorf("inlineIgnore(%q, %s) = %v, want %v", tc.line, tc.rule, ok, tc.ok)
		}
	}
}

// fake is a trufflehog stand-in that reports one "Fake" secret for every
// "FAKE-" token, so the merging logic is tested without the helper.
type fake struct {
	startErr, closeErr error
	verified           bool
}

type fakeSession struct {
	f    fake
	hits []wire.Hit
	n    int64
}

func (f fake) Start(context.Context, wire.Header) (Session, error) {
	if f.startErr != nil {
		return nil, f.startErr
	}
	return &fakeSession{f: f}, nil
}

func (s *fakeSession) Send(c wire.Chunk) error {
	s.n++
	for i, line := range strings.Split(string(c.Data), "\n") {
		if j := strings.Index(line, "FAKE-"); j >= 0 {
			raw := []byte(line[j : j+9])
			v := "unverified"
			if s.f.verified {
				v = "verified"
			}
			s.hits = append(s.hits, wire.Hit{Chunk: c.ID, Detector: "Fake", Line: i + 1, Verification: v,
				Hash: wire.SecretHash("Fake", raw), Value: wire.ValueHash(raw), Preview: wire.Redact(raw)})
		}
	}
	return nil
}

func (s *fakeSession) Close() (*wire.Response, error) {
	if s.f.closeErr != nil {
		return nil, s.f.closeErr
	}
	return &wire.Response{Version: wire.Version, Hits: s.hits, Detectors: 1, Chunks: s.n}, nil
}

func target(t *testing.T, files map[string]string) *scanners.Target {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inv, err := scanners.Walk(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &scanners.Target{Inventory: inv, Config: config.Default(), Counter: &scanners.Counter{},
		Getenv: func(string) string { return "" }, Options: scanners.RunOptions{CacheDir: t.TempDir()}}
}

func TestOneSecretManyPlaces(t *testing.T) {
	tg := target(t, map[string]string{
		"a.py":     "x = 1\ntoken = FAKE-1234\n",
		"b/c.py":   "token = FAKE-1234\n",
		"d.py":     "token = FAKE-1234  # bulwark:ignore trufflehog.fake -- documented test value\n",
		"other.py": "token = FAKE-9999\n",
		"e.bin":    "FAKE-1234\x00\x00",
		"w.py":     "SIGNER_PRIVATE_KEY = \"0x" + evmKey + "\"\n",
	})
	res, err := Scanner{Detect: fake{}}.Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 3 {
		t.Fatalf("%d findings, want 3 (FAKE-1234 once, FAKE-9999, the EVM key)", len(res.Findings))
	}
	var one, key bool
	for _, f := range res.Findings {
		locs, _ := f.Detail["locations"].([]map[string]any)
		switch {
		case f.RuleID == "trufflehog.fake" && f.Detail["preview"] == "FAKE…" && len(locs) == 2:
			one = f.Path == "a.py" && f.StartLine == 2 && locs[1]["path"] == "b/c.py"
		case f.RuleID == "secrets.evm_private_key":
			fp := f.Fingerprint
			key = f.Severity.String() == "critical" &&
				(fp == wire.SecretHash("secrets.evm_private_key", []byte("0x"+evmKey)) || fp == wire.SecretHash("secrets.evm_private_key", []byte(evmKey)))
		}
		if strings.Contains(f.Message, evmKey[4:]) || strings.Contains(f.Message, "1234") {
			t.Errorf("message carries a secret: %s", f.Message)
		}
	}
	if !one || !key {
		t.Errorf("findings: %+v", res.Findings)
	}
	s := tg.Counter.Snapshot()
	if s["files"] != 5 || s["skipped_binary"] != 1 {
		t.Errorf("counts %v", s)
	}
}

func TestEverySuppressedPlaceGoesToSuppressed(t *testing.T) {
	tg := target(t, map[string]string{
		"a.py": "token = FAKE-1234  # trufflehog:ignore\n",
	})
	res, err := Scanner{Detect: fake{}}.Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 || len(res.Suppressed) != 1 || res.Suppressed[0].Reason != "trufflehog:ignore" {
		t.Errorf("findings %d, suppressed %+v", len(res.Findings), res.Suppressed)
	}
}

func TestOwnAndTrufflehogFindingOfOneValueMerge(t *testing.T) {
	// A trufflehog hit whose value one of our detectors already found joins
	// that finding and lends it its verification.
	m, byValue := map[string]*secret{}, map[string]*secret{}
	c := &Chunk{Source: "tree", Path: "a.py", Data: []byte("x\n")}
	own := &secret{rule: "secrets.telegram_bot_token", hash: "h1", value: wire.ValueHash([]byte("v")), verification: "not_verifiable"}
	m["h1"], byValue[own.value] = own, own
	addHit(m, byValue, c, wire.Hit{Detector: "TelegramBotToken", Hash: "h2", Value: wire.ValueHash([]byte("v")), Verification: "verified", Line: 1})
	if len(m) != 1 || own.verification != "verified" || own.severity.String() != "critical" || own.alsoBy[0] != "TelegramBotToken" {
		t.Errorf("not merged: %d secrets, %+v", len(m), own)
	}
}

func TestHelperFailureFailsTheScanner(t *testing.T) {
	tg := target(t, map[string]string{"a.py": "x = 1\n"})
	for _, f := range []fake{{startErr: errors.New("no helper")}, {closeErr: errors.New("helper crashed")}} {
		if _, err := (Scanner{Detect: f}).Scan(context.Background(), tg); err == nil {
			t.Errorf("%+v: no error", f)
		}
	}
	// A helper path that does not exist is a clear error naming it.
	_, err := Scanner{}.Scan(context.Background(), func() *scanners.Target {
		t2 := target(t, map[string]string{"a.py": "x = 1\n"})
		t2.Options.Secrets.Helper = filepath.Join(t.TempDir(), "missing")
		return t2
	}())
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing helper: %v", err)
	}
}

func TestHelperThatDiesIsAnError(t *testing.T) {
	// /bin/false reads nothing and exits 1: the scanner must fail, not pass.
	if _, err := exec.LookPath("false"); err != nil {
		t.Skip("no false(1)")
	}
	p, _ := exec.LookPath("false")
	tg := target(t, map[string]string{"a.py": "x = 1\n"})
	tg.Options.Secrets.Helper = p
	if _, err := (Scanner{}).Scan(context.Background(), tg); err == nil || !strings.Contains(err.Error(), HelperName) {
		t.Errorf("dead helper: %v", err)
	}
}

func TestStateRoundTrip(t *testing.T) {
	cache := t.TempDir()
	if loadState(cache, "/repo") != nil {
		t.Fatal("state before any save")
	}
	head := strings.Repeat("ab", 20)
	if err := saveState(cache, "/repo", head); err != nil {
		t.Fatal(err)
	}
	if s := loadState(cache, "/repo"); s == nil || s.Head != head {
		t.Fatalf("state = %+v", s)
	}
	if loadState(cache, "/other") != nil {
		t.Error("state of another repository was used")
	}
	// A corrupt state file is ignored: the scan starts over rather than skipping commits.
	if err := os.WriteFile(statePath(cache, "/repo"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if loadState(cache, "/repo") != nil {
		t.Error("corrupt state used")
	}
}
