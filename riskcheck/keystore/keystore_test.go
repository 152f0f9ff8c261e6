package keystore

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ethks "github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// The scrypt fixtures were written by go-ethereum's EncryptKey with this
// passphrase, then edited by hand (hostile N, no salt, a changed MAC, another
// address, no MAC, another cipher, a second "Crypto" holding standard.json's,
// cut after 120 bytes, a 2 KiB salt). pbkdf2-strong.json was built the same way
// with 600,000 rounds; pbkdf2-weak.json is the Web3 Secret Storage test
// vector, whose passphrase and private key are public.
const (
	fixturePass = "bulwark-fixture-passphrase"
	specPass    = "testpassword"
	specKey     = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"
)

func ptr(s string) *string { return &s }

var fixture, rules = testutil.Fixture, testutil.Rules

// TestFixtures runs every committed fixture through Check, compares the
// rules, then the whole findings with testdata/findings.golden (go test
// -update rewrites it), and checks that no passphrase or key leaked.
func TestFixtures(t *testing.T) {
	tests := []struct {
		name, file string
		mode       os.FileMode
		pass       *string
		want       string
	}{
		// The one test that pays for geth's standard N: 256 MiB, about a second.
		{"standard scrypt decrypts", "standard.json", 0o600, ptr(fixturePass), ""},
		{"standard scrypt world-readable", "standard.json", 0o644, nil, "keystore.permissions"},
		{"light scrypt is weak", "light.json", 0o600, ptr(fixturePass), "keystore.weak_kdf"},
		{"wrong passphrase", "light.json", 0o400, ptr("not the passphrase"), "keystore.tampered keystore.weak_kdf"},
		{"pbkdf2 600k decrypts", "pbkdf2-strong.json", 0o600, ptr(fixturePass), ""},
		{"pbkdf2 262k is weak", "pbkdf2-weak.json", 0o600, ptr(specPass), "keystore.weak_kdf"},
		{"hostile N is not decrypted", "hostile-n.json", 0o600, ptr(fixturePass), "keystore.hostile_kdf"},
		{"missing salt", "missing-salt.json", 0o600, ptr(fixturePass), "keystore.malformed"},
		{"tampered MAC", "tampered-mac.json", 0o600, ptr(fixturePass), "keystore.tampered keystore.weak_kdf"},
		{"wrong address", "wrong-address.json", 0o600, ptr(fixturePass), "keystore.tampered keystore.weak_kdf"},
		{"no MAC", "no-mac.json", 0o600, ptr(fixturePass), "keystore.mac_missing keystore.weak_kdf"},
		{"CBC cipher", "cbc-cipher.json", 0o600, ptr(fixturePass), "keystore.cipher keystore.weak_kdf"},
		{"crypto twice is judged on the first", "duplicate-crypto.json", 0o600, ptr(fixturePass), "keystore.duplicate_key keystore.weak_kdf"},
		{"truncated key file", "truncated.json", 0o600, ptr(fixturePass), "keystore.malformed"},
		{"2 KiB salt", "oversized-salt.json", 0o600, ptr(fixturePass), "keystore.oversized"},
	}
	type golden struct {
		Case     string            `json:"case"`
		Findings []finding.Finding `json:"findings"`
	}
	var all []golden
	for _, tc := range tests {
		fs := Check("keystore/"+tc.file, fixture(t, tc.file), tc.mode, tc.pass)
		if got := rules(fs); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
		for i := range fs {
			fs[i].Seal()
		}
		all = append(all, golden{tc.name, fs})
	}
	out, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	assertNoLeak(t, out, []string{fixturePass, specPass}, specKey)
	testutil.GoldenJSON(t, "findings.golden", all)
}

// assertNoLeak fails if a passphrase, or any 8-character window of a hex
// private key, is in out.
func assertNoLeak(t *testing.T, out []byte, passphrases []string, keys ...string) {
	t.Helper()
	for _, p := range passphrases {
		if strings.Contains(string(out), p) {
			t.Fatal("a passphrase leaked into findings")
		}
	}
	for _, k := range keys {
		for i := 0; i+8 <= len(k); i++ {
			if strings.Contains(string(out), k[i:i+8]) {
				t.Fatalf("private key fragment %q leaked into findings", k[i:i+8])
			}
		}
	}
}

// TestPermissions checks modes read back from real files.
func TestPermissions(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		mode os.FileMode
		flag bool
	}{{0o600, false}, {0o400, false}, {0o700, false}, {0o640, true}, {0o644, true}, {0o604, true}, {0o660, true}, {0o666, true}} {
		p := filepath.Join(dir, "UTC--"+tc.mode.String())
		if err := os.WriteFile(p, fixture(t, "pbkdf2-strong.json"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, tc.mode); err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		got := rules(Check(p, fixture(t, "pbkdf2-strong.json"), st.Mode(), nil))
		if (got == "keystore.permissions") != tc.flag || (!tc.flag && got != "") {
			t.Errorf("mode %04o: got %q, want flagged=%v", tc.mode, got, tc.flag)
		}
	}
}

// lightKey writes a fresh LightScryptN keystore and returns it with its
// private key in hex (for the leak check).
func lightKey(t testing.TB) ([]byte, string) {
	t.Helper()
	priv, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	k := &ethks.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(priv.PublicKey), PrivateKey: priv}
	b, err := ethks.EncryptKey(k, fixturePass, ethks.LightScryptN, ethks.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	return b, hex.EncodeToString(crypto.FromECDSA(priv))
}

func TestLooks(t *testing.T) {
	for _, name := range []string{"standard.json", "light.json", "missing-salt.json", "no-mac.json", "pbkdf2-weak.json"} {
		if !Looks(fixture(t, name)) {
			t.Errorf("Looks rejected %s", name)
		}
	}
	upper := strings.Replace(string(fixture(t, "light.json")), `"crypto"`, `"Crypto"`, 1)
	truncated := string(fixture(t, "light.json"))[:300]
	for in, want := range map[string]bool{
		upper: true, truncated: true,
		`{"version": 3}`: false, `[]`: false, `{"crypto": {}}`: false, "plain text": false, "": false,
		`{"crypto": {"kdf": "scrypt"}, "ciphertext": "00"}`:             false,
		`{"name": "app", "crypto": "kdf ciphertext", "version": "1.0"}`: false,
		// go-ethereum reads these as keystores too
		`{"\u0063rypto": {"kdf": "scrypt", "ciphertext": "00"}}`:              true,
		`{"crypto": "none", "Crypto": {"kdf": "scrypt", "ciphertext": "00"}}`: true,
		"{\"crypto\": {\"\u212adf\": \"scrypt\", \"ciphertext\": \"00\"}}":    true, // a Kelvin sign
	} {
		if Looks([]byte(in)) != want {
			t.Errorf("Looks(%.40q) = %v, want %v", in, !want, want)
		}
	}
}
