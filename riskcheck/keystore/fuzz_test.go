package keystore

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to Parse, Looks and Check. Check gets a
// passphrase only when the parameters are cheap, so that the decrypt path is
// fuzzed without each run paying for a standard-strength scrypt.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"crypto":{"kdf":"scrypt","ciphertext":""},"version":3}`))
	f.Add([]byte(`{"crypto":{"kdf":"scrypt","ciphertext":"00"},"\u0063rypto":{"\u212adf":"pbkdf2"},"version":3,"Version":3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err == nil && file.Version != 3 {
			t.Fatalf("accepted version %d", file.Version)
		}
		if err == nil && !Looks(data) {
			t.Fatal("Parse accepted a keystore that Looks rejects: the caller would skip it")
		}
		var pass *string
		if err == nil {
			ps := file.Params
			if cost := ps["n"] * ps["r"] * ps["p"]; cost > 0 && cost <= 1<<16 || ps["c"] > 0 && ps["c"] <= 1<<14 {
				pass = ptr("x")
			}
		}
		start := time.Now()
		_ = Check("k.json", data, 0o644, pass)
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("Check took %s", took)
		}
	})
}
