package pyparse

import (
	"context"
	"testing"
)

// FuzzParse: any input gives a tree whose nodes lie inside the source and
// inside their parents, within the depth limit.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"import os\nos.system(f'{x}')\n", "def f(:\n", "x = (((((1", "match x:\n case {'a': [1, *r]}: pass\n",
		"@d\nasync def f(a, /, b=1, *c, d, **e) -> int:\n    return await g(*c, **e)\n", "\xff\xfe\x00'\"\"\"",
		"if (n := 1):\n\tpass\n  x\n", "print >>f, 'x'\nexec 'code'\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse(context.Background(), src, Options{MaxDepth: 64})
		if err != nil {
			return // only a timeout, on a slow fuzzing machine
		}
		depth := map[*Node]int{file.Root: 1}
		Walk(file.Root, func(n *Node) bool {
			if n.Start > n.End || int(n.End) > len(src) {
				t.Fatalf("node %s [%d,%d) outside a %d-byte source", n.Type, n.Start, n.End, len(src))
			}
			if depth[n] > 64 {
				t.Fatalf("node %s at depth %d beyond the limit", n.Type, depth[n])
			}
			if n.Line < 1 || n.Col < 1 || n.EndLine < n.Line {
				t.Fatalf("node %s has position %d:%d-%d:%d", n.Type, n.Line, n.Col, n.EndLine, n.EndCol)
			}
			for _, c := range n.Children {
				if c.Parent != n || c.Start < n.Start || c.End > n.End {
					t.Fatalf("%s not inside %s", c.Type, n.Type)
				}
				depth[c] = depth[n] + 1
			}
			return true
		})
	})
}
