package pyparse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func parse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse(context.Background(), []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// find is the first node of a kind in source order.
func find(f *File, typ string) *Node {
	var out *Node
	Walk(f.Root, func(n *Node) bool {
		if out == nil && n.Type == typ {
			out = n
		}
		return out == nil
	})
	return out
}

func TestConstructs(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		sexp      string // Sexp of the first statement
	}{
		{"f-string", `x = f"a{b!r:>{w}}c"`,
			`(expression_statement (assignment left: (identifier) right: (string (string_start) (string_content) (interpolation expression: (identifier) type_conversion: (type_conversion) format_specifier: (format_specifier (format_expression expression: (identifier)))) (string_content) (string_end))))`},
		{"decorator", "@a.b(1)\ndef f(): pass",
			`(decorated_definition (decorator (call function: (attribute object: (identifier) attribute: (identifier)) arguments: (argument_list (integer)))) definition: (function_definition name: (identifier) parameters: (parameters) body: (block (pass_statement))))`},
		{"async await", "async def f():\n    await g()",
			`(function_definition "async" name: (identifier) parameters: (parameters) body: (block (expression_statement (await (call function: (identifier) arguments: (argument_list))))))`},
		{"walrus", "if (n := len(a)) > 10: pass",
			`(if_statement condition: (comparison_operator (parenthesized_expression (named_expression name: (identifier) value: (call function: (identifier) arguments: (argument_list (identifier))))) operators: ">" (integer)) consequence: (block (pass_statement)))`},
		{"match", "match p:\n    case [x, *_]: pass",
			`(match_statement subject: (identifier) body: (block alternative: (case_clause (case_pattern (list_pattern (case_pattern (dotted_name (identifier))) (case_pattern (splat_pattern)))) consequence: (block (pass_statement)))))`},
		{"line continuation", "x = 1 + \\\n    2",
			`(expression_statement (assignment left: (identifier) right: (binary_operator left: (integer) operator: "+" (line_continuation) right: (integer))))`},
		{"operators kept", "a % b == c not in d",
			`(expression_statement (comparison_operator (binary_operator left: (identifier) operator: "%" right: (identifier)) operators: "==" (identifier) operators: "not in" (identifier)))`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := parse(t, tc.src)
			if f.Errors != 0 {
				t.Fatalf("%d parse errors", f.Errors)
			}
			if got := f.Root.Children[0].Sexp(); got != tc.sexp {
				t.Errorf("got  %s\nwant %s", got, tc.sexp)
			}
		})
	}
}

func TestPositionsAndParents(t *testing.T) {
	src := "import os\n\ndef f():\n    os.system(\n        cmd)  # c\n"
	f := parse(t, src)
	call := find(f, "call")
	if call == nil || call.Line != 4 || call.Col != 5 || call.EndLine != 5 || call.EndCol != 13 {
		t.Fatalf("call position %+v", call)
	}
	if got := call.Text(f.Src); got != "os.system(\n        cmd)" {
		t.Errorf("text %q", got)
	}
	if fn := call.ChildByField("function"); fn.Parent != call || fn.Text(f.Src) != "os.system" {
		t.Errorf("function field %v", fn)
	}
	if def := call.Ancestor("function_definition"); def == nil || def.ChildByField("name").Text(f.Src) != "f" {
		t.Error("ancestor not found")
	}
	if len(f.Comments) != 1 || f.Comments[0].Line != 5 || f.Comments[0].Text(f.Src) != "# c" {
		t.Errorf("comments %v", f.Comments)
	}
	if string(f.Line(4)) != "    os.system(" || f.Lines() != 6 {
		t.Errorf("line 4 %q, %d lines", f.Line(4), f.Lines())
	}
	// every child lies inside its parent
	Walk(f.Root, func(n *Node) bool {
		for _, c := range n.Children {
			if c.Parent != n || c.Start < n.Start || c.End > n.End {
				t.Errorf("%s not inside %s", c.Type, n.Type)
			}
		}
		return true
	})
}

func TestAllTokens(t *testing.T) {
	f, err := Parse(context.Background(), []byte("f(a, b)"), Options{AllTokens: true})
	if err != nil {
		t.Fatal(err)
	}
	args := find(f, "argument_list")
	var kinds []string
	for _, c := range args.Children {
		kinds = append(kinds, c.Type)
	}
	if strings.Join(kinds, " ") != "( identifier , identifier )" {
		t.Errorf("children %v", kinds)
	}
}

func TestSyntaxErrors(t *testing.T) {
	src := "def f(:\n    pass\nimport os\nos.system(x)\n"
	f := parse(t, src)
	if f.Errors == 0 {
		t.Fatal("no errors counted")
	}
	if call := find(f, "call"); call == nil || call.Text(f.Src) != "os.system(x)" {
		t.Error("the rest of the file is not in the tree")
	}
	flagged := 0
	Walk(f.Root, func(n *Node) bool {
		if n.Error {
			flagged++
		}
		return true
	})
	if flagged == 0 {
		t.Error("no node flagged as an error")
	}
	garbage := parse(t, "x = = 1 $ ?\n")
	if find(garbage, "ERROR") == nil || garbage.Errors == 0 {
		t.Error("no ERROR node for garbage")
	}
	missing := parse(t, "x = (1, 2\n")
	if missing.Errors == 0 {
		t.Error("missing parenthesis not counted")
	}
}

func TestHostileInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"invalid utf-8", []byte("x = '\xff\xfe\xc3'\nprint(\x80)\n")},
		{"nul bytes", []byte("x = 1\x00\x00\ny = 'a\x00b'\n")},
		{"only garbage", bytes.Repeat([]byte{0xff, 0x00, '(', '"'}, 1000)},
		{"empty", nil},
		{"bom and crlf", []byte("\xef\xbb\xbfx = 1\r\ny = 2\r\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(context.Background(), tc.src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if f.Root == nil {
				t.Fatal("no root")
			}
			Walk(f.Root, func(n *Node) bool {
				if int(n.End) > len(tc.src) || n.Start > n.End {
					t.Fatalf("node %s out of range", n.Type)
				}
				_ = n.Text(f.Src)
				return true
			})
		})
	}
}

func TestDeepNesting(t *testing.T) {
	src := "x = " + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "\n"
	f := parse(t, src)
	if !f.Truncated {
		t.Error("10k-deep nesting not truncated")
	}
	maxDepth := 0
	var walk func(*Node, int)
	walk = func(n *Node, d int) {
		if d > maxDepth {
			maxDepth = d
		}
		for _, c := range n.Children {
			walk(c, d+1)
		}
	}
	walk(f.Root, 1)
	if maxDepth > DefaultMaxDepth {
		t.Errorf("tree depth %d beyond the limit %d", maxDepth, DefaultMaxDepth)
	}
	small, err := Parse(context.Background(), []byte("f(g(h(1)))"), Options{MaxDepth: 5})
	if err != nil || !small.Truncated {
		t.Errorf("MaxDepth 5 not applied: %v %v", small.Truncated, err)
	}
}

func TestLargeOneLineFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("x = [")
	for b.Len() < 5<<20 {
		b.WriteString("'abcdefghijklmnopqrstuvwxyz0123456789', ")
	}
	b.WriteString("]")
	start := time.Now()
	f := parse(t, b.String())
	if f.Errors != 0 || f.Lines() != 1 {
		t.Fatalf("errors %d lines %d", f.Errors, f.Lines())
	}
	list := find(f, "list")
	if list == nil || len(list.Children) < 100000 {
		t.Fatal("list not parsed")
	}
	last := list.Children[len(list.Children)-1]
	if last.Line != 1 || last.Col != int(last.Start)+1 {
		t.Errorf("column of the last element %d, start %d", last.Col, last.Start)
	}
	t.Logf("5 MB one-line file: %d elements in %v", len(list.Children), time.Since(start))
}

// TestLoneCR: a lone carriage return ends a line, as in CPython, so code
// after a comment ended by one is parsed (not swallowed by the comment) and
// lines are numbered as Python numbers them.
func TestLoneCR(t *testing.T) {
	src := []byte("import os\n# note\ros.system(x)\r\ny = 1\rz = 2\n")
	f := parse(t, string(src))
	var calls, lines []int
	Walk(f.Root, func(n *Node) bool {
		switch n.Type {
		case "call":
			calls = append(calls, n.Line)
		case "assignment":
			lines = append(lines, n.Line)
		}
		return true
	})
	if fmt.Sprint(calls) != "[3]" || fmt.Sprint(lines) != "[4 5]" {
		t.Errorf("call lines %v, assignment lines %v; want [3] and [4 5]", calls, lines)
	}
	if len(f.Src) != len(src) {
		t.Errorf("the rewritten source changed length: %d != %d", len(f.Src), len(src))
	}
	if string(loneCR([]byte("a\r\nb\r\n"))) != "a\r\nb\r\n" {
		t.Error("CRLF must be left alone")
	}
}

func TestCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src := []byte(strings.Repeat("x = [1, 2, 3]\n", 200000))
	if _, err := Parse(ctx, src, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err %v", err)
	}
	if _, err := Parse(context.Background(), src, Options{Timeout: time.Microsecond}); !errors.Is(err, ErrTimeout) {
		t.Errorf("timeout: err %v", err)
	}
	// the pooled parser works after a cancelled parse
	if f := parse(t, "a = 1\n"); f.Errors != 0 || find(f, "assignment") == nil {
		t.Error("parser not reset after cancellation")
	}
}

func TestConcurrentParses(t *testing.T) {
	srcs := []string{"import os\nos.system(x)\n", "def f(:\n", "x = f'{a}'\n", "class C:\n    async def m(self): await x\n"}
	want := make([]string, len(srcs))
	for i, s := range srcs {
		want[i] = parse(t, s).Root.Sexp()
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(srcs)
				f, err := Parse(context.Background(), []byte(srcs[k]), Options{})
				if err != nil || f.Root.Sexp() != want[k] {
					t.Errorf("concurrent parse %d differs: %v", k, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
