package content

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchSource is n bytes of real Go source: this package's own files,
// repeated.
func benchSource(b *testing.B, n int) []byte {
	paths, err := filepath.Glob("*.go")
	if err != nil || len(paths) == 0 {
		b.Fatal(err)
	}
	var src []byte
	for len(src) < n {
		for _, p := range paths {
			d, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			src = append(src, d...)
		}
	}
	return src[:n]
}

func discard(Text) error { return nil }

// readOnly is what a scanner does without this package: read the file in
// 1 MiB pieces.
func readOnly(r io.ReaderAt, size int64, buf []byte) {
	for off := int64(0); off < size; off += int64(len(buf)) {
		_, _ = r.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
	}
}

func benchFiles(b *testing.B, name string, files [][]byte) {
	total := 0
	for _, f := range files {
		total += len(f)
	}
	rs := make([]*bytes.Reader, len(files))
	for i, f := range files {
		rs[i] = bytes.NewReader(f)
	}
	buf := make([]byte, 1<<20)
	b.Run("read-only/"+name, func(b *testing.B) {
		b.SetBytes(int64(total))
		for b.Loop() {
			for i, r := range rs {
				readOnly(r, int64(len(files[i])), buf)
			}
		}
	})
	b.Run("decode/"+name, func(b *testing.B) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for i, r := range rs {
				if _, err := Decode("f", r, int64(len(files[i])), Limits{}, discard); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkDecode compares Decode with plain reading on ordinary source (the
// hot path), then shows the other decoders.
func BenchmarkDecode(b *testing.B) {
	src := benchSource(b, 32<<20)
	benchFiles(b, "source-32MiB", [][]byte{src})
	var small [][]byte
	for i := 0; i+4096 <= 4<<20; i += 4096 {
		small = append(small, src[i:i+4096])
	}
	benchFiles(b, "source-4KiB-files", small)

	text := src[:8<<20]
	other := map[string][]byte{
		"utf-16":  utf16Bytes(string(text), false, true),
		"binary":  append(elfLike(newRand(1)), text...),
		"zip":     zipOf(b, file{name: "a.go", body: text}),
		"tar.gz":  gzipOf(b, tarOf(b, file{name: "a.go", body: text})),
		"nul-ful": bytes.ReplaceAll(text, []byte("\n"), []byte("\x00\n")),
	}
	for _, name := range []string{"utf-16", "binary", "zip", "tar.gz", "nul-ful"} {
		data := other[name]
		b.Run("decode/"+name+"-8MiB", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode("f", bytes.NewReader(data), int64(len(data)), Limits{}, discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFile reads a 64 MiB source file from disk (the page cache, after
// the first pass): plain reading against Decode.
func BenchmarkFile(b *testing.B) {
	p := filepath.Join(b.TempDir(), "big.go")
	if err := os.WriteFile(p, benchSource(b, 64<<20), 0o600); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	const size = 64 << 20
	buf := make([]byte, 1<<20)
	b.Run("read-only", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			readOnly(f, size, buf)
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Decode("big.go", f, size, Limits{}, discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
