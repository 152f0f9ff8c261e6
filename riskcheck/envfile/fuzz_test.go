package envfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to Parse, Check and PlaintextKeys: no
// panic, bounded time, and every parsed entry well-formed.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.env"))
	more, _ := filepath.Glob(filepath.Join("testdata", "plaintext", "*"))
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("A=\"open"))
	f.Add([]byte("export B='x\ny' # c\r\nC=\"\\\"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		file, err := Parse(data)
		if err == nil {
			lines := 1 + bytes.Count(data, []byte("\n"))
			for _, e := range file.Entries {
				if e.Line < 1 || e.EndLine < e.Line || e.EndLine > lines || e.Key == "" || !isKeyByte(e.Key[0]) {
					t.Fatalf("bad entry %+v", e)
				}
			}
			_, _ = Environment(file)
		} else if _, ok := err.(*ParseError); !ok {
			t.Fatalf("error of type %T", err)
		}
		_ = Check("f", data, 0o644, true)
		_ = PlaintextKeys("f", data)
		if took := time.Since(start); took > 2*time.Second {
			t.Fatalf("took %s", took)
		}
	})
}
