package pyparse

import (
	"strconv"
	"strings"
)

// Text is the node's source text. Offsets outside src give "".
func (n *Node) Text(src []byte) string {
	if n == nil || n.Start > n.End || int(n.End) > len(src) {
		return ""
	}
	return string(src[n.Start:n.End])
}

// Bytes is the node's source text without a copy; do not modify it.
func (n *Node) Bytes(src []byte) []byte {
	if n == nil || n.Start > n.End || int(n.End) > len(src) {
		return nil
	}
	return src[n.Start:n.End]
}

// ChildByField is the first child with that field name, or nil.
func (n *Node) ChildByField(field string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Field == field {
			return c
		}
	}
	return nil
}

// ChildrenByField are the children with that field name, in order.
func (n *Node) ChildrenByField(field string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Field == field {
			out = append(out, c)
		}
	}
	return out
}

// ChildOfType is the first child of that kind, or nil.
func (n *Node) ChildOfType(typ string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Type == typ {
			return c
		}
	}
	return nil
}

// NamedChildren are the named children other than comments, in order.
func (n *Node) NamedChildren() []*Node {
	if n == nil {
		return nil
	}
	out := make([]*Node, 0, len(n.Children))
	for _, c := range n.Children {
		if c.Named && c.Type != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// HasToken reports whether the node has a direct child of that kind (an
// operator or, with Options.AllTokens, any keyword or punctuation).
func (n *Node) HasToken(typ string) bool { return n.ChildOfType(typ) != nil }

// Ancestor is the nearest proper ancestor of one of the kinds, or nil.
func (n *Node) Ancestor(types ...string) *Node {
	if n == nil {
		return nil
	}
	for p := n.Parent; p != nil; p = p.Parent {
		for _, t := range types {
			if p.Type == t {
				return p
			}
		}
	}
	return nil
}

// Walk visits n and its descendants in source order without recursion. fn
// returns false to skip a node's children.
func Walk(n *Node, fn func(*Node) bool) {
	if n == nil {
		return
	}
	stack := []*Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(cur) {
			continue
		}
		for i := len(cur.Children) - 1; i >= 0; i-- {
			stack = append(stack, cur.Children[i])
		}
	}
}

// Line is the source text of 1-based line i without its line break, or nil.
func (f *File) Line(i int) []byte {
	if i < 1 || i > len(f.lineStarts) {
		return nil
	}
	start := f.lineStarts[i-1]
	end := uint32(len(f.Src))
	if i < len(f.lineStarts) {
		end = f.lineStarts[i] - 1
	}
	if end > start && f.Src[end-1] == '\r' {
		end--
	}
	return f.Src[start:end]
}

// Lines is the number of lines in the file.
func (f *File) Lines() int { return len(f.lineStarts) }

// Sexp renders the subtree as an S-expression: "(call function: (identifier)
// arguments: (argument_list))"; anonymous nodes appear as their kind quoted.
// It is meant for tests and debugging.
func (n *Node) Sexp() string {
	var b strings.Builder
	type frame struct {
		n     *Node
		close bool
	}
	stack := []frame{{n: n}}
	for len(stack) > 0 {
		fr := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if fr.close {
			b.WriteByte(')')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if fr.n.Field != "" {
			b.WriteString(fr.n.Field)
			b.WriteString(": ")
		}
		if !fr.n.Named {
			b.WriteString(strconv.Quote(fr.n.Type))
			continue
		}
		b.WriteByte('(')
		b.WriteString(fr.n.Type)
		stack = append(stack, frame{n: fr.n, close: true})
		for i := len(fr.n.Children) - 1; i >= 0; i-- {
			stack = append(stack, frame{n: fr.n.Children[i]})
		}
	}
	return b.String()
}
