package keystore

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// Planted in fields by TestNoFieldEchoed: a 64-hex private key (the web3.js
// documentation's), the same key as a decimal number, and a live-looking
// payment token.
const (
	plantedKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	// bulwark:ignore trufflehog.stripe -- a fake credential the tests plant on purpose
	plantedToken = "sk_live_51HxQ2dLkW8pZr7TqY3vNcMb"
)

var plantedDecimal = func() string { n, _ := new(big.Int).SetString(plantedKey, 16); return n.String() }()

// splice replaces the one occurrence of old in data.
func splice(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if strings.Count(string(data), old) != 1 {
		t.Fatalf("%q is not in the keystore exactly once", old)
	}
	return []byte(strings.Replace(string(data), old, new, 1))
}

// member is the raw JSON of one member of a keystore object (path a.b).
func rawMember(t *testing.T, data []byte, path ...string) string {
	t.Helper()
	raw := json.RawMessage(data)
	for _, p := range path {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		raw = m[p]
	}
	return string(raw)
}

func TestExpected(t *testing.T) {
	for p, want := range map[string]bool{
		"keystore/UTC--2024-05-01T10-00-00.000000000Z--0ff15472e078504c2f03dbfebdb2398c9a0c621c": true,
		"deploy/node1/UTC--2024-05-01T10-00-00Z--0ff1.json":                                      true,
		"keystore/wallet.json":                 true,
		"deploy/keystore/Wallet.JSON":          true,
		"keystore/README":                      false, // geth's own keystore testdata has one
		"keystore/README.md":                   false,
		"keystore/.wallet.json":                false, // hidden: geth skips it
		"keystore/wallet.json~":                false, // an editor backup: geth skips it
		"keystore/UTC--x~":                     false,
		"keystore/mainnet/wallet.json":         false, // geth reads its keystore directory flat
		"keystores/wallet.json":                false,
		"config/app.json":                      false,
		"riskcheck/keystore/check.go":          false,
		"riskcheck/keystore/testdata/std.json": false,
		"keystore/utc--lower":                  false, // geth writes UTC--
	} {
		if got := Expected(p); got != want {
			t.Errorf("Expected(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestWhereKeystoresAreExpected is issue #10 (a): a file where a keystore
// is expected but that is none is reported, while JSON elsewhere is not. The
// candidate rule is the one riskcheck's checkKeystores applies.
func TestWhereKeystoresAreExpected(t *testing.T) {
	light := fixture(t, "light.json")
	truncated := light[:120] // cut before "kdf" and "ciphertext": Looks is false
	if Looks(truncated) {
		t.Fatal("the truncated fixture still looks like a keystore; cut it earlier")
	}
	candidate := func(path string, data []byte) bool { return Expected(path) || Looks(data) }
	for _, tc := range []struct {
		name, path string
		data       []byte
		want       string // rules; "-" when the file is not a candidate
	}{
		{"truncated UTC-- file", "keystore/UTC--2024-05-01T10-00-00Z--fffaf0f5", truncated, "keystore.malformed"},
		{"truncated .json in keystore/", "keystore/wallet.json", truncated, "keystore.malformed"},
		{"empty key file", "keystore/UTC--2024-05-01T10-00-00Z--fffaf0f5", nil, "keystore.malformed"},
		{"empty object in keystore/", "keystore/wallet.json", []byte("{}"), "keystore.malformed"},
		{"text named as a key", "secrets/UTC--2024-05-01", []byte("not json"), "keystore.malformed"},
		{"keystore elsewhere", "config/wallet.json", light, "keystore.weak_kdf"},
		{"truncated JSON elsewhere", "config/app.json", truncated, "-"},
		{"JSON elsewhere", "config/app.json", []byte(`{"name": "app", "version": 3}`), "-"},
		{"notes in keystore/", "keystore/README", []byte("keys for the bot"), "-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !candidate(tc.path, tc.data) {
				if tc.want != "-" {
					t.Fatalf("not a candidate, want %q", tc.want)
				}
				return
			}
			fs := Check(tc.path, tc.data, 0o600, nil)
			if got := rules(fs); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			if Expected(tc.path) && !Looks(tc.data) && !strings.Contains(fs[0].Message, "where go-ethereum keeps key files") {
				t.Errorf("the message does not say why the file is taken for a keystore: %s", fs[0].Message)
			}
		})
	}
}

// TestOversized is issue #10 (b): an absurd file or field is reported at
// once, with nothing decoded or decrypted.
func TestOversized(t *testing.T) {
	base, key := lightKey(t)
	salt := rawMember(t, base, "crypto", "kdfparams", "salt")
	hexOf := func(n int) string { return `"` + strings.Repeat("ab", n/2) + `"` }
	for _, tc := range []struct {
		name, old, new, want, field string
	}{
		{"8 MB salt", salt, hexOf(8 << 20), "keystore.oversized", "(file)"},
		{"2 KiB salt", salt, hexOf(4096), "keystore.oversized", "crypto.kdfparams.salt"},
		{"1 KiB salt is within bounds", salt, hexOf(2048), "keystore.tampered keystore.weak_kdf", ""},
		{"40 KB IV", rawMember(t, base, "crypto", "cipherparams", "iv"), hexOf(40000), "keystore.oversized", "crypto.cipherparams.iv"},
		{"40 KB ciphertext", rawMember(t, base, "crypto", "ciphertext"), hexOf(40000), "keystore.oversized", "crypto.ciphertext"},
		{"40 KB MAC", rawMember(t, base, "crypto", "mac"), hexOf(40000), "keystore.oversized", "crypto.mac"},
		{"10 KB cipher name", `"aes-128-ctr"`, `"` + strings.Repeat("x", 10000) + `"`, "keystore.oversized", "crypto.cipher"},
		{"10 KB address", rawMember(t, base, "address"), hexOf(10000), "keystore.oversized", "address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := splice(t, base, tc.old, tc.new)
			start := time.Now()
			fs := Check("keystore/k.json", data, 0o600, ptr(fixturePass))
			if took := time.Since(start); took > time.Second*testutil.Slowdown {
				t.Errorf("Check took %s", took)
			}
			if got := rules(fs); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if tc.field != "" && (len(fs) != 1 || fs[0].Detail["field"] != tc.field) {
				t.Errorf("findings %+v, want one naming %s", fs, tc.field)
			}
			if !Looks(data) {
				t.Error("Looks rejected it, so the caller would skip it")
			}
			out, _ := json.Marshal(fs)
			assertNoLeak(t, out, []string{fixturePass}, key)
		})
	}
	// the caller does not read a file over MaxSize where a keystore is expected
	fs := TooLarge("keystore/UTC--padded", 0o644)
	if got := rules(fs); got != "keystore.oversized keystore.permissions" {
		t.Errorf("TooLarge: %q", got)
	}
}

// TestDuplicateKeys is issue #10 (c): members that appear twice, exactly
// or in a letter case go-ethereum's decoder also matches, are reported, and
// the first is judged — by every check and the decrypt alike.
func TestDuplicateKeys(t *testing.T) {
	base, key := lightKey(t)
	other, key2 := lightKey(t) // another key under the same passphrase
	crypto := rawMember(t, base, "crypto")
	top := func(members ...string) []byte { return []byte("{" + strings.Join(members, ",") + "}") }
	addr, id := `"address":`+rawMember(t, base, "address"), `"id":`+rawMember(t, base, "id")
	mac := rawMember(t, base, "crypto", "mac")
	for _, tc := range []struct {
		name string
		data []byte
		want string // rules; the first reading is the light key, intact and weak
		dups string
	}{
		{"crypto twice", top(addr, `"crypto":`+crypto, `"crypto":`+rawMember(t, other, "crypto"), id, `"version":3`),
			"keystore.duplicate_key keystore.weak_kdf", "crypto"},
		{"Crypto and crypto", top(addr, `"Crypto":`+crypto, `"crypto":`+rawMember(t, other, "crypto"), id, `"version":3`),
			"keystore.duplicate_key keystore.weak_kdf", "crypto"},
		{"n twice", splice(t, base, `"n":4096`, `"n":4096,"n":262144`), "keystore.duplicate_key keystore.weak_kdf", "crypto.kdfparams.n"},
		{"n and N", splice(t, base, `"n":4096`, `"n":4096,"N":262144`), "keystore.duplicate_key keystore.weak_kdf", "crypto.kdfparams.n"},
		{"kdf and Kelvin-sign kdf", splice(t, base, `"kdf":"scrypt"`, `"kdf":"scrypt","`+"\u212a"+`df":"pbkdf2"`), "keystore.duplicate_key keystore.weak_kdf", "crypto.kdf"},
		{"salt and long-s salt", splice(t, base, `"salt":`, `"`+"\u017f"+`alt":"00","salt":`), "keystore.duplicate_key keystore.weak_kdf", "crypto.kdfparams.salt"},
		{"mac twice", splice(t, base, `"mac":`+mac, `"mac":`+mac+`,"MAC":"`+strings.Repeat("0", 64)+`"`), "keystore.duplicate_key keystore.weak_kdf", "crypto.mac"},
		{"iv twice", splice(t, base, `"iv":`, `"iv":"00000000000000000000000000000000","IV":`), "keystore.duplicate_key keystore.tampered keystore.weak_kdf", "crypto.cipherparams.iv"},
		{"version twice", splice(t, base, `"version":3`, `"version":3,"Version":4`), "keystore.duplicate_key keystore.weak_kdf", "version"},
		{"address twice", splice(t, base, `"id":`, `"ADDRESS":"`+strings.Repeat("1", 40)+`","id":`), "keystore.duplicate_key keystore.weak_kdf", "address"},
		{"several", splice(t, splice(t, base, `"n":4096`, `"n":4096,"n":1`), `"version":3`, `"version":3,"version":3`),
			"keystore.duplicate_key keystore.weak_kdf", "version crypto.kdfparams.n"},
		{"first crypto broken", top(addr, `"crypto":{"kdf":"scrypt"}`, `"crypto":`+crypto, id, `"version":3`),
			"keystore.duplicate_key keystore.malformed", "crypto"},
		{"an unknown member twice is no one's", splice(t, base, `"version":3`, `"version":3,"x-note":"a","x-note":"b"`), "keystore.weak_kdf", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := Check("keystore/k.json", tc.data, 0o600, ptr(fixturePass))
			if got := rules(fs); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			var got []string
			if f, err := Parse(tc.data); err == nil {
				got = f.Duplicates
			} else if fe := (*FieldError)(nil); !errors.As(err, &fe) {
				t.Errorf("Parse: %v", err)
			}
			for _, f := range fs {
				if f.RuleID == "keystore.duplicate_key" {
					got, _ = f.Detail["fields"].([]string)
				}
			}
			if strings.Join(got, " ") != tc.dups {
				t.Errorf("duplicates %q, want %q", got, tc.dups)
			}
			out, _ := json.Marshal(fs)
			assertNoLeak(t, out, []string{fixturePass}, key, key2)
		})
	}
}

// TestNoFieldEchoed is issue #10 (3): a value that is not of its field's
// type or shape never appears in a finding, whichever field it is in.
func TestNoFieldEchoed(t *testing.T) {
	base, key := lightKey(t)
	type fn = func(top, c, kp map[string]any)
	pbkdf2 := func(c, kp map[string]any) {
		c["kdf"] = "pbkdf2"
		kp["c"] = 1000
		delete(kp, "n")
	}
	for _, tc := range []struct {
		name string
		edit fn
		want string
	}{
		{"cipher key", func(top, c, kp map[string]any) { c["cipher"] = plantedKey }, "keystore.cipher keystore.weak_kdf"},
		{"cipher token", func(top, c, kp map[string]any) { c["cipher"] = plantedToken }, "keystore.cipher keystore.weak_kdf"},
		{"cipher object", func(top, c, kp map[string]any) { c["cipher"] = map[string]any{"k": plantedKey} }, "keystore.malformed"},
		{"cipher array", func(top, c, kp map[string]any) { c["cipher"] = []any{plantedToken} }, "keystore.malformed"},
		{"kdf key", func(top, c, kp map[string]any) { c["kdf"] = plantedKey }, "keystore.weak_kdf"},
		{"kdf object", func(top, c, kp map[string]any) { c["kdf"] = map[string]any{"secret": plantedKey} }, "keystore.malformed"},
		{"prf token", func(top, c, kp map[string]any) { pbkdf2(c, kp); kp["prf"] = plantedToken }, "keystore.weak_kdf"},
		{"version token", func(top, c, kp map[string]any) { top["version"] = plantedToken }, "keystore.malformed"},
		{"version decimal key", func(top, c, kp map[string]any) { top["version"] = json.Number(plantedDecimal) }, "keystore.malformed"},
		{"n fraction of a decimal key", func(top, c, kp map[string]any) { kp["n"] = json.Number("0." + plantedDecimal) }, "keystore.malformed"},
		{"n token", func(top, c, kp map[string]any) { kp["n"] = plantedToken }, "keystore.malformed"},
		{"salt token", func(top, c, kp map[string]any) { kp["salt"] = plantedToken }, "keystore.malformed"},
		{"mac token", func(top, c, kp map[string]any) { c["mac"] = plantedToken }, "keystore.mac_missing keystore.weak_kdf"},
		{"iv token", func(top, c, kp map[string]any) { c["cipherparams"] = map[string]any{"iv": plantedToken} }, "keystore.malformed"},
		{"address token", func(top, c, kp map[string]any) { top["address"] = plantedToken }, "keystore.malformed"},
		{"id key", func(top, c, kp map[string]any) { top["id"] = plantedKey }, "keystore.weak_kdf"},
		{"kdfparams token", func(top, c, kp map[string]any) { c["kdfparams"] = plantedToken }, "keystore.malformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := Check("keystore/k.json", edit(t, base, tc.edit), 0o600, ptr(fixturePass))
			if got := rules(fs); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			out, _ := json.Marshal(fs)
			assertNoLeak(t, out, []string{fixturePass}, key, plantedKey, plantedToken, plantedDecimal)
		})
	}
}
