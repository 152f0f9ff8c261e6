// Package textscan holds the byte-level scanning that riskcheck's
// plaintext-key check and the secrets scanner's detectors share: runs of hex
// digits of one length (the shape of a 256-bit private key) and the name a
// value is assigned to. Everything is a bounded, linear pass over bytes.
package textscan

import "iter"

// MaxName is the longest identifier taken as a name.
const MaxName = 128

// HexRuns yields the start and end of every run of exactly n hex digits that is
// not glued to another letter, digit or underscore on either side; an x
// right before the run (as in 0x) is allowed, so callers decide about it.
// It is one linear pass.
func HexRuns(data []byte, n int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i := 0; i < len(data); {
			if !IsHex(data[i]) {
				i++
				continue
			}
			j := i
			for j < len(data) && IsHex(data[j]) {
				j++
			}
			before := i == 0 || !IsWord(data[i-1]) || data[i-1] == 'x' || data[i-1] == 'X'
			after := j == len(data) || !IsWord(data[j])
			if j-i == n && before && after && !yield(i, j) {
				return
			}
			i = j
		}
	}
}

// IsHex reports a hex digit.
func IsHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// IsWord reports an ASCII letter, digit or underscore.
func IsWord(c byte) bool {
	return IsHex(c) || c >= 'g' && c <= 'z' || c >= 'G' && c <= 'Z' || c == '_'
}

// IsNameByte reports a byte of a name: a word byte, '.' or '-'.
func IsNameByte(c byte) bool { return IsWord(c) || c == '.' || c == '-' }

// IsQuote reports a quote character: ", ' or `.
func IsQuote(c byte) bool { return c == '"' || c == '\'' || c == '`' }

// AssignedName reads backwards from a value at s over an optional quote
// (with a Python b/r/u prefix), `=`, `:`, `:=` or `=>` with blanks around
// it, and an optional quote, and returns the name assigned:
// private_key: "0x…", "walletKey": "…", KEY = b'…', key=…. It returns ""
// when the value is not assigned to a name.
func AssignedName(data []byte, s int) string {
	i := s
	if i >= 1 && IsQuote(data[i-1]) {
		i--
		if i >= 1 && (data[i-1] == 'b' || data[i-1] == 'r' || data[i-1] == 'u') && (i < 2 || !IsWord(data[i-2])) {
			i--
		}
	}
	i = BlanksBefore(data, i)
	switch {
	case i >= 2 && (data[i-2] == ':' && data[i-1] == '=' || data[i-2] == '=' && data[i-1] == '>'):
		i -= 2
	case i >= 1 && (data[i-1] == ':' || data[i-1] == '='):
		i--
	default:
		return ""
	}
	i = BlanksBefore(data, i)
	if i >= 1 && IsQuote(data[i-1]) {
		i--
	}
	return IdentBefore(data, i)
}

// IdentBefore is the name ([A-Za-z0-9_.-], at most MaxName bytes) ending at i.
func IdentBefore(data []byte, i int) string { return string(data[IdentStart(data, i):i]) }

// IdentStart is where the name ending at end starts (end for none).
func IdentStart(data []byte, end int) int {
	i := end
	for i > 0 && end-i < MaxName && IsNameByte(data[i-1]) {
		i--
	}
	return i
}

// BlanksBefore steps back over at most 64 spaces and tabs before i.
func BlanksBefore(data []byte, i int) int {
	for n := 0; i > 0 && n < 64 && (data[i-1] == ' ' || data[i-1] == '\t'); n++ {
		i--
	}
	return i
}
