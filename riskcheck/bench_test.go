package riskcheck

import (
	"context"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/scanners"
)

// BenchmarkScanDemo measures a whole riskcheck scan of the demo deployment,
// walk included, as `bulwark riskcheck` runs it.
func BenchmarkScanDemo(b *testing.B) {
	cfg := config.Default()
	for i := 0; i < b.N; i++ {
		inv, err := scanners.Walk(context.Background(), "../testdata/demo", nil)
		if err != nil {
			b.Fatal(err)
		}
		res, err := Scanner{}.Scan(context.Background(), &scanners.Target{Inventory: inv, Config: cfg, Counter: &scanners.Counter{}})
		if err != nil || len(res.Findings) == 0 {
			b.Fatalf("%v", err)
		}
	}
}
