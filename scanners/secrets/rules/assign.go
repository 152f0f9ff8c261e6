package rules

import (
	"bytes"

	"github.com/bulwark-sec/bulwark/internal/textscan"
)

// maxPEM bounds a quoted PEM value that spans lines (a Coinbase CDP secret
// written with real newlines).
const maxPEM = 16 << 10

// closer finds the quote that closes a value across lines, within maxPEM
// bytes. It remembers where a search found none, so that many unterminated
// quotes cost linear time in all; the offsets it is asked about must not
// decrease.
type closer struct{ none [256]int }

func (c *closer) find(data []byte, from int, q byte) int {
	start, end := max(from, c.none[q]), min(len(data), from+maxPEM)
	if start >= end {
		return -1
	}
	k := bytes.IndexByte(data[start:end], q)
	if k < 0 {
		c.none[q] = end
		return -1
	}
	return start + k
}

// assign is one `name <op> value` found in text: NAME=value, name: value,
// "name": "value", name := "value", 'name' => 'value', kwarg="value", and
// getenv("NAME", "default"). The value span excludes its quotes.
type assign struct {
	ns, ne    int // the name: data[ns:ne]
	ls, le    int // the line of the name: [ls, le)
	vs, ve    int
	multiLine bool
}

// assignments reads every assignment in one forward pass: each operator
// looks back at most maxName bytes for its name, and the scan resumes after
// the value, so no byte is read more than a few times.
func assignments(data []byte) []assign {
	var out []assign
	var c closer
	ls, le := 0, lineEnd(data, 0)
	for i := 0; i < len(data); {
		if i >= le {
			ls = le + 1
			le = lineEnd(data, ls)
			i = ls
			continue
		}
		opLen, comma := operator(data, i, ls, le)
		if opLen == 0 {
			i++
			continue
		}
		nb := textscan.BlanksBefore(data, i)
		quoted := nb > ls && textscan.IsQuote(data[nb-1])
		if quoted {
			nb--
		}
		ns := textscan.IdentStart(data, nb)
		if ns == nb || comma && (!quoted || ns <= ls || !textscan.IsQuote(data[ns-1])) {
			i += opLen
			continue
		}
		a := assign{ns: ns, ne: nb, ls: ls, le: le}
		next, ok := value(data, i+opLen, le, comma, &c, &a)
		if !ok {
			i = max(next, i+opLen)
			continue
		}
		out = append(out, a)
		i = next
		if a.multiLine {
			ls = a.vs + bytes.LastIndexByte(data[a.vs:a.ve], '\n') + 1
			le = lineEnd(data, ls)
		}
	}
	return out
}

// operator returns the length of an assignment operator at i (0 for none)
// and whether it is the comma of getenv("NAME", "default").
func operator(data []byte, i, ls, le int) (int, bool) {
	next := byte(0)
	if i+1 < le {
		next = data[i+1]
	}
	switch data[i] {
	case '=':
		if next == '=' || i > ls && bytes.IndexByte([]byte("!<>=+-*/%&|^~"), data[i-1]) >= 0 {
			return 0, false
		}
		if next == '>' {
			return 2, false
		}
		return 1, false
	case ':':
		if next == ':' || next == '/' || i > ls && data[i-1] == ':' {
			return 0, false
		}
		if next == '=' {
			return 2, false
		}
		return 1, false
	case ',':
		return 1, true
	}
	return 0, false
}

// value reads the value after an operator at j into a and returns where
// the scan resumes. A comma form needs a quoted value.
func value(data []byte, j, le int, comma bool, c *closer, a *assign) (int, bool) {
	for n := 0; j < le && n < 64 && (data[j] == ' ' || data[j] == '\t'); n++ {
		j++
	}
	if j+1 < le && (data[j] == 'b' || data[j] == 'r' || data[j] == 'u') && textscan.IsQuote(data[j+1]) {
		j++
	}
	if j >= le {
		return j, false
	}
	if q := data[j]; textscan.IsQuote(q) {
		if k := bytes.IndexByte(data[j+1:le], q); k >= 0 {
			a.vs, a.ve = j+1, j+1+k
			return a.ve + 1, a.ve > a.vs
		}
		if bytes.HasPrefix(data[j+1:], []byte("-----BEGIN ")) {
			if k := c.find(data, j+1, q); k >= 0 {
				a.vs, a.ve, a.multiLine = j+1, k, true
				return a.ve + 1, true
			}
		}
		return le, false // an unterminated quote: the rest of the line is inside it
	}
	if comma {
		return j, false
	}
	if data[j] == '{' || data[j] == '[' || data[j] == '(' {
		return j + 1, false // a nested map or list: its fields are read next
	}
	k := j
	for k < le && !isValueEnd(data[k]) {
		k++
	}
	a.vs, a.ve = j, k
	return k, k > j
}

func isValueEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\r', ',', ';', ')', '}', ']', '"', '\'', '`':
		return true
	}
	return false
}

func lineEnd(data []byte, from int) int {
	if from >= len(data) {
		return len(data)
	}
	if k := bytes.IndexByte(data[from:], '\n'); k >= 0 {
		return from + k
	}
	return len(data)
}
