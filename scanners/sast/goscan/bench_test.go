package goscan

import (
	"context"
	"os"
	"testing"
)

// BenchmarkAnalyze measures a whole Analyze call on the rule fixture (eight
// packages) and, when GOSCAN_BENCH_MODULE names a module directory (a copy
// of github.com/spf13/cobra from the module cache, say), on that module.
// The build cache is the developer's and warm.
func BenchmarkAnalyze(b *testing.B) {
	cases := []struct{ name, root string }{{"fixture", "testdata/mod"}}
	if dir := os.Getenv("GOSCAN_BENCH_MODULE"); dir != "" {
		cases = append(cases, struct{ name, root string }{"module", dir})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			opt := testOptions(b, c.root)
			opt.Jobs = 0
			var res *Result
			for b.Loop() {
				var err error
				if res, err = Analyze(context.Background(), []Module{{Dir: "."}}, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Packages), "packages")
			b.ReportMetric(float64(res.Lines), "lines")
			b.ReportMetric(float64(len(res.Issues)), "issues")
		})
	}
}
