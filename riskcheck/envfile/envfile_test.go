package envfile

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

func TestParse(t *testing.T) {
	in := "# comment\nexport A=1\nB = two words # trailing\nC=\"line1\\nline\\\"2\\\"\"\nD='multi\nline'\nE=\nF=\"a#b\"\r\nA=override\n"
	f, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Entry{"A": {"A", "override", 9}, "B": {"B", "two words", 3}, "C": {"C", "line1\nline\"2\"", 4},
		"D": {"D", "multi\nline", 5}, "E": {"E", "", 7}, "F": {"F", "a#b", 8}}
	for k, w := range want {
		if got, ok := f.Get(k); !ok || got != w {
			t.Errorf("%s = %+v, want %+v", k, got, w)
		}
	}
	for _, bad := range []struct {
		in   string
		line int
	}{{"A=1\nnot an assignment\n", 2}, {"A=\"open\nB=2\n", 1}, {"1BAD=x\n", 1}, {"A='x' y\n", 1}, {"A=1\x00\n", 1}} {
		_, err := Parse([]byte(bad.in))
		pe, ok := err.(*ParseError)
		if !ok || pe.Line != bad.line {
			t.Errorf("%q: err %v, want a parse error at line %d", bad.in, err, bad.line)
		}
	}
}

// rules keeps the findings' order: Check reports in file order.
func rules(fs []finding.Finding) string {
	var r []string
	for _, f := range fs {
		r = append(r, f.RuleID)
	}
	return strings.Join(r, " ")
}

func TestCheckRules(t *testing.T) {
	tests := []struct {
		name, in   string
		mode       os.FileMode
		production bool
		want       string
	}{
		{"compliant", "ENVIRONMENT=production\nDEBUG=false\nDB_USERNAME=bot\nDB_PASSWORD=encrypted:abc\nBINANCE_API_KEY=encrypted:x\n", 0o600, true, ""},
		{"permissions", "A=1\n", 0o644, true, "env.permissions"},
		{"group readable", "A=1\n", 0o640, false, "env.permissions"},
		{"unencrypted secret", "BINANCE_API_SECRET=Zr8dk2Lq0vPq3nMx\n", 0o600, false, "env.unencrypted_secret"},
		{"placeholder", "KRAKEN_API_KEY=your-api-key-here\nOKX_PASSPHRASE=changeme\n", 0o600, false, "env.placeholder_secret env.placeholder_secret"},
		{"empty secret is no leak", "BYBIT_API_KEY=\n", 0o600, false, ""},
		{"debug in production", "DEBUG=True\nFLASK_DEBUG=1\n", 0o600, true, "env.debug_enabled env.debug_enabled"},
		{"debug outside production", "DEBUG=true\n", 0o600, false, ""},
		{"empty password", "POSTGRES_PASSWORD=\n", 0o600, true, "env.password_missing"},
		{"user without password", "POSTGRES_USERNAME=jesse\n", 0o600, true, "env.password_missing"},
		{"user with password", "POSTGRES_USERNAME=jesse\nPOSTGRES_PASSWORD=encrypted:x\n", 0o600, true, ""},
		{"weak hash", "PASSWORD_HASHER=sha256\n", 0o600, false, "env.weak_password_hash"},
		{"pbkdf2 low", "PASSWORD_HASH=pbkdf2_sha256\n", 0o600, false, "env.weak_password_hash"},
		{"argon2", "PASSWORD_HASH=argon2id\n", 0o600, false, ""},
		{"parse error", "A=1\noops\n", 0o600, false, "env.parse_error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := rules(Check(".env", []byte(tc.in), tc.mode, tc.production))
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	pk := Check(".env", []byte("SETTLEMENT_PRIVATE_KEY=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n"), 0o600, false)
	if len(pk) != 1 || pk[0].Severity != finding.Critical || pk[0].Detail["preview"] != nil {
		t.Errorf("hex private key in env: %+v", pk)
	}
}

func TestEnvironment(t *testing.T) {
	for in, want := range map[string]string{"ENVIRONMENT=prod\n": "production", "APP_ENV=Staging\n": "staging", "JESSE_ENV=dev\n": "development", "X=1\n": ""} {
		f, _ := Parse([]byte(in))
		if got, _ := Environment(f); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func TestPlaintextKeys(t *testing.T) {
	tests := []struct {
		name, in string
		n        int
	}{
		{"yaml hex key", "signer_private_key: \"0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\"\n", 1},
		{"json no 0x", `{"walletKey": "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"}`, 1},
		{"pem", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n", 1},
		{"encrypted pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n", 0},
		{"lockfile hash", `"integrity": "sha256-4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"`, 0},
		{"tx hash", "last_tx_hash: 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\n", 0},
		{"short hex", "private_key: 0xdeadbeef\n", 0},
	}
	for _, tc := range tests {
		if got := PlaintextKeys("cfg", []byte(tc.in)); len(got) != tc.n {
			t.Errorf("%s: %d findings, want %d", tc.name, len(got), tc.n)
		}
	}
}

// TestGoldenAndNoLeak checks the findings for a realistic leaky env file
// against a golden file, and that no secret value appears anywhere in them.
func TestGoldenAndNoLeak(t *testing.T) {
	data := testutil.Fixture(t, "leaky.env")
	fs := Check("testdata/leaky.env", data, 0o644, true)
	testutil.GoldenJSON(t, "leaky.golden.json", fs)
	out, err := json.Marshal(fs)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Parse(data)
	for _, e := range f.Entries {
		if secretKeyRe.MatchString(e.Key) && len(e.Value) >= 8 && !strings.HasPrefix(e.Value, EncryptedPrefix) && strings.Contains(string(out), e.Value[4:]) {
			t.Errorf("the value of %s leaked into the findings", e.Key)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"A=1\n", "export B='x\ny'\n", "C=\"a\\\"b\" # c\n", "#x\n\nD=\n", "E=\"open"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err == nil {
			for _, e := range file.Entries {
				if e.Line < 1 || !keyRe.MatchString(e.Key) {
					t.Fatalf("bad entry %+v", e)
				}
			}
		}
		_ = Check("f", data, 0o600, true)
		_ = PlaintextKeys("f", data)
	})
}
