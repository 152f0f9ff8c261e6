package rules

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/textscan"
)

// Context is read from a bounded window around a value, so that a huge
// line (minified JSON, a binary blob) costs no more than a short one.
const (
	lookBehind = 200 // bytes before a value searched for names
	lookAhead  = 80  // bytes after it (a trailing comment)
)

// segments splits an identifier into lower-case words at non-alphanumerics
// and camelCase humps: "ethPrivateKey" and "ETH_PRIVATE_KEY" both give
// eth, private, key.
func segments(name string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(name); i++ {
		alnum := i < len(name) && isAlnum(rune(name[i]))
		hump := alnum && i > 0 && isUpper(name[i]) && (isLower(name[i-1]) || isDigit(name[i-1]))
		if start >= 0 && (!alnum || hump) {
			out = append(out, strings.ToLower(name[start:i]))
			start = -1
		}
		if alnum && start < 0 {
			start = i
		}
	}
	return out
}

// nameHas reports whether the joined segments contain one of subs, or a
// segment equals one of words.
func nameHas(segs []string, subs, words []string) string {
	joined := strings.Join(segs, "")
	for _, s := range subs {
		if strings.Contains(joined, s) {
			return s
		}
	}
	for _, s := range segs {
		for _, w := range words {
			if s == w {
				return s
			}
		}
	}
	return ""
}

// window returns the bytes of the value's line within lookBehind before s
// and lookAhead after e.
func window(data []byte, s, e int) (before, after []byte) {
	b := s
	for b > 0 && s-b < lookBehind && data[b-1] != '\n' {
		b--
	}
	a := e
	for a < len(data) && a-e < lookAhead && data[a] != '\n' {
		a++
	}
	return data[b:s], data[e:a]
}

// namesAfter yields the identifiers in text, at most textscan.MaxName bytes each,
// with the byte before each (0 at the start).
func namesAfter(text []byte, yield func(name string, prev byte) bool) {
	for i := 0; i < len(text); {
		if !textscan.IsNameByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && textscan.IsNameByte(text[j]) {
			j++
		}
		var prev byte
		if i > 0 {
			prev = text[i-1]
		}
		if j-i <= textscan.MaxName && !yield(string(text[i:j]), prev) {
			return
		}
		i = j
	}
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
