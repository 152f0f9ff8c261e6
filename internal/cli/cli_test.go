package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/registry"
	"github.com/bulwark-sec/bulwark/scanners/secrets"
	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

func TestMain(m *testing.M) {
	Version = "test"
	os.Exit(m.Run())
}

// fixedNow makes expiry checks deterministic.
func fixedNow() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }

type result struct {
	code           int
	stdout, stderr string
}

// testGetenv points the cache at a temporary directory and the OSV database
// at the demo's records, so no test writes outside its own directories.
func testGetenv(t *testing.T, extra map[string]string) func(string) string {
	cache := t.TempDir()
	db, _ := filepath.Abs("../../testdata/osv-demo")
	return func(k string) string {
		if v, ok := extra[k]; ok {
			return v
		}
		switch k {
		case "BULWARK_CACHE_DIR":
			return cache
		case "BULWARK_OSV_DB":
			return db
		}
		return ""
	}
}

func run(t *testing.T, env Env, args ...string) result {
	t.Helper()
	if env.Getenv == nil {
		env.Getenv = testGetenv(t, nil)
	}
	var out, errb bytes.Buffer
	env.Stdout, env.Stderr = &out, &errb
	if env.Now == nil {
		env.Now = fixedNow
	}
	if env.Entries == nil {
		env.Entries = testEntries
	}
	code := Run(context.Background(), args, env)
	return result{code, out.String(), errb.String()}
}

// testEntries is the registry with the secrets scanner's trufflehog stage
// replaced by one that finds nothing, so these in-process tests need no
// helper binary; Bulwark's own secret detectors still run. The real helper is
// exercised by the end-to-end tests in cmd/bulwark.
func testEntries() []registry.Entry {
	all := registry.All()
	for i, e := range all {
		if e.Name == "secrets" {
			build := e.Build
			all[i].Build = func(sec config.Section, run registry.Run) (scanners.Scanner, config.Errors) {
				s, errs := build(sec, run)
				if s == nil {
					return nil, errs
				}
				return s.(secrets.Scanner).WithDetector(noTrufflehog{}), errs
			}
		}
	}
	return all
}

// entryOf registers a scanner built in a test, with a catalogue that covers
// whatever it reports.
func entryOf(s scanners.Scanner) registry.Entry {
	return registry.Entry{Name: s.Name(), Description: s.Description(),
		Rules: []finding.Rule{{ID: "x.*", Title: "test rule", Severity: finding.Low}},
		Build: func(config.Section, registry.Run) (scanners.Scanner, config.Errors) { return s, nil }}
}

func riskcheckEntry() registry.Entry {
	for _, e := range registry.All() {
		if e.Name == "riskcheck" {
			return e
		}
	}
	panic("no riskcheck")
}

type noTrufflehog struct{}

func (noTrufflehog) Start(context.Context, wire.Header) (secrets.Session, error) {
	return &noSession{}, nil
}

type noSession struct{ chunks int64 }

func (s *noSession) Send(wire.Chunk) error { s.chunks++; return nil }
func (s *noSession) Close() (*wire.Response, error) {
	return &wire.Response{Version: wire.Version, Chunks: s.chunks}, nil
}

// copyTree copies a fixture into a temporary directory so tests can set the
// file modes git does not store (0600 on env files and keystores).
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if strings.HasPrefix(d.Name(), ".env") || strings.HasPrefix(d.Name(), "UTC--") {
			mode = 0o600
		}
		return os.WriteFile(target, b, mode)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

var (
	timingRe = regexp.MustCompile(`("(?:started_at|duration_ms)": )("[^"]*"|\d+)`)
	cellRe   = regexp.MustCompile(`\| \d+\.\ds \|`) // the Markdown table's time column
)

// normalize removes what legitimately differs between runs: the temporary
// root and timing fields.
func normalize(s string, roots map[string]string) string {
	for root, name := range roots {
		s = strings.ReplaceAll(s, root, name)
	}
	s = timingRe.ReplaceAllString(s, `${1}0`)
	return cellRe.ReplaceAllString(s, "| 0.0s |")
}

func TestCommands(t *testing.T) {
	demo := copyTree(t, "../../testdata/demo")
	clean := copyTree(t, "../../testdata/fixtures/compliant")
	tmp := t.TempDir()
	badCfg := filepath.Join(tmp, "bad.yml")
	if err := os.WriteFile(badCfg, []byte("version: 1\ngates:\n  - scanner: \"*\"\n    severity: hihg\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	brokenYAML := filepath.Join(tmp, "broken.yml")
	if err := os.WriteFile(brokenYAML, []byte("version: 1\nscanners:\n  only: [riskcheck\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	aFile := filepath.Join(tmp, "a-file")
	if err := os.WriteFile(aFile, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	roots := map[string]string{demo: "<demo>", clean: "<clean>", tmp: "<tmp>"}
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // stdout golden; "" to skip
		stderr string // substring of stderr
	}{
		{"demo fails the gate", []string{"scan", demo, "-q"}, ExitGate, "scan-demo.txt", ""},
		{"demo json", []string{"scan", demo, "-q", "--format", "json"}, ExitGate, "scan-demo.json", ""},
		{"demo markdown", []string{"scan", demo, "-q", "--format", "markdown"}, ExitGate, "scan-demo.md", ""},
		{"riskcheck command", []string{"riskcheck", demo, "-q"}, ExitGate, "riskcheck-demo.txt", ""},
		{"compliant tree passes", []string{"scan", clean, "-q"}, ExitPass, "scan-clean.txt", ""},
		{"riskcheck compliant", []string{"riskcheck", clean, "-q"}, ExitPass, "", ""},
		{"malformed config names file and line", []string{"scan", clean, "-q", "--config", badCfg}, ExitError, "", "bad.yml:4: gates[0].severity: unknown severity \"hihg\""},
		{"broken yaml names file and line", []string{"scan", clean, "-q", "--config", brokenYAML}, ExitError, "", "broken.yml:"},
		{"missing config", []string{"scan", clean, "--config", filepath.Join(tmp, "nope.yml")}, ExitError, "", "nope.yml: cannot read config"},
		{"unknown scanner", []string{"scan", clean, "--only", "dpes"}, ExitError, "", `unknown scanner "dpes"`},
		{"unknown format", []string{"scan", clean, "--format", "xml"}, ExitError, "", `unknown --format "xml"`},
		{"unknown flag", []string{"scan", "--frobnicate"}, ExitError, "", "unknown flag: --frobnicate"},
		{"out is a file", []string{"scan", clean, "--out", aFile}, ExitError, "", "exists and is not a directory"},
		{"out is a device", []string{"scan", clean, "--out", "/dev/null"}, ExitError, "", "exists and is not a directory"},
		{"target missing", []string{"scan", filepath.Join(tmp, "missing")}, ExitError, "", "cannot scan"},
		{"config validate ok", []string{"config", "validate", filepath.Join(demo, "bulwark.yml")}, ExitPass, "config-validate.txt", ""},
		{"config validate bad", []string{"config", "validate", badCfg}, ExitError, "", "bad.yml:4"},
		{"config schema", []string{"config", "schema"}, ExitPass, "", ""},
		{"version", []string{"version"}, ExitPass, "version.txt", ""},
		{"report without --from", []string{"report"}, ExitError, "", "report needs --from"},
		{"baseline without -o", []string{"baseline", clean}, ExitError, "", "baseline needs -o"},
		{"negative timeout", []string{"scan", clean, "--timeout", "-1s"}, ExitError, "", "--timeout -1s: must be 0"},
		{"negative jobs", []string{"scan", clean, "--jobs", "-5"}, ExitError, "", "--jobs -5: must be 0"},
		{"baseline takes the OSV database", []string{"baseline", clean, "-o", filepath.Join(tmp, "b.json"), "--offline-db", filepath.Join(tmp, "no-db")}, ExitError, "", "--offline-db"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, Env{}, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if tc.golden != "" {
				testutil.Golden(t, tc.golden, []byte(normalize(r.stdout, roots)))
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.stderr)
			}
		})
	}
}

func TestScanTwiceIsByteIdentical(t *testing.T) {
	demo := copyTree(t, "../../testdata/demo")
	a := run(t, Env{}, "scan", demo, "-q", "--format", "json")
	b := run(t, Env{}, "scan", demo, "-q", "--format", "json")
	na, nb := normalize(a.stdout, nil), normalize(b.stdout, nil)
	if na != nb {
		t.Fatal("two scans of the same tree differ beyond timing fields")
	}
	// and only timing fields were normalised
	if strings.Count(a.stdout, "\n") != strings.Count(na, "\n") {
		t.Fatal("normalisation changed the line count")
	}
}

func TestOutWritesThreeReportsAndReRenders(t *testing.T) {
	demo := copyTree(t, "../../testdata/demo")
	out := filepath.Join(t.TempDir(), "nested", "out")
	r := run(t, Env{}, "scan", demo, "-q", "--out", out, "--format", "json")
	if r.code != ExitGate {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, name := range []string{"bulwark.json", "bulwark.md", "bulwark.sarif"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 3 {
		t.Errorf("--out holds %d entries, want exactly the 3 reports", len(entries))
	}
	saved, _ := os.ReadFile(filepath.Join(out, "bulwark.json"))
	if string(saved) != r.stdout {
		t.Error("stdout JSON and bulwark.json differ")
	}
	for _, format := range []string{"markdown", "sarif", "json"} {
		rr := run(t, Env{}, "report", "--from", filepath.Join(out, "bulwark.json"), "--format", format)
		want, _ := os.ReadFile(filepath.Join(out, map[string]string{"markdown": "bulwark.md", "sarif": "bulwark.sarif", "json": "bulwark.json"}[format]))
		if rr.code != 0 || rr.stdout != string(want) {
			t.Errorf("report --format %s does not reproduce the saved report (exit %d): %s", format, rr.code, rr.stderr)
		}
	}
}

func TestBaselineAbsorbsKnownFindings(t *testing.T) {
	demo := copyTree(t, "../../testdata/demo")
	base := filepath.Join(t.TempDir(), "baseline.json")
	if r := run(t, Env{}, "baseline", demo, "-o", base); r.code != 0 {
		t.Fatalf("baseline exit %d: %s", r.code, r.stderr)
	}
	r := run(t, Env{}, "scan", demo, "-q", "--baseline", base, "--format", "json")
	if r.code != ExitPass {
		t.Fatalf("scan with its own baseline exit %d:\n%s", r.code, r.stdout)
	}
	// A new problem still fails: copy the risk config with a second breach.
	risk := filepath.Join(demo, "config", "risk.yaml")
	b, _ := os.ReadFile(risk)
	if err := os.WriteFile(risk, append(b, []byte("extra:\n  max_leverage: 10x\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, Env{}, "scan", demo, "-q", "--baseline", base, "--format", "json")
	if r.code != ExitGate {
		t.Fatalf("new breach after baseline exit %d", r.code)
	}
	var rep struct {
		Findings []finding.Finding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].RuleID != "risk.max_leverage" || rep.Findings[0].StartLine != 20 {
		t.Errorf("findings after baseline = %+v", rep.Findings)
	}
}

// stub scanners prove failure containment end to end through the CLI.
type stub struct {
	name string
	fn   func(ctx context.Context) (*scanners.Result, error)
}

func (s stub) Name() string        { return s.name }
func (s stub) Description() string { return "stub" }
func (s stub) Scan(ctx context.Context, _ *scanners.Target) (*scanners.Result, error) {
	return s.fn(ctx)
}

func TestBrokenScannerFailsClosed(t *testing.T) {
	clean := copyTree(t, "../../testdata/fixtures/compliant")
	tests := []struct {
		name  string
		stub  stub
		error string
	}{
		{"panics", stub{"boom", func(context.Context) (*scanners.Result, error) { panic("index out of range") }}, "panic: index out of range"},
		{"times out", stub{"slow", func(ctx context.Context) (*scanners.Result, error) {
			time.Sleep(2 * time.Second)
			return &scanners.Result{}, nil
		}}, "timed out after 100ms"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := Env{Entries: func() []registry.Entry { return []registry.Entry{riskcheckEntry(), entryOf(tc.stub)} }}
			r := run(t, env, "scan", clean, "-q", "--format", "json", "--timeout", "100ms")
			if r.code != ExitError {
				t.Fatalf("exit %d, want %d", r.code, ExitError)
			}
			var rep struct {
				Verdict  string `json:"verdict"`
				Scanners []struct {
					Name, Status, Error string
					Read                map[string]int64
				} `json:"scanners"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Verdict != "error" || len(rep.Scanners) != 2 {
				t.Fatalf("report = %+v", rep)
			}
			if s := rep.Scanners[0]; s.Name != "riskcheck" || s.Status != "ok" || s.Read["files"] == 0 {
				t.Errorf("the healthy scanner's result was lost: %+v", s)
			}
			if s := rep.Scanners[1]; s.Status != "failed" || !strings.Contains(s.Error, tc.error) {
				t.Errorf("broken scanner = %+v", s)
			}
		})
	}
	// A scanner that failed with findings still shows them, and still fails.
	env := Env{Entries: func() []registry.Entry {
		return []registry.Entry{entryOf(stub{"partial", func(context.Context) (*scanners.Result, error) {
			return &scanners.Result{
				Findings: []finding.Finding{{RuleID: "x.low", Severity: finding.Low, Title: "t", Location: finding.Location{Path: "bot.py"}}},
				Errors:   []error{os.ErrInvalid},
			}, nil
		}})}
	}}
	r := run(t, env, "scan", clean, "-q")
	if r.code != ExitError || !strings.Contains(r.stdout, "x.low") || !strings.Contains(r.stdout, "Gate: ERROR") {
		t.Errorf("partial failure: exit %d\n%s", r.code, r.stdout)
	}
}

func TestProgressOutput(t *testing.T) {
	clean := copyTree(t, "../../testdata/fixtures/compliant")
	plain := run(t, Env{}, "scan", clean, "--format", "json")
	if !strings.Contains(plain.stderr, "bulwark: riskcheck ok in") || !strings.Contains(plain.stderr, "bulwark: deps skipped") || strings.Contains(plain.stderr, "::group::") {
		t.Errorf("plain progress = %q", plain.stderr)
	}
	if !json.Valid([]byte(plain.stdout)) {
		t.Error("stdout is not pure JSON while progress is on")
	}
	gha := run(t, Env{Getenv: testGetenv(t, map[string]string{"GITHUB_ACTIONS": "true"})}, "scan", clean)
	if !strings.HasPrefix(gha.stderr, "::group::bulwark: ") || !strings.Contains(gha.stderr, "::endgroup::") || strings.Count(gha.stderr, "::group::") != 4 {
		t.Errorf("actions progress = %q", gha.stderr)
	}
	quiet := run(t, Env{}, "scan", clean, "-q")
	if quiet.stderr != "" {
		t.Errorf("--quiet still wrote %q", quiet.stderr)
	}
}

// TestNoSecretInAnyOutput scans the demo, whose env file and wallet config
// hold (fake) credentials, and looks for each raw value in every output:
// the three reports, stdout and stderr.
func TestNoSecretInAnyOutput(t *testing.T) {
	demo := copyTree(t, "../../testdata/demo")
	secrets := []string{
		"Kx7pQ2mVn8RtY4wZb6Lc3Hd9Fg5Js1Ae0Ou2Ti7Ry4We8Qp", // BINANCE_API_KEY in .env.production
		// bulwark:ignore secrets.evm_private_key -- a fake credential the tests plant on purpose
		"4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", // signer key in config/wallet.yaml
	}
	out := filepath.Join(t.TempDir(), "out")
	var all strings.Builder
	for _, format := range []string{"text", "json", "markdown", "sarif"} {
		r := run(t, Env{}, "scan", demo, "--out", out, "--format", format)
		all.WriteString(r.stdout + r.stderr)
	}
	for _, name := range []string{"bulwark.json", "bulwark.md", "bulwark.sarif"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, s := range secrets {
		// any 8-character window of the secret is a leak
		for i := 0; i+8 <= len(s); i += 4 {
			if strings.Contains(all.String(), s[i:i+8]) {
				t.Errorf("part of a secret (offset %d) appears in the output", i)
				break
			}
		}
	}
}

// A secret's fingerprint is detector + value: the same key pasted into a
// second file is still one finding, and a config ignore by that fingerprint
// (with a reason) suppresses it wherever it is.
func TestSecretFingerprintIgnore(t *testing.T) {
	demo := copyTree(t, "../../testdata/demo")
	wallet, err := os.ReadFile(filepath.Join(demo, "config", "wallet.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(demo, "config", "wallet-copy.yaml"), wallet, 0o600); err != nil {
		t.Fatal(err)
	}
	type rep struct {
		Findings   []finding.Finding `json:"findings"`
		Suppressed []struct {
			RuleID string `json:"rule_id"`
			Kind   string `json:"kind"`
			Reason string `json:"reason"`
		} `json:"suppressed"`
	}
	scan := func(args ...string) rep {
		r := run(t, Env{}, append([]string{"scan", demo, "-q", "--only", "secrets", "--format", "json"}, args...)...)
		var out rep
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatalf("exit %d: %v\n%s", r.code, err, r.stderr)
		}
		return out
	}
	var fp string
	for _, f := range scan().Findings {
		if f.RuleID == "secrets.evm_private_key" {
			locs, _ := f.Detail["locations"].([]any)
			if fp != "" || len(locs) != 2 {
				t.Fatalf("the copied key is not one finding with two locations: %+v", f)
			}
			fp = f.Fingerprint
		}
	}
	if fp == "" {
		t.Fatal("no secrets.evm_private_key finding in the demo")
	}
	cfg := filepath.Join(t.TempDir(), "bulwark.yml")
	if err := os.WriteFile(cfg, []byte("version: 1\nignore:\n  - fingerprint: "+fp+"\n    reason: test wallet, funds moved\n    expires: 2027-06-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := scan("--config", cfg)
	for _, f := range out.Findings {
		if f.RuleID == "secrets.evm_private_key" {
			t.Errorf("ignored secret still reported at %s", f.Path)
		}
	}
	if len(out.Suppressed) != 1 || out.Suppressed[0].Kind != "config" || out.Suppressed[0].Reason != "test wallet, funds moved" {
		t.Errorf("suppressed = %+v", out.Suppressed)
	}
}

// fail_on: verified without verification would pass every secret: Bulwark
// counts them all instead, and says so in the gate.
func TestFailOnVerifiedWithoutVerifyFallsBack(t *testing.T) {
	demo := copyTree(t, "../../testdata/demo")
	cfg := filepath.Join(t.TempDir(), "bulwark.yml")
	if err := os.WriteFile(cfg, []byte("version: 1\nsecrets:\n  fail_on: verified\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, Env{}, "scan", demo, "-q", "--only", "secrets", "--format", "json", "--config", cfg)
	var rep struct {
		Gate struct {
			Passed bool `json:"passed"`
		} `json:"gate"`
		Scanners []struct {
			Name  string   `json:"name"`
			Notes []string `json:"notes"`
		} `json:"scanners"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, s := range rep.Scanners {
		if s.Name == "secrets" {
			notes = s.Notes
		}
	}
	if r.code != ExitGate || rep.Gate.Passed || len(notes) != 1 || !strings.Contains(notes[0], "verification is off") {
		t.Errorf("exit %d, gate %+v, notes %v", r.code, rep.Gate, notes)
	}
	text := run(t, Env{}, "scan", demo, "-q", "--only", "secrets", "--config", cfg)
	if !strings.Contains(text.stdout, "note (secrets): secrets.fail_on is verified but verification is off") {
		t.Errorf("the note is not in the text summary:\n%s", text.stdout)
	}
}
