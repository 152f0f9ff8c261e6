package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"

	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"
)

// FuzzScan feeds arbitrary bytes, under a few path kinds, to Scan: no
// panic, bounded time, and every match well-formed (span in range, sorted
// and disjoint, Secret equal to its span, Line right, no secret of 8 bytes
// or more in its Evidence).
func FuzzScan(f *testing.F) {
	r := newRand(70)
	for _, s := range []string{
		"PRIVATE_KEY=0x" + genEVMKey(r) + "\n",
		"mnemonic: \"" + genMnemonic(f, r, 12) + "\"\n",
		"BYBIT_API_KEY=" + gen(r, alnumChars, 18) + "\nBYBIT_API_SECRET=" + gen(r, alnumChars, 36) + "\n",
		"kucoin: {key: " + gen(r, hexChars, 24) + ", secret: " + genUUID(r) + "}\n",
		"COINBASE_API_SECRET=\"" + fakeECPEM(r, "\n") + "\"\n",
		"token: " + "1234567891:AA" + gen(r, tokenChars, 33) + "\n",
		"X_API_SECRET='open\nB=1\n",
		"hash = \"sha256:" + gen(r, hexChars, 64) + "\"\n",
		"getenv(\"GATE_API_SECRET\", \"" + gen(r, hexChars, 64) + "\")",
		"\xff\xfe\x00signer: " + genEVMKey(r),
		"",
	} {
		for _, p := range []uint8{0, 1, 2} {
			f.Add(p, []byte(s))
		}
	}
	paths := []string{".env", "config/bot.yml", "poetry.lock"}
	f.Fuzz(func(t *testing.T, p uint8, data []byte) {
		start := time.Now()
		ms := Scan(paths[int(p)%len(paths)], data)
		prevEnd := 0
		for _, m := range ms {
			if m.Start < prevEnd || m.End <= m.Start || m.End > len(data) {
				t.Fatalf("bad span [%d,%d) after %d in %d bytes (%s)", m.Start, m.End, prevEnd, len(data), m.Rule)
			}
			prevEnd = m.End
			if string(m.Secret) != string(data[m.Start:m.End]) {
				t.Fatalf("%s: Secret is not data[Start:End]", m.Rule)
			}
			if want := 1 + strings.Count(string(data[:m.Start]), "\n"); m.Line != want {
				t.Fatalf("%s: line %d, want %d", m.Rule, m.Line, want)
			}
			if len(m.Secret) >= 8 && strings.Contains(m.Evidence, string(m.Secret)) {
				t.Fatalf("%s: evidence quotes the secret %s", m.Rule, wire.Redact(m.Secret))
			}
		}
		if took := time.Since(start); took > 2*time.Second*testutil.Slowdown {
			t.Fatalf("%d bytes took %s", len(data), took)
		}
	})
}

// TestScanBounded feeds inputs that would be slow for a careless scanner,
// each about 1 MiB: every one must finish fast, whatever it finds.
func TestScanBounded(t *testing.T) {
	r := newRand(71)
	const mb = 1 << 20
	rep := func(s string) []byte { return []byte(strings.Repeat(s, mb/len(s)+1)[:mb]) }
	junk := make([]byte, mb)
	for i := range junk {
		junk[i] = byte(r.UintN(256))
	}
	words := make([]string, 0, mb/6)
	for len(words) < cap(words) {
		words = append(words, bip39Word(r))
	}
	pairs := strings.Repeat("BINANCE_API_KEY="+gen(r, alnumChars, 64)+"\nBINANCE_API_SECRET="+gen(r, alnumChars, 64)+"\n", 4000)
	for name, in := range map[string][]byte{
		"binary junk":            junk,
		"unterminated pems":      rep("A_API_SECRET=\"-----BEGIN \n"),
		"unterminated quotes":    rep("X_API_KEY='open\n"),
		"one line of operators":  rep("a=b:c=>d:=e,"),
		"one line of quotes":     rep(`"a", "b", `),
		"hex run":                rep("0123456789abcdef"),
		"64-hex keys":            rep("private_key=" + genEVMKey(r) + " "),
		"colons and digits":      rep("1234567890:"),
		"words, one separator":   []byte(strings.Join(words, " ")),
		"words, mixed":           []byte(strings.Join(words, " \n\t,'")),
		"many pairs":             []byte(pairs),
		"mentions":               rep("binance bybit okx gate kraken coinbase kucoin bitget api_key: x\n"),
		"long name":              rep("private_key_private_key_private_key_"),
		"placeholder-ish values": rep("X_API_KEY=" + strings.Repeat("ab", 40) + "\n"),
	} {
		for _, p := range []string{".env", "config.yml"} {
			start := time.Now()
			ms := Scan(p, in)
			took := time.Since(start)
			if took > 2*time.Second*testutil.Slowdown {
				t.Errorf("%s as %s: %s", name, p, took)
			}
			if testing.Verbose() {
				t.Logf("%-24s %-10s %8s %6d matches", name, p, took.Round(time.Millisecond), len(ms))
			}
			checkInvariants(t, in, ms)
		}
	}
}
