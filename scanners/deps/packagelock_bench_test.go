package deps

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPackageLock scans a tree holding one generated package-lock.json
// (lockfileVersion 3) of n packages: the whole deps scan, extraction, line
// numbers, matching against the test database and conversion. With
// osv-scalibr's own extractor the first two took 0.48 s and 46 s (32k: 151 s);
// the third, quadratic, would take over half an hour.
func BenchmarkPackageLock(b *testing.B) {
	db := testDB(b)
	for _, n := range []int{2000, 16000, 120000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			root := b.TempDir()
			lock := genPackageLock(n, 3)
			if err := os.WriteFile(filepath.Join(root, "package-lock.json"), lock, 0o644); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(lock)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err, read := scanTree(b, root, db)
				if err != nil || read["packages"] != int64(n) || len(res.Findings) == 0 {
					b.Fatalf("err %v, read %v, %d findings", err, read, len(res.Findings))
				}
			}
		})
	}
}
