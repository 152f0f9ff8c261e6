package envfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

var read, rules = testutil.Fixture, testutil.Rules

func repeat(rule string, n int) string { return strings.TrimSpace(strings.Repeat(rule+" ", n)) }

// TestFixtures runs every fixture through Check (env files) or PlaintextKeys
// (other config), compares the rules, then the findings with
// testdata/findings.golden (go test -update rewrites it), and checks that no
// secret from the fixtures appears in them.
func TestFixtures(t *testing.T) {
	tests := []struct {
		file       string
		production bool
		want       string
	}{
		{"syntax.env", false, ""},
		{"compliant.env", false, ""},
		{"unencrypted-secret.env", false, repeat(ruleUnencrypted, 11)},
		{"encrypted-secret.env", true, ""},
		{"placeholder-secret.env", false, repeat(rulePlaceholder, 6)},
		{"password-missing.env", false, repeat(rulePassword, 4)},
		{"password-set.env", false, ""},
		{"debug-enabled.env", true, repeat(ruleDebug, 4)},
		{"debug-enabled.env", false, ""},
		{"debug-off.env", true, ""},
		{"weak-hash.env", false, repeat(ruleWeakHash, 6)},
		{"strong-hash.env", false, ""},
		{"parse-error.env", false, ruleParseError},
		{"unterminated-quote.env", false, ruleParseError},
		{"leaky.env", false, "env.debug_enabled env.password_missing env.placeholder_secret env.unencrypted_secret env.unencrypted_secret env.unencrypted_secret env.weak_password_hash"},
		{"plaintext/keys.yaml", false, repeat(rulePlaintextKey, 3)},
		{"plaintext/service-account.json", false, repeat(rulePlaintextKey, 2)},
		{"plaintext/keys.toml", false, rulePlaintextKey},
		{"plaintext/keys.ini", false, rulePlaintextKey},
		{"plaintext/settings.py", false, repeat(rulePlaintextKey, 2)},
		{"plaintext/env.example", false, rulePlaintextKey},
		{"plaintext/clean.yaml", false, ""},
	}
	type golden struct {
		File       string            `json:"file"`
		Production bool              `json:"production"`
		Findings   []finding.Finding `json:"findings"`
	}
	var all []golden
	for _, tc := range tests {
		data := read(t, tc.file)
		var fs []finding.Finding
		if strings.HasPrefix(tc.file, "plaintext/") {
			fs = PlaintextKeys(tc.file, data)
		} else {
			fs = Check(tc.file, data, 0o600, tc.production)
		}
		if got := rules(fs); got != tc.want {
			t.Errorf("%s (production %v): got %q\nwant %q", tc.file, tc.production, got, tc.want)
		}
		for i := range fs {
			checkShape(t, tc.file, fs[i])
			fs[i].Seal()
		}
		all = append(all, golden{tc.file, tc.production, fs})
	}
	out, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	assertNoSecrets(t, out)
	testutil.GoldenJSON(t, "findings.golden", all)
}

// checkShape: every finding has a location, the three detail keys, and a
// preview only where one is allowed.
func checkShape(t *testing.T, file string, f finding.Finding) {
	t.Helper()
	if f.Scanner != "riskcheck" || f.Path != file || f.Identity == "" || f.Title == "" {
		t.Errorf("%s: incomplete finding %+v", file, f)
	}
	for _, k := range []string{"deployed", "limit", "fix"} {
		if s, _ := f.Detail[k].(string); s == "" {
			t.Errorf("%s %s: no Detail[%q]", file, f.RuleID, k)
		}
	}
	if p, ok := f.Detail["preview"].(string); ok && (f.Severity == finding.Critical || len([]rune(p)) > 5 || !strings.HasSuffix(p, "…")) {
		t.Errorf("%s %s: preview %q not allowed", file, f.RuleID, p)
	}
	if f.RuleID != ruleParseError && f.RuleID != rulePermissions && f.StartLine < 1 {
		t.Errorf("%s %s: no line", file, f.RuleID)
	}
}

var hexOrPEMRe = regexp.MustCompile(`[0-9a-fA-F]{64}|[A-Za-z0-9+/=]{40,}`)

// assertNoSecrets fails if any 8-character window of a secret in the
// fixtures is in out: values of credential, private key and password keys
// (after an encrypted: prefix), stored password hashes, 64-hex runs and PEM
// bodies. A 4-character preview cannot contain a window of 8.
func assertNoSecrets(t *testing.T, out []byte) {
	t.Helper()
	var secrets []string
	files, _ := filepath.Glob(filepath.Join("testdata", "*.env"))
	more, _ := filepath.Glob(filepath.Join("testdata", "plaintext", "*"))
	for _, p := range append(files, more...) {
		data, _ := os.ReadFile(p)
		secrets = append(secrets, hexOrPEMRe.FindAllString(string(data), -1)...)
		f, err := Parse(data)
		if err != nil {
			continue
		}
		for _, e := range f.Entries {
			k := e.Key
			if credentialRe.MatchString(k) || privateNameRe.MatchString(k) || passwordKeyRe.MatchString(k) ||
				hashKeyRe.MatchString(k) && displayScheme(e.Value) != e.Value {
				v := e.Value
				if strings.HasPrefix(strings.ToLower(v), EncryptedPrefix) {
					v = v[len(EncryptedPrefix):]
				}
				if !Placeholder(v) {
					secrets = append(secrets, v)
				}
			}
		}
	}
	secrets = append(secrets, "Qm7vZ2xR9kLw4TnB8pYc", "Hq3Wm9Zt2Rv7Lp5Ns8Xc1Bd6") // in files that do not parse
	for _, s := range secrets {
		s = strings.TrimPrefix(s, "0x")
		for i := 0; i+8 <= len(s); i++ {
			if w := s[i : i+8]; strings.Contains(string(out), w) {
				t.Fatalf("secret fragment %q is in the findings", w)
			}
		}
	}
}

// TestPermissions checks modes read back from real files.
func TestPermissions(t *testing.T) {
	dir := t.TempDir()
	data := read(t, "compliant.env")
	for _, tc := range []struct {
		mode os.FileMode
		flag bool
	}{{0o600, false}, {0o400, false}, {0o640, true}, {0o644, true}, {0o660, true}, {0o604, true}} {
		p := filepath.Join(dir, ".env."+tc.mode.String())
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, tc.mode); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if tc.flag {
			want = rulePermissions
		}
		if got := rules(Check(p, data, st.Mode(), true)); got != want {
			t.Errorf("mode %04o: got %q, want %q", tc.mode, got, want)
		}
	}
}
