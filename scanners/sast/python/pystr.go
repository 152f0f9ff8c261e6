package python

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// strLit is a decoded string literal: a string node or an implicit
// concatenation of them.
type strLit struct {
	value   string   // decoded value; for an f-string, the literal parts joined with "{}" where a replacement field was
	parts   []string // an f-string's literal parts, in order (one part for a plain string)
	bytes   bool     // a bytes literal (b"...")
	fstring bool     // an f-string with at least one replacement field
}

// isStringNode reports whether n is a string literal node.
func isStringNode(n *pyparse.Node) bool {
	return n != nil && (n.Type == "string" || n.Type == "concatenated_string")
}

// decodeString decodes a string or concatenated_string node.
func decodeString(n *pyparse.Node, src []byte) (strLit, bool) {
	switch n.Type {
	case "string":
		return decodeOne(n, src), true
	case "concatenated_string":
		var out strLit
		var b strings.Builder
		first := true
		for _, c := range n.Children {
			if c.Type != "string" {
				continue
			}
			s := decodeOne(c, src)
			b.WriteString(s.value)
			out.bytes = out.bytes || s.bytes
			out.fstring = out.fstring || s.fstring
			if first || len(out.parts) == 0 {
				out.parts = append(out.parts, s.parts...)
			} else {
				// the first part of this string continues the last part so far
				out.parts[len(out.parts)-1] += s.parts[0]
				out.parts = append(out.parts, s.parts[1:]...)
			}
			first = false
		}
		out.value = b.String()
		return out, true
	}
	return strLit{}, false
}

// decodeOne decodes one string node.
func decodeOne(n *pyparse.Node, src []byte) strLit {
	var prefix string
	raw, isBytes, isF := false, false, false
	for _, c := range n.Children {
		if c.Type == "string_start" {
			prefix = strings.ToLower(strings.TrimRight(c.Text(src), "'\""))
		}
	}
	raw = strings.Contains(prefix, "r")
	isBytes = strings.Contains(prefix, "b")
	isF = strings.Contains(prefix, "f")
	out := strLit{bytes: isBytes}
	var part, all strings.Builder
	for _, c := range n.Children {
		switch c.Type {
		case "string_content":
			t := c.Text(src)
			if !raw {
				t = unescape(t, isBytes)
			}
			if isF {
				t = strings.ReplaceAll(strings.ReplaceAll(t, "{{", "{"), "}}", "}")
			}
			part.WriteString(t)
			all.WriteString(t)
		case "interpolation":
			out.fstring = true
			out.parts = append(out.parts, part.String())
			part.Reset()
			all.WriteString("{}")
		case "escape_interpolation":
			part.WriteString(c.Text(src)[:1])
			all.WriteString(c.Text(src)[:1])
		}
	}
	out.parts = append(out.parts, part.String())
	out.value = all.String()
	return out
}

// unescape applies Python's backslash escapes. Unknown escapes stay as
// written, as Python leaves them; \N{...} is kept unresolved.
func unescape(s string, isBytes bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		e := s[i]
		switch e {
		case '\n':
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'f':
			b.WriteByte(12)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte(11)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 32)
			writeCode(&b, rune(v), isBytes)
			i = j - 1
		case 'x':
			if v, ok := hexAt(s, i+1, 2); ok {
				writeCode(&b, rune(v), isBytes)
				i += 2
			} else {
				b.WriteString(`\x`)
			}
		case 'u', 'U':
			width := 4
			if e == 'U' {
				width = 8
			}
			if v, ok := hexAt(s, i+1, width); ok && !isBytes && v <= utf8.MaxRune {
				b.WriteRune(rune(v))
				i += width
			} else {
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}

func writeCode(b *strings.Builder, r rune, isBytes bool) {
	if isBytes || r < 0x80 {
		b.WriteByte(byte(r))
		return
	}
	b.WriteRune(r)
}

func hexAt(s string, i, width int) (uint64, bool) {
	if i+width > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+width], 16, 32)
	return v, err == nil
}

// parseInt reads a Python integer literal: 0x/0o/0b prefixes, underscores,
// a Python 2 long suffix.
func parseInt(text string) (int64, bool) {
	t := strings.ToLower(strings.ReplaceAll(text, "_", ""))
	t = strings.TrimSuffix(t, "l")
	base := 10
	switch {
	case strings.HasPrefix(t, "0x"):
		base, t = 16, t[2:]
	case strings.HasPrefix(t, "0o"):
		base, t = 8, t[2:]
	case strings.HasPrefix(t, "0b"):
		base, t = 2, t[2:]
	case len(t) > 1 && t[0] == '0' && strings.Trim(t, "0") != "":
		base = 8 // Python 2 octal
	}
	v, err := strconv.ParseInt(t, base, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// parseFloat reads a Python float literal (not complex).
func parseFloat(text string) (float64, bool) {
	t := strings.ReplaceAll(text, "_", "")
	if strings.HasSuffix(t, "j") || strings.HasSuffix(t, "J") {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
