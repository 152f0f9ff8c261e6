package secrets

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

const evmKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"

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
	inv, src, err := scanners.Open(context.Background(), dir, scanners.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return &scanners.Target{Inventory: inv, Source: src, Counter: &scanners.Counter{},
		Getenv: func(string) string { return "" }, CacheDir: t.TempDir()}
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
	res, err := New(Options{Detect: fake{}}).Scan(context.Background(), tg)
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
		case f.RuleID == "trufflehog.fake" && f.Detail["preview"] == "FAKE…" && len(locs) == 3:
			// a NUL byte does not make e.bin a file nobody reads
			one = f.Path == "a.py" && f.StartLine == 2 && locs[1]["path"] == "b/c.py" && locs[2]["path"] == "e.bin"
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
	if s["files"] != 6 || s["skipped_binary"] != 0 {
		t.Errorf("counts %v", s)
	}
}

func TestEverySuppressedPlaceGoesToSuppressed(t *testing.T) {
	tg := target(t, map[string]string{
		"a.py": "token = FAKE-1234  # trufflehog:ignore\n",
	})
	res, err := New(Options{Detect: fake{}}).Scan(context.Background(), tg)
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
		if _, err := New(Options{Detect: f}).Scan(context.Background(), tg); err == nil {
			t.Errorf("%+v: no error", f)
		}
	}
	// A helper path that does not exist is a clear error naming it.
	_, err := New(Options{Helper: filepath.Join(t.TempDir(), "missing")}).Scan(context.Background(), target(t, map[string]string{"a.py": "x = 1\n"}))
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
	if _, err := New(Options{Helper: p}).Scan(context.Background(), tg); err == nil || !strings.Contains(err.Error(), HelperName) {
		t.Errorf("dead helper: %v", err)
	}
}

// Neither a NUL byte, UTF-16, an archive nor padding past the size limit
// hides a secret; what cannot be read whole is a finding the gate sees.
func TestNothingHidesASecret(t *testing.T) {
	u16 := func(s string) string {
		b := []byte{0xff, 0xfe}
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return string(b)
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("deploy/keys.py")
	_, _ = w.Write([]byte("token = FAKE-7777\n"))
	_ = zw.Close()
	tg := target(t, map[string]string{
		"nul.py":    "\x00token = FAKE-1111\n",
		"utf16.txt": u16("token = FAKE-2222\n"),
		"pack.zip":  zb.String(),
		"big.log":   strings.Repeat("x", 2000) + "\ntoken = FAKE-3333\n",
	})
	res, err := New(Options{Detect: fake{}, MaxFileSize: 1024}).Scan(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+" "+f.Path)
	}
	sort.Strings(got)
	want := "secrets.not_fully_read big.log, trufflehog.fake nul.py, trufflehog.fake pack.zip!/deploy/keys.py, trufflehog.fake utf16.txt"
	if strings.Join(got, ", ") != want {
		t.Errorf("findings\n got %s\nwant %s", strings.Join(got, ", "), want)
	}
}
