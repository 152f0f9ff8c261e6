package deps

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// lineNode is a key of a package-lock.json on the paths the extractor looks
// up, with where its value starts and the keys under it that are looked up.
type lineNode struct {
	line, offset int
	kids         map[string]*lineNode
}

// kid is the node for a key below n, nil when there is none.
func (n *lineNode) kid(key string) *lineNode {
	if n == nil {
		return nil
	}
	return n.kids[key]
}

// position is the line (from 1) and byte offset of n's value; 0, -1 for nil.
func (n *lineNode) position() (line, offset int) {
	if n == nil {
		return 0, -1
	}
	return n.line, n.offset
}

// What an object's keys are, and which of them are indexed.
const (
	skipKey      = iota
	rootKeys     // the document: only the top key being indexed
	packagesKeys // v2/v3 "packages": every key, an install path
	packageKeys  // one install path's package: nothing below it
	depsKeys     // v1 "dependencies": every key, a package name
	depKeys      // one v1 package: its nested "dependencies"
)

func (x *lineIndex) keysBelow(kind int, key string) int {
	switch {
	case kind == rootKeys && key == x.top && key == "packages":
		return packagesKeys
	case kind == rootKeys && key == x.top && key == "dependencies", kind == depKeys && key == "dependencies":
		return depsKeys
	case kind == packagesKeys:
		return packageKeys
	case kind == depsKeys:
		return depKeys
	}
	return skipKey
}

// maxLockDepth bounds the recursion; encoding/json already refuses deeper.
const maxLockDepth = 10000

// indexLockLines finds, in one pass, the line of every value the extractor
// looks up under top: packages[path] (v2, v3), or, when top is
// "dependencies", dependencies[name](.dependencies[name])* (v1). It
// answers as osv-scalibr's gjson lookups did, in linear instead of quadratic
// time: keys compare exactly (encoding/json's decoding, case-sensitive), a
// repeated key keeps its first position, and the keys under every copy of a
// repeated key are indexed. It never fails; on malformed input (which
// parsePackageLock rejects before) it stops early and misses lines.
func indexLockLines(data []byte, top string) *lineNode {
	x := &lineIndex{b: data, top: top, line: 1}
	root := &lineNode{offset: -1}
	x.space()
	if x.i < len(x.b) && x.b[x.i] == '{' {
		x.object(root, rootKeys, 0)
	}
	return root
}

type lineIndex struct {
	b            []byte
	top          string
	i            int // read position
	line, lineAt int // the line at byte lineAt
}

// lineOf counts lines up to off, which never decreases between calls.
func (x *lineIndex) lineOf(off int) int {
	x.line += bytes.Count(x.b[x.lineAt:off], []byte{'\n'})
	x.lineAt = off
	return x.line
}

func (x *lineIndex) space() {
	for x.i < len(x.b) && (x.b[x.i] == ' ' || x.b[x.i] == '\t' || x.b[x.i] == '\n' || x.b[x.i] == '\r') {
		x.i++
	}
}

// object reads the object at x.i into n.
func (x *lineIndex) object(n *lineNode, kind, depth int) {
	x.i++ // '{'
	for {
		x.space()
		if x.i >= len(x.b) {
			return
		}
		switch x.b[x.i] {
		case '}':
			x.i++
			return
		case ',':
			x.i++
			continue
		case '"':
		default:
			x.i = len(x.b) // not JSON: stop
			return
		}
		key := x.key()
		x.space()
		if x.i < len(x.b) && x.b[x.i] == ':' {
			x.i++
		}
		x.space()
		below := x.keysBelow(kind, key)
		if below == skipKey {
			x.skip()
			continue
		}
		c := n.kids[key]
		if c == nil {
			c = &lineNode{line: x.lineOf(x.i), offset: x.i}
			if n.kids == nil {
				n.kids = map[string]*lineNode{}
			}
			n.kids[key] = c
		}
		if below != packageKeys && depth < maxLockDepth && x.i < len(x.b) && x.b[x.i] == '{' {
			x.object(c, below, depth+1)
		} else {
			x.skip()
		}
	}
}

// str reads the string at x.i and returns its content, raw, and whether it
// holds an escape.
func (x *lineIndex) str() ([]byte, bool) {
	start := x.i + 1
	for j := start; j < len(x.b); {
		k := bytes.IndexByte(x.b[j:], '"')
		if k < 0 {
			break
		}
		k += j
		slashes := 0
		for m := k - 1; m >= start && x.b[m] == '\\'; m-- {
			slashes++
		}
		if slashes%2 == 0 {
			x.i = k + 1
			raw := x.b[start:k]
			return raw, bytes.IndexByte(raw, '\\') >= 0
		}
		j = k + 1
	}
	x.i = len(x.b)
	return x.b[start:], true
}

// key reads a key as encoding/json decodes it, so it equals the map key the
// lockfile was decoded into.
func (x *lineIndex) key() string {
	start := x.i
	raw, escaped := x.str()
	if !escaped && utf8.Valid(raw) {
		return string(raw)
	}
	var s string
	if json.Unmarshal(x.b[start:x.i], &s) != nil {
		return string(raw)
	}
	return s
}

// skip reads past the value at x.i.
func (x *lineIndex) skip() {
	depth := 0
	for x.i < len(x.b) {
		c := x.b[x.i]
		switch {
		case c == '"':
			x.str()
		case c == '{' || c == '[':
			depth++
			x.i++
		case c == '}' || c == ']':
			if depth == 0 {
				return // the end of the object holding the value
			}
			depth--
			x.i++
		case c == ',' && depth == 0:
			return
		default:
			x.i++
		}
		if depth == 0 && (c == '"' || c == '}' || c == ']') {
			return
		}
	}
}
