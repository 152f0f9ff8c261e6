package rules

import "strings"

// Context is read from a bounded window around a value, so that a huge
// line (minified JSON, a binary blob) costs no more than a short one.
const (
	lookBehind = 200 // bytes before a value searched for names
	lookAhead  = 80  // bytes after it (a trailing comment)
	maxName    = 128 // longest identifier taken as a name
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

// assignedName reads backwards from a value at s over an optional quote
// (with a Python b/r/u prefix), `=`, `:`, `:=` or `=>` with blanks around
// it, and an optional quote, and returns the name assigned:
// private_key: "0x…", "walletKey": "…", KEY = b'…', key=…. It returns ""
// when the value is not assigned to a name.
func assignedName(data []byte, s int) string {
	i := s
	if i >= 1 && isQuote(data[i-1]) {
		i--
		if i >= 1 && (data[i-1] == 'b' || data[i-1] == 'r' || data[i-1] == 'u') && (i < 2 || !isWord(data[i-2])) {
			i--
		}
	}
	i = blanksBefore(data, i)
	switch {
	case i >= 2 && (data[i-2] == ':' && data[i-1] == '=' || data[i-2] == '=' && data[i-1] == '>'):
		i -= 2
	case i >= 1 && (data[i-1] == ':' || data[i-1] == '='):
		i--
	default:
		return ""
	}
	i = blanksBefore(data, i)
	if i >= 1 && isQuote(data[i-1]) {
		i--
	}
	return identBefore(data, i)
}

// identBefore is the identifier ([A-Za-z0-9_.-], at most maxName bytes)
// ending at i.
func identBefore(data []byte, i int) string { return string(data[identStart(data, i):i]) }

// identStart is where the identifier ending at i starts (i for none).
func identStart(data []byte, end int) int {
	i := end
	for i > 0 && end-i < maxName && isNameByte(data[i-1]) {
		i--
	}
	return i
}

func blanksBefore(data []byte, i int) int {
	for n := 0; i > 0 && n < 64 && (data[i-1] == ' ' || data[i-1] == '\t'); n++ {
		i--
	}
	return i
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

// namesAfter yields the identifiers in text, at most maxName bytes each,
// with the byte before each (0 at the start).
func namesAfter(text []byte, yield func(name string, prev byte) bool) {
	for i := 0; i < len(text); {
		if !isNameByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isNameByte(text[j]) {
			j++
		}
		var prev byte
		if i > 0 {
			prev = text[i-1]
		}
		if j-i <= maxName && !yield(string(text[i:j]), prev) {
			return
		}
		i = j
	}
}

func isNameByte(c byte) bool { return isWord(c) || c == '.' || c == '-' }
func isQuote(c byte) bool    { return c == '"' || c == '\'' || c == '`' }
func isUpper(c byte) bool    { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool    { return c >= 'a' && c <= 'z' }
