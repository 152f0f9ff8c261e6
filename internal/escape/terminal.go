// Package escape makes untrusted text safe for the sinks Bulwark writes to: a
// terminal, a GitHub Actions runner's workflow-command stream, GitHub-flavoured
// Markdown and HTML. The scanned repository is the attacker: file names,
// messages and rule IDs taken from it must never become terminal control
// sequences, workflow commands, links, headings or markup.
//
// Every function is total (any string, valid UTF-8 or not, is accepted) and
// imports nothing of Bulwark's.
package escape

import (
	"strings"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// Terminal shows every character that could move the cursor, recolour the
// screen, end a line or reorder text as a visible escape, and leaves all other
// text as it is (non-ASCII letters and backslashes included):
//
//   - \n, \r and \t as `\n`, `\r`, `\t`;
//   - the other C0 controls and DEL as `\xNN` (ESC is `\x1b`);
//   - C1 controls (U+0080–U+009F), the line and paragraph separators
//     (U+2028, U+2029) and the bidirectional and format controls (U+061C,
//     U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF) as `\uNNNN`;
//   - each byte that is not part of valid UTF-8 as `\xNN` (always ≥ \x80, so
//     it cannot be mistaken for an escaped control).
//
// Backslashes are not doubled, so the escape cannot be undone: `\n` in the
// output is either a newline or the two characters of the input. The result is
// valid UTF-8, holds no character that Terminal would change, and is one line.
func Terminal(s string) string {
	i := 0
	for i < len(s) {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			writeHexByte(&b, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			writeHexByte(&b, byte(r)) //nolint:gosec // r < 0x80 here
		case unsafeRune(r, size):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hexDigits[(r>>shift)&0xf])
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unsafeRune reports whether Terminal escapes the rune r decoded with size
// bytes.
func unsafeRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1: // invalid UTF-8
		return true
	case r < 0x20 || r == 0x7f: // C0 and DEL
		return true
	case r >= 0x80 && r <= 0x9f: // C1
		return true
	}
	switch r {
	case '\u061c', // arabic letter mark
		'\u200e', '\u200f', // left-to-right and right-to-left marks
		'\u2028', '\u2029', // line and paragraph separators
		'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', // embeddings and overrides
		'\u2066', '\u2067', '\u2068', '\u2069', // isolates
		'\ufeff': // byte order mark, zero-width no-break space
		return true
	}
	return false
}

func writeHexByte(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}
