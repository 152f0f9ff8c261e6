package rules

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/scanners/secrets/wire"

	"github.com/cosmos/go-bip39"
)

// Every secret in these tests is generated from a fixed seed at run time,
// so the source holds none, and a failure prints wire.Redact(secret) only.

const (
	alnumChars  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	hexChars    = "0123456789abcdef"
	base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	tokenChars  = alnumChars + "_-"
)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// gen draws n characters of alphabet, redrawing the rare draw of 8 or more
// that IsPlaceholder would reject (an ascending run, say).
func gen(r *rand.Rand, alphabet string, n int) string {
	for {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if n < 8 || !placeholder(string(b)) {
			return string(b)
		}
	}
}

// genBase64 draws a standard base64 encoding of size random bytes.
func genBase64(r *rand.Rand, size int) string {
	for {
		raw := make([]byte, size)
		for i := range raw {
			raw[i] = byte(r.UintN(256))
		}
		s := base64.StdEncoding.EncodeToString(raw)
		if !placeholder(s) {
			return s
		}
	}
}

func genUUID(r *rand.Rand) string {
	h := gen(r, hexChars, 32)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// genEVMKey draws a valid secp256k1 private key as 64 hex digits.
func genEVMKey(r *rand.Rand) string {
	for {
		h := gen(r, hexChars, 64)
		k, _ := new(big.Int).SetString(h, 16)
		if k.Sign() > 0 && k.Cmp(secp256k1N) < 0 {
			return h
		}
	}
}

// genMnemonic builds a valid phrase of n words from random entropy with
// the go-bip39 library, an implementation independent of ours.
func genMnemonic(t testing.TB, r *rand.Rand, n int) string {
	t.Helper()
	ent := make([]byte, n*4/3)
	for i := range ent {
		ent[i] = byte(r.UintN(256))
	}
	m, err := bip39.NewMnemonic(ent)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// refValid is a reference BIP-39 checksum check on big integers, written
// apart from checksum() to test it.
func refValid(words []string) bool {
	n := len(words)
	if n%3 != 0 || n < 12 || n > 24 {
		return false
	}
	acc := new(big.Int)
	for _, w := range words {
		i, ok := wordIndex()[w]
		if !ok {
			return false
		}
		acc.Lsh(acc, 11).Or(acc, big.NewInt(int64(i)))
	}
	cs := uint(n / 3)
	got := new(big.Int).And(acc, big.NewInt(1<<cs-1)).Uint64()
	ent := new(big.Int).Rsh(acc, cs).FillBytes(make([]byte, n*4/3))
	sum := sha256.Sum256(ent)
	return uint64(sum[0]>>(8-cs)) == got
}

// show describes matches for a failure message without their secrets.
func show(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\n  %s line %d [%d,%d) %s: %s", m.Rule, m.Line, m.Start, m.End, wire.Redact(m.Secret), m.Evidence)
	}
	if b.Len() == 0 {
		return " none"
	}
	return b.String()
}

// rulesOf lists the rule of each match.
func rulesOf(ms []Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Rule)
	}
	return out
}

// checkInvariants holds for every Scan result: spans in range, sorted and
// disjoint, Secret equal to its span, Line right, Evidence clean.
func checkInvariants(t testing.TB, data []byte, ms []Match) {
	t.Helper()
	prevEnd, line, pos := 0, 1, 0
	for _, m := range ms {
		if m.Start < prevEnd || m.Start < 0 || m.End <= m.Start || m.End > len(data) {
			t.Fatalf("bad span [%d,%d) after %d in %d bytes (%s)", m.Start, m.End, prevEnd, len(data), m.Rule)
		}
		prevEnd = m.End
		if string(m.Secret) != string(data[m.Start:m.End]) {
			t.Fatalf("%s: Secret is not data[Start:End]", m.Rule)
		}
		line += strings.Count(string(data[pos:m.Start]), "\n")
		pos = m.Start
		if m.Line != line {
			t.Fatalf("%s: line %d, want %d", m.Rule, m.Line, line)
		}
		if len(m.Secret) >= 8 && strings.Contains(m.Evidence, string(m.Secret)) {
			t.Fatalf("%s: evidence quotes the secret %s", m.Rule, wire.Redact(m.Secret))
		}
		if m.Rule == "" || m.Title == "" || m.Evidence == "" || (m.Severity != Critical && m.Severity != High && m.Severity != Medium) {
			t.Fatalf("incomplete match %s %q %q %q", m.Rule, m.Title, m.Evidence, m.Severity)
		}
	}
}

// scan runs Scan and checks the invariants.
func scan(t testing.TB, path, data string) []Match {
	t.Helper()
	ms := Scan(path, []byte(data))
	checkInvariants(t, []byte(data), ms)
	return ms
}

func bip39Word(r *rand.Rand) string { return bip39.EnglishWordList[r.IntN(2048)] }
