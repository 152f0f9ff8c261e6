package keystore

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// edit applies fn to a decoded copy of a keystore and re-encodes it.
func edit(t *testing.T, base []byte, fn func(top, c, kp map[string]any)) []byte {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal(base, &top); err != nil {
		t.Fatal(err)
	}
	c := top["crypto"].(map[string]any)
	fn(top, c, c["kdfparams"].(map[string]any))
	b, err := json.Marshal(top)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestStructure mutates a generated LightScryptN keystore, one fault at a
// time, and checks the rules, the field a malformed finding names, that a
// hostile file returns at once, and that nothing panics or leaks.
func TestStructure(t *testing.T) {
	base, key := lightKey(t)
	pbkdf2 := func(top, c, kp map[string]any) {
		c["kdf"] = "pbkdf2"
		kp["prf"], kp["c"] = "hmac-sha256", 1000
		delete(kp, "n")
	}
	type fn = func(top, c, kp map[string]any)
	tests := []struct {
		name  string
		edit  fn
		want  string
		field string // for keystore.malformed
	}{
		{"intact light key", func(top, c, kp map[string]any) {}, "keystore.weak_kdf", ""},
		{"Crypto spelling", func(top, c, kp map[string]any) { top["Crypto"] = c; delete(top, "crypto") }, "keystore.weak_kdf", ""},
		{"no id still decrypts", func(top, c, kp map[string]any) { delete(top, "id") }, "keystore.weak_kdf", ""},
		{"0x address", func(top, c, kp map[string]any) { top["address"] = "0x" + top["address"].(string) }, "keystore.weak_kdf", ""},
		{"changed ciphertext", func(top, c, kp map[string]any) { c["ciphertext"] = strings.Repeat("ab", 32) }, "keystore.tampered keystore.weak_kdf", ""},
		{"N 2^40", func(top, c, kp map[string]any) { kp["n"] = 1 << 40 }, "keystore.hostile_kdf", ""},
		{"N 1e300", func(top, c, kp map[string]any) { kp["n"] = json.Number("1e300") }, "keystore.hostile_kdf", ""},
		{"N 2^23", func(top, c, kp map[string]any) { kp["n"] = 1 << 23 }, "keystore.hostile_kdf", ""},
		{"N not a power of two", func(top, c, kp map[string]any) { kp["n"] = 4097 }, "keystore.hostile_kdf", ""},
		{"p 17", func(top, c, kp map[string]any) { kp["p"] = 17 }, "keystore.hostile_kdf", ""},
		{"r huge", func(top, c, kp map[string]any) { kp["r"] = 1 << 20 }, "keystore.hostile_kdf", ""},
		{"2 GiB", func(top, c, kp map[string]any) { kp["n"], kp["r"], kp["p"] = 1<<14, 1024, 1 }, "keystore.hostile_kdf", ""},
		{"work N·r·p", func(top, c, kp map[string]any) { kp["n"], kp["p"] = 1<<19, 8 }, "keystore.hostile_kdf", ""},
		{"r·p 2^21 within memory and work", func(top, c, kp map[string]any) { kp["n"], kp["r"], kp["p"] = 2, 1<<21, 1 }, "keystore.hostile_kdf", ""},
		{"r·p 2^11", func(top, c, kp map[string]any) { kp["n"], kp["r"], kp["p"] = 1<<10, 1<<7, 16 }, "keystore.hostile_kdf", ""},
		{"dklen huge", func(top, c, kp map[string]any) { kp["dklen"] = 1 << 40 }, "keystore.hostile_kdf", ""},
		{"pbkdf2 c 2e7", func(top, c, kp map[string]any) { pbkdf2(top, c, kp); kp["c"] = 20_000_000 }, "keystore.hostile_kdf", ""},
		{"pbkdf2 1000 rounds", pbkdf2, "keystore.tampered keystore.weak_kdf", ""},
		{"pbkdf2 sha512", func(top, c, kp map[string]any) { pbkdf2(top, c, kp); kp["prf"] = "hmac-sha512" }, "keystore.weak_kdf", ""},
		{"r 4", func(top, c, kp map[string]any) { kp["r"] = 4 }, "keystore.tampered keystore.weak_kdf", ""},
		{"dklen 16 is not decrypted", func(top, c, kp map[string]any) { kp["dklen"] = 16 }, "keystore.weak_kdf", ""},
		{"short salt", func(top, c, kp map[string]any) { kp["salt"] = "0011223344556677" }, "keystore.tampered keystore.weak_kdf", ""},
		{"unknown kdf", func(top, c, kp map[string]any) { c["kdf"] = "argon2id" }, "keystore.weak_kdf", ""},
		{"cipher", func(top, c, kp map[string]any) { c["cipher"] = "aes-256-gcm" }, "keystore.cipher keystore.weak_kdf", ""},
		{"empty MAC", func(top, c, kp map[string]any) { c["mac"] = "" }, "keystore.mac_missing keystore.weak_kdf", ""},
		{"0x MAC", func(top, c, kp map[string]any) { c["mac"] = "0x" + c["mac"].(string) }, "keystore.mac_missing keystore.weak_kdf", ""},
		{"short MAC", func(top, c, kp map[string]any) { c["mac"] = c["mac"].(string)[:62] }, "keystore.mac_missing keystore.weak_kdf", ""},
		{"MAC number", func(top, c, kp map[string]any) { c["mac"] = 7 }, "keystore.mac_missing keystore.weak_kdf", ""},
		{"version 1", func(top, c, kp map[string]any) { top["version"] = "1" }, "keystore.malformed", "version"},
		{"version string 3", func(top, c, kp map[string]any) { top["version"] = "3" }, "keystore.malformed", "version"},
		{"no version", func(top, c, kp map[string]any) { delete(top, "version") }, "keystore.malformed", "version"},
		{"no iv", func(top, c, kp map[string]any) { c["cipherparams"] = map[string]any{} }, "keystore.malformed", "crypto.cipherparams.iv"},
		{"short iv", func(top, c, kp map[string]any) { c["cipherparams"] = map[string]any{"iv": "0011"} }, "keystore.malformed", "crypto.cipherparams.iv"},
		{"bad hex", func(top, c, kp map[string]any) { c["ciphertext"] = "zz" + c["ciphertext"].(string)[2:] }, "keystore.malformed", "crypto.ciphertext"},
		{"no ciphertext", func(top, c, kp map[string]any) { delete(c, "ciphertext") }, "keystore.malformed", "crypto.ciphertext"},
		{"kdf number", func(top, c, kp map[string]any) { c["kdf"] = 1 }, "keystore.malformed", "crypto.kdf"},
		{"n string", func(top, c, kp map[string]any) { kp["n"] = "4096" }, "keystore.malformed", "crypto.kdfparams.n"},
		{"n fraction", func(top, c, kp map[string]any) { kp["n"] = 4096.5 }, "keystore.malformed", "crypto.kdfparams.n"},
		{"p negative", func(top, c, kp map[string]any) { kp["p"] = -1 }, "keystore.malformed", "crypto.kdfparams.p"},
		{"salt number", func(top, c, kp map[string]any) { kp["salt"] = 5 }, "keystore.malformed", "crypto.kdfparams.salt"},
		{"no kdfparams", func(top, c, kp map[string]any) { delete(c, "kdfparams") }, "keystore.malformed", "crypto.kdfparams"},
		{"pbkdf2 no prf", func(top, c, kp map[string]any) { pbkdf2(top, c, kp); delete(kp, "prf") }, "keystore.malformed", "crypto.kdfparams.prf"},
		// "Crypto" sorts first, so it is the one judged; TestDuplicateKeys has more
		{"crypto twice", func(top, c, kp map[string]any) { top["Crypto"] = map[string]any{"kdf": "scrypt"} }, "keystore.duplicate_key keystore.malformed", "crypto.cipher"},
		{"address not hex", func(top, c, kp map[string]any) { top["address"] = "me" }, "keystore.malformed", "address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := edit(t, base, tc.edit)
			start := time.Now()
			fs := Check("keystore/k.json", data, 0o600, ptr(fixturePass))
			if took := time.Since(start); took > 2*time.Second*testutil.Slowdown {
				t.Errorf("Check took %s", took)
			}
			if got := rules(fs); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			_, err := Parse(data)
			var fe *FieldError
			if tc.field != "" && (!errors.As(err, &fe) || fe.Field != tc.field) {
				t.Errorf("Parse error %v, want one naming %s", err, tc.field)
			}
			for _, f := range fs {
				if f.Detail["deployed"] == nil || f.Detail["limit"] == nil || f.Detail["fix"] == nil {
					t.Errorf("%s lacks deployed/limit/fix: %v", f.RuleID, f.Detail)
				}
			}
			out, _ := json.Marshal(fs)
			assertNoLeak(t, out, []string{fixturePass}, key)
		})
	}
}

// TestLongDKLen: go-ethereum uses 32 bytes of the derived key, which do not
// depend on dklen, so the decrypt derives only those: a dklen of 1024 must
// neither multiply its cost by 32 nor change the verdict.
func TestLongDKLen(t *testing.T) {
	data := edit(t, fixture(t, "pbkdf2-strong.json"), func(top, c, kp map[string]any) { kp["dklen"] = 1024 })
	start := time.Now()
	fs := Check("keystore/k.json", data, 0o600, ptr(fixturePass))
	if took := time.Since(start); took > 2*time.Second*testutil.Slowdown {
		t.Errorf("Check took %s", took)
	}
	if got := rules(fs); got != "keystore.weak_kdf" { // dklen not 32, but intact
		t.Errorf("got %q, want keystore.weak_kdf alone", got)
	}
}

func TestNotJSON(t *testing.T) {
	for in, want := range map[string]string{
		"{crypto kdf ciphertext": "keystore.malformed", "[1,2]": "keystore.malformed", "null": "keystore.malformed",
		`{"version":3} trailing`: "keystore.malformed", strings.Repeat("[", 1000): "keystore.malformed",
		strings.Repeat("{", 70000): "keystore.oversized",
	} {
		fs := Check("k.json", []byte(in), 0, ptr("x"))
		if rules(fs) != want {
			t.Errorf("%.30q: %q, want %q", in, rules(fs), want)
		}
	}
}
