package riskcheck

import (
	"context"
	"testing"

	"github.com/bulwark-sec/bulwark/scanners"
)

// BenchmarkScanDemo measures a whole riskcheck scan of the demo deployment,
// walk included, as `bulwark riskcheck` runs it.
func BenchmarkScanDemo(b *testing.B) {
	for i := 0; i < b.N; i++ {
		inv := walk(b, "../testdata/demo")
		res, err := New(DefaultOptions()).Scan(context.Background(), &scanners.Target{Inventory: inv, Counter: &scanners.Counter{}})
		if err != nil || len(res.Findings) == 0 {
			b.Fatalf("%v", err)
		}
	}
}
