package rules

import (
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

func TestPlaceholder(t *testing.T) {
	for _, v := range []string{
		"your-api-key-here", "your_api_key", "YOUR_SECRET", "your-secret", "YOURAPIKEYHERE", "<your binance secret>",
		"${BINANCE_SECRET}", "$BINANCE_SECRET", "{{ .Values.secret }}", "%(secret)s", "%API_SECRET%",
		"os.environ['X_SECRET']", "os.getenv('X_SECRET')", "process.env.X_SECRET",
		"xxxxxxxxxxxxxxxx", "XXXX-XXXX-XXXX-XXXX", "****************", "0000000000000000", "0x0000000000000000",
		"................", "changeme", "change-me-please", "CHANGE_ME", "replace-me-now", "example-secret-1",
		"dummy-token-123", "test", "my-test-key-123", "TODO-fill-in", "null", "None", "empty", "aaaaaaaaaaaa",
		strings.Repeat("ab", 20), strings.Repeat("deadbeef", 8), "0123456789abcdef0123456789abcdef",
		"abcdefghijklmnopqrstuvwxyz123456", "Kx1234567890Yq", "aabbaabbccddaabb", "short", "",
		"  changeme  ", strings.Repeat("0", 63) + "1",
	} {
		if !placeholder(v) {
			t.Errorf("placeholder(%q) = false", v)
		}
	}
	r := newRand(60)
	for _, v := range []string{
		gen(r, alnumChars, 64), gen(r, alnumChars, 18), gen(r, hexChars, 32), genUUID(r), genBase64(r, 64),
		"organizations/" + genUUID(r) + "/apiKeys/" + genUUID(r), "encrypted:" + gen(r, base64Chars, 40),
		"Tr0ub4dor&3xkcd", "correct horse battery", "sk_live_" + gen(r, alnumChars, 24), "testnet-" + gen(r, alnumChars, 16),
	} {
		if placeholder(v) {
			t.Errorf("placeholder(%s) = true", wire.Redact([]byte(v)))
		}
	}
}

// TestPlaceholderRandomKeys: format-valid random keys are almost never
// taken for placeholders; this bounds how often a real key would be missed.
func TestPlaceholderRandomKeys(t *testing.T) {
	r := newRand(61)
	for _, tc := range []struct {
		alphabet string
		n        int
	}{{alnumChars, 18}, {alnumChars, 36}, {alnumChars, 64}, {hexChars, 24}, {hexChars, 32}, {hexChars, 64}, {base64Chars, 88}, {tokenChars, 35}} {
		hits := 0
		for i := 0; i < 20000; i++ {
			b := make([]byte, tc.n)
			for k := range b {
				b[k] = tc.alphabet[r.IntN(len(tc.alphabet))]
			}
			if placeholder(string(b)) {
				hits++
			}
		}
		if hits > 4 { // 2 in 10 000
			t.Errorf("%d of 20000 random %d-character values are placeholders", hits, tc.n)
		}
	}
}
