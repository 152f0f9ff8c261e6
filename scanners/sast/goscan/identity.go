package goscan

import (
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"strings"
)

// maxIdentityTokens bounds an identity on a minified or generated line.
const maxIdentityTokens = 256

// identity is the line-number-free content of a finding for its
// fingerprint: the declaration it is in ("(*Handler).ServeHTTP", "Find",
// "package scope") and the tokens of its lines, comments left out (adding a
// #nosec does not change it) and every string, rune and raw-string literal
// replaced by a placeholder, so no literal value (a password G101 flagged)
// is ever part of it. White space does not count. Two findings of one rule
// with one identity in one file are told apart by Analyze with "#2", "#3"
// in source order.
func identity(f *ast.File, tf *token.File, src []byte, line, endLine, col int) string {
	decl := "package scope"
	if tf != nil && line >= 1 && line <= tf.LineCount() {
		pos := tf.LineStart(line)
		if col > 1 && tf.Offset(pos)+col-1 <= tf.Size() {
			pos += token.Pos(col - 1)
		}
		decl = enclosing(f, pos)
	}
	return decl + ": " + lineTokens(src, line, endLine)
}

// enclosing names the top-level declaration holding pos.
func enclosing(f *ast.File, pos token.Pos) string {
	for _, d := range f.Decls {
		if d.Pos() > pos || pos >= d.End() {
			continue
		}
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			break
		}
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			return "(" + recvType(fd.Recv.List[0].Type) + ")." + fd.Name.Name
		}
		return fd.Name.Name
	}
	return "package scope"
}

func recvType(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "*" + recvType(t.X)
	case *ast.IndexExpr:
		return recvType(t.X)
	case *ast.IndexListExpr:
		return recvType(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.ParenExpr:
		return recvType(t.X)
	}
	return fmt.Sprintf("%T", e)
}

// lineTokens is the tokens that start on lines [line, endLine] of src,
// joined by spaces, literals other than numbers replaced.
func lineTokens(src []byte, line, endLine int) string {
	if len(src) == 0 || line < 1 {
		return ""
	}
	tf := token.NewFileSet().AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(tf, src, func(token.Position, string) {}, 0)
	var b strings.Builder
	n := 0
	for n < maxIdentityTokens {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		l := tf.PositionFor(pos, false).Line
		if l > endLine {
			break
		}
		if l < line || (tok == token.SEMICOLON && lit == "\n") {
			continue
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		switch {
		case tok == token.STRING:
			b.WriteString(`"…"`)
		case tok == token.CHAR:
			b.WriteString(`'…'`)
		case tok.IsLiteral():
			b.WriteString(lit) // identifiers and numbers
		default:
			b.WriteString(tok.String())
		}
		n++
	}
	return b.String()
}
