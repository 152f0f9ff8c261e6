// Package pyparse is the project's one Python parser: tree-sitter's Python
// grammar, converted once into a Go-native tree so that no C memory outlives
// Parse and a File can be read by any number of goroutines.
//
// The tree keeps every named node and, of the anonymous ones (punctuation and
// keywords), those the grammar gives a field name — operators such as `+`,
// `%`, `==`, `not in`, `and` — plus the `async` keyword. Options.AllTokens
// keeps every anonymous node. Comments are named nodes ("comment") and are
// also listed in File.Comments.
//
// Positions: Line and EndLine are 1-based; Col and EndCol are 1-based byte
// columns (Python's col_offset + 1). Lines are counted at '\n', as
// tree-sitter does; a lone '\r' ends one, as in Python (see Parse).
package pyparse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	ts "github.com/tree-sitter/go-tree-sitter"
	tspython "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// Node is one node of the syntax tree.
type Node struct {
	Type       string // tree-sitter node kind: "call", "identifier", "string"; an anonymous node's kind is its text ("%", "==")
	Field      string // field name in the parent ("function", "arguments", "left"), "" if none
	Named      bool   // a named node (false for operators and keywords)
	Start, End uint32 // byte offsets into File.Src
	Line, Col  int    // 1-based start line and byte column
	EndLine    int    // 1-based end line
	EndCol     int    // 1-based byte column just past the node's last byte
	Children   []*Node
	Parent     *Node
	Error      bool // an ERROR node or a MISSING node the parser inserted
}

// File is a parsed Python source file.
type File struct {
	Src  []byte
	Root *Node
	// Errors counts ERROR and MISSING nodes: 0 means the file parsed cleanly.
	// A file that does not parse is still a tree as far as the parser got.
	Errors int
	// Truncated is set when nesting went deeper than Options.MaxDepth: the
	// deeper subtrees were dropped.
	Truncated bool
	// MaxDepth is the depth limit the file was parsed with.
	MaxDepth int
	// Comments are the comment nodes in source order (also in the tree).
	Comments []*Node
	// lineStarts holds the byte offset of every line's first byte.
	lineStarts []uint32
}

// Options tune Parse. The zero value is the defaults.
type Options struct {
	MaxDepth  int           // deepest node kept (root = 1); default 400
	Timeout   time.Duration // per-file budget for parsing and conversion; default 5s
	AllTokens bool          // keep every anonymous node (punctuation, keywords)
}

// Defaults for Options.
const (
	DefaultMaxDepth = 400
	DefaultTimeout  = 5 * time.Second
)

// errSymbol is tree-sitter's built-in ERROR symbol ((TSSymbol)-1).
const errSymbol = 0xFFFF

// chunkSize is how much source the parser is handed per read callback.
const chunkSize = 256 << 10

var (
	langOnce  sync.Once
	language  *ts.Language
	kindNames []string
	kindNamed []bool
	fieldName []string
	asyncKind uint16
	parsers   chan *ts.Parser
)

func setup() {
	useLibcAllocator()
	language = ts.NewLanguage(tspython.Language())
	n := language.NodeKindCount()
	kindNames = make([]string, n)
	kindNamed = make([]bool, n)
	for i := uint32(0); i < n; i++ {
		kindNames[i] = language.NodeKindForId(uint16(i))
		kindNamed[i] = language.NodeKindIsNamed(uint16(i))
	}
	fc := language.FieldCount()
	fieldName = make([]string, fc+1)
	for i := uint32(1); i <= fc; i++ {
		fieldName[i] = language.FieldNameForId(uint16(i))
	}
	asyncKind = language.IdForNodeKind("async", false)
	parsers = make(chan *ts.Parser, 2*runtime.GOMAXPROCS(0))
}

func getParser() (*ts.Parser, error) {
	select {
	case p := <-parsers:
		return p, nil
	default:
	}
	p := ts.NewParser()
	if err := p.SetLanguage(language); err != nil {
		p.Close()
		return nil, fmt.Errorf("pyparse: set language: %w", err)
	}
	return p, nil
}

func putParser(p *ts.Parser) {
	p.Reset()
	select {
	case parsers <- p:
	default:
		p.Close()
	}
}

// ErrTimeout says a file took longer than Options.Timeout to parse: it was
// not analysed, which the caller must report.
var ErrTimeout = errors.New("pyparse: parsing took longer than the per-file budget")

// Parse parses src. It fails only when ctx is cancelled (the context's
// error) or the timeout runs out (ErrTimeout); any input, valid Python or
// not, gives a tree. It never panics.
//
// A lone carriage return ends a line in Python, as it does for Bandit, but
// not for tree-sitter's grammar, which would read the code after it as part
// of a comment: each one is read as a newline (File.Src holds that copy, of
// the same length, so offsets are unchanged).
func Parse(ctx context.Context, src []byte, opt Options) (f *File, err error) {
	src = loneCR(src)
	parent := ctx
	langOnce.Do(setup)
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = DefaultMaxDepth
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if len(src) > 1<<32-1 {
		return nil, errors.New("pyparse: file larger than 4 GiB")
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	var stop atomic.Bool
	unhook := context.AfterFunc(ctx, func() { stop.Store(true) })
	defer unhook()

	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("pyparse: internal error: %v", r)
		}
	}()

	p, err := getParser()
	if err != nil {
		return nil, err
	}
	n := len(src)
	read := func(i int, _ ts.Point) []byte {
		if i >= n {
			return nil
		}
		return src[i:min(n, i+chunkSize)]
	}
	tree := p.ParseWithOptions(read, nil, &ts.ParseOptions{ProgressCallback: func(ts.ParseState) bool { return stop.Load() }})
	if tree == nil {
		p.Reset()
		putParser(p)
		if e := stopped(parent, ctx); e != nil {
			return nil, e
		}
		return nil, errors.New("pyparse: the parser returned no tree")
	}
	putParser(p)
	defer tree.Close()

	flat, nerr, truncated, err := walkTree(tree, opt.MaxDepth, opt.AllTokens)
	if err != nil {
		return nil, fmt.Errorf("pyparse: %w", err)
	}
	if e := stopped(parent, ctx); e != nil {
		return nil, e
	}
	f = &File{Src: src, MaxDepth: opt.MaxDepth, Errors: nerr, Truncated: truncated, lineStarts: lineStarts(src)}
	f.build(flat)
	return f, nil
}

// stopped says why a parse stopped: the caller's context, or the budget.
func stopped(parent, ctx context.Context) error {
	if e := parent.Err(); e != nil {
		return fmt.Errorf("pyparse: parse stopped: %w", e)
	}
	if ctx.Err() != nil {
		return ErrTimeout
	}
	return nil
}

// loneCR returns src with every carriage return not followed by a newline
// turned into one; src itself when it has none (the common case, no copy).
func loneCR(src []byte) []byte {
	i := bytes.IndexByte(src, '\r')
	for i >= 0 && i+1 < len(src) && src[i+1] == '\n' {
		j := bytes.IndexByte(src[i+1:], '\r')
		if j < 0 {
			return src
		}
		i += 1 + j
	}
	if i < 0 {
		return src
	}
	out := append([]byte(nil), src...)
	for k := i; k < len(out); k++ {
		if out[k] == '\r' && (k+1 == len(out) || out[k+1] != '\n') {
			out[k] = '\n'
		}
	}
	return out
}

func lineStarts(src []byte) []uint32 {
	starts := make([]uint32, 1, 1+len(src)/32)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, uint32(i+1))
		}
	}
	return starts
}

// position turns a byte offset into a 1-based line and byte column.
func (f *File) position(off uint32) (line, col int) {
	i := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, int(off-f.lineStarts[i]) + 1
}

// build turns the walker's flat pre-order array into linked Go nodes: one
// slab of nodes and one backing array for all child lists.
func (f *File) build(flat []flatNode) {
	if len(flat) == 0 {
		return
	}
	nodes := make([]Node, len(flat))
	counts := make([]int32, len(flat))
	for i := range flat {
		if p := flat[i].parent; p != math.MaxUint32 {
			counts[p]++
		}
	}
	kids := make([]*Node, len(flat))
	off := 0
	for i := range nodes {
		c := int(counts[i])
		nodes[i].Children = kids[off : off : off+c]
		off += c
	}
	line := 0 // index into lineStarts of the current start line: starts only grow in pre-order
	for i := range flat {
		fn := &flat[i]
		n := &nodes[i]
		kind := uint16(fn.kind)
		n.Start, n.End = uint32(fn.start), uint32(fn.end)
		n.Named = fn.flags&1 != 0
		n.Error = fn.flags&2 != 0
		switch {
		case kind == errSymbol:
			n.Type = "ERROR"
		case int(kind) < len(kindNames):
			n.Type = kindNames[kind]
		}
		if fid := int(fn.field); fid < len(fieldName) {
			n.Field = fieldName[fid]
		}
		for line+1 < len(f.lineStarts) && f.lineStarts[line+1] <= n.Start {
			line++
		}
		for line > 0 && f.lineStarts[line] > n.Start {
			line--
		}
		n.Line, n.Col = line+1, int(n.Start-f.lineStarts[line])+1
		n.EndLine, n.EndCol = f.position(n.End)
		if p := fn.parent; p != math.MaxUint32 {
			n.Parent = &nodes[p]
			n.Parent.Children = append(n.Parent.Children, n)
		}
		if n.Type == "comment" {
			f.Comments = append(f.Comments, n)
		}
	}
	f.Root = &nodes[0]
}
