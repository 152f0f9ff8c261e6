// Package hexrun finds runs of hex digits of one exact length in text: the
// shape of a 256-bit private key, shared by riskcheck's plaintext-key check
// and the secrets scanner's EVM key detector.
package hexrun

import "iter"

// Runs yields the start and end of every run of exactly n hex digits that is
// not glued to another letter, digit or underscore on either side; an x
// right before the run (as in 0x) is allowed, so callers decide about it.
// It is one linear pass.
func Runs(data []byte, n int) iter.Seq2[int, int] {
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
