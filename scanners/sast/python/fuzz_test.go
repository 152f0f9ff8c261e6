package python

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// FuzzAnalyze: no input makes a rule panic (a recovered panic shows as an
// "internal error" note), and the result is deterministic.
func FuzzAnalyze(f *testing.F) {
	f.Add([]byte(everyRuleSource))
	for _, s := range []string{
		"import subprocess as sp\ndef f(a):\n    x = a\n    x += 'b'\n    sp.call(x, shell=True)  # nosec B603\n",
		"a, (b, *c) = d = e = f'{g!r}'\nfor h, i in j: os.system(h % i)\n",
		"@x(y=lambda: z)\nclass A(B, metaclass=M):\n    def m(self, *, k='v'): return jwt.decode(t, options=o)\n",
		"try:\n pass\nexcept* (A, B) as e:\n pass\n", "x = (\n", "print >>f, x\nexec 'y'\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		r1, err := AnalyzeSource(context.Background(), src)
		if err != nil {
			return
		}
		for _, n := range r1.Notes {
			if strings.Contains(n, "internal error") {
				t.Fatalf("rule panicked: %s", n)
			}
		}
		for _, is := range r1.Issues {
			if is.Line < 1 || is.EndLine < is.Line || is.Rule == "" || is.Message == "" {
				t.Fatalf("malformed issue %+v", is)
			}
		}
		r2, _ := AnalyzeSource(context.Background(), src)
		if fmt.Sprint(r1) != fmt.Sprint(r2) {
			t.Fatal("results differ between runs")
		}
	})
}
