// Package redact is the one place that decides how much of a secret may be
// shown and how a secret is identified: Redact for previews, Subject and
// Hash for identities that never reveal the value, IsPlaceholder for values
// that only stand in for a secret. Every scanner and report uses it.
package redact

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// Redact shows at most the first four characters of a secret, then "…": a
// reader can tell two secrets apart and find the line, and learns almost
// nothing. A secret of fewer than eight characters shows one; an empty one
// shows nothing. Invalid UTF-8 shows as U+FFFD and a control character as
// '?', so a preview can never move a terminal's cursor or break a log line.
func Redact(secret []byte) string {
	if len(secret) == 0 {
		return ""
	}
	show := 4
	if utf8.RuneCount(secret) < 8 {
		show = 1
	}
	var b strings.Builder
	for i := 0; i < show && len(secret) > 0; i++ {
		r, n := utf8.DecodeRune(secret)
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			r = '?'
		}
		b.WriteRune(r)
		secret = secret[n:]
	}
	return b.String() + "…"
}

// Normalize is a secret's value as it is compared: without surrounding
// blanks or quotes, and a hex value without 0x and in lower case, so the
// same EVM key written with and without 0x is one secret.
func Normalize(v []byte) []byte {
	v = bytes.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = bytes.TrimSpace(v[1 : len(v)-1])
	}
	h := v
	if len(h) > 2 && h[0] == '0' && (h[1] == 'x' || h[1] == 'X') {
		h = h[2:]
	}
	if len(h) >= 32 && isHex(h) {
		return bytes.ToLower(h)
	}
	return v
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// Hash identifies a secret found by one detector: a hash of the detector
// and the normalised value, so one secret in three files is one finding with
// three places, and nothing reversible is stored.
func Hash(detector string, value []byte) string {
	h := sha256.New()
	h.Write([]byte(detector))
	h.Write([]byte{0})
	h.Write(Normalize(value))
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Subject identifies a secret's value whatever found it ("secret:" and a
// hash): findings of two scanners with one subject are one finding.
func Subject(value []byte) string {
	sum := sha256.Sum256(Normalize(value))
	return "secret:" + hex.EncodeToString(sum[:16])
}
