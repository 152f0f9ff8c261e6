package goscan

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"sync"
)

// sources is the loader's ParseFile: it parses as go/packages would and
// keeps each file's bytes (the overlay's when there is one) for the
// identities of findings.
type sources struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newSources() *sources { return &sources{files: map[string][]byte{}} }

// parse is packages.Config.ParseFile. Line directives (//line f:n) are
// neutralised first: gosec reports lines, and matches #nosec comments to
// findings, by the positions they make up, so a directive could move a
// finding onto the line of an unrelated #nosec, or anywhere else.
func (s *sources) parse(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	src = dropLineDirectives(src)
	s.mu.Lock()
	s.files[filename] = src
	s.mu.Unlock()
	// The mode go/packages uses (object resolution included; gosec relies on it).
	return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
}

func (s *sources) get(filename string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[filename]
}

var lineDirectives = [][]byte{[]byte("//line "), []byte("/*line "), []byte("//line\t"), []byte("/*line\t")}

// dropLineDirectives returns src with every line directive comment turned
// into an ordinary comment of the same length ("//line" -> "//LINE"), so no
// offset moves. src itself is not modified.
func dropLineDirectives(src []byte) []byte {
	found := false
	for _, d := range lineDirectives {
		if bytes.Contains(src, d) {
			found = true
			break
		}
	}
	if !found {
		return src
	}
	out := bytes.Clone(src)
	tf := token.NewFileSet().AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(tf, src, func(token.Position, string) {}, scanner.ScanComments)
	base := tf.Base()
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT || len(lit) < 7 {
			continue
		}
		for _, d := range lineDirectives {
			if bytes.HasPrefix([]byte(lit), d) {
				off := int(pos) - base
				copy(out[off+2:off+6], "LINE")
				break
			}
		}
	}
	return out
}
