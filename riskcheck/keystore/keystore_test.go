package keystore

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// The fixtures in testdata were made from one LightScryptN key encrypted
// with this passphrase, then edited (hostile N, missing salt, a flipped
// ciphertext byte, no MAC, another cipher, pbkdf2).
const fixturePass = "demo-passphrase-not-secret"

var fixture, ruleSet = testutil.Fixture, testutil.Rules

func strongKeystore(t *testing.T, n, p int) []byte {
	t.Helper()
	priv, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	k := &keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(priv.PublicKey), PrivateKey: priv}
	b, err := keystore.EncryptKey(k, "correct horse", n, p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRules(t *testing.T) {
	pass := fixturePass
	wrong := "wrong"
	tests := []struct {
		name string
		data []byte
		mode os.FileMode
		pass *string
		want string
	}{
		{"light scrypt is weak", fixture(t, "light-scrypt.json"), 0o600, nil, "keystore.weak_kdf"},
		{"weak and world readable", fixture(t, "light-scrypt.json"), 0o644, nil, "keystore.permissions keystore.weak_kdf"},
		{"decrypts with the passphrase", fixture(t, "light-scrypt.json"), 0o600, &pass, "keystore.weak_kdf"},
		{"wrong passphrase", fixture(t, "light-scrypt.json"), 0o600, &wrong, "keystore.tampered keystore.weak_kdf"},
		{"tampered ciphertext", fixture(t, "tampered.json"), 0o600, &pass, "keystore.tampered keystore.weak_kdf"},
		{"hostile N", fixture(t, "hostile-n.json"), 0o600, &pass, "keystore.hostile_kdf"},
		{"missing salt", fixture(t, "missing-salt.json"), 0o600, &pass, "keystore.malformed"},
		{"no MAC", fixture(t, "no-mac.json"), 0o600, &pass, "keystore.mac_missing"},
		{"other cipher", fixture(t, "cbc-cipher.json"), 0o600, &pass, "keystore.cipher keystore.weak_kdf"},
		{"pbkdf2 too few iterations", fixture(t, "pbkdf2-weak.json"), 0o600, nil, "keystore.weak_kdf"},
		{"not JSON", []byte("{crypto kdf ciphertext"), 0o600, nil, "keystore.malformed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			fs := Check("keystore/key.json", tc.data, tc.mode, tc.pass)
			if got := ruleSet(fs); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if took := time.Since(start); took > 30*time.Second {
				t.Errorf("check took %s", took) // a hostile KDF must never be run
			}
			out, _ := json.Marshal(fs)
			if strings.Contains(string(out), fixturePass) {
				t.Error("the passphrase leaked into a finding")
			}
		})
	}
}

// TestStandardKeystorePasses is the one test that pays for geth's standard
// scrypt N (256 MiB, about a second): a strong, intact keystore has no finding.
func TestStandardKeystorePasses(t *testing.T) {
	data := strongKeystore(t, keystore.StandardScryptN, keystore.StandardScryptP)
	pass := "correct horse"
	if fs := Check("k.json", data, 0o600, &pass); len(fs) != 0 {
		t.Errorf("findings for a standard keystore: %+v", fs)
	}
	if !Looks(data) {
		t.Error("Looks rejected a real keystore")
	}
	for _, not := range []string{`{"version": 1}`, `[]`, `{"crypto": {}}`, "plain text"} {
		if Looks([]byte(not)) {
			t.Errorf("Looks accepted %q", not)
		}
	}
}

func TestGolden(t *testing.T) {
	testutil.GoldenJSON(t, "light-scrypt.golden.json", Check("keystore/UTC--demo", fixture(t, "light-scrypt.json"), 0o644, nil))
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"light-scrypt.json", "hostile-n.json", "missing-salt.json", "pbkdf2-weak.json"} {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		f.Add(b)
	}
	pass := "x"
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse(data)
		_ = Looks(data)
		start := time.Now()
		_ = Check("k.json", data, 0o600, &pass) // decrypts when the parameters allow
		if took := time.Since(start); took > 10*time.Second {
			t.Fatalf("check took %s", took)
		}
	})
}
