package content

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// measured decodes data with lim and reports the bytes allocated meanwhile
// (an upper bound on the peak) and the time taken.
func measured(t *testing.T, path string, data []byte, lim Limits) (got, uint64, time.Duration) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	var g got
	g.problems, g.err = Decode(path, bytes.NewReader(data), int64(len(data)), lim, func(x Text) error {
		if len(g.texts) < 64 {
			x.Data = bytes.Clone(x.Data)
			g.texts = append(g.texts, x)
		}
		return nil
	})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if g.err != nil {
		t.Fatal(g.err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d bytes in: %s, %d MiB allocated, problems %v", len(data), took.Round(time.Millisecond), alloc>>20, kinds(g.problems))
	return g, alloc, took
}

func kinds(ps []Problem) map[string]int {
	m := map[string]int{}
	for _, p := range ps {
		m[p.Kind]++
	}
	return m
}

func zeros(n int) []byte { return make([]byte, n) }

// fortyTwo builds a 42.zip: levels of zips with 16 copies of the level
// below, the last holding a member of leafMiB MiB of zeros.
func fortyTwo(t *testing.T, levels, leafMiB int) []byte {
	z := zipOf(t, file{name: "0.bin", body: zeros(leafMiB << 20)})
	for range levels - 1 {
		fs := make([]file, 16)
		for i := range fs {
			fs[i] = file{name: fmt.Sprintf("lib %x.zip", i), body: z}
		}
		z = zipOf(t, fs...)
	}
	return z
}

func TestBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds multi-MiB archives")
	}
	secret := []byte(awsSecret + "\n")
	const memBound = 300 << 20 // MaxTotal is 256 MiB; a bomb must not reach it in memory

	t.Run("42.zip", func(t *testing.T) {
		// 16^4 leaves of 64 MiB each: 4 TiB claimed, in about 60 KiB.
		g, alloc, took := measured(t, "42.zip", fortyTwo(t, 5, 64), Limits{})
		if !g.has(KindBomb) || !(g.has(KindTooLarge) || g.has(KindEntries)) {
			t.Errorf("problems %v", kinds(g.problems))
		}
		if len(g.problems) > maxProblems+1 {
			t.Errorf("%d problems", len(g.problems))
		}
		if alloc > memBound || took > 30*time.Second*testutil.Slowdown {
			t.Errorf("%d MiB allocated, %s", alloc>>20, took)
		}
	})
	t.Run("high-ratio member", func(t *testing.T) {
		z := zipOf(t, file{name: "bomb.bin", body: zeros(64 << 20)}, file{name: "after.env", body: secret})
		g, alloc, _ := measured(t, "a.zip", z, Limits{})
		if !g.has(KindBomb) || g.problems[0].Path != "a.zip!/bomb.bin" {
			t.Errorf("problems %v", g.problems)
		}
		if _, _, ok := g.find(awsSecret); !ok {
			t.Error("the member after the bomb was not read")
		}
		if alloc > 16<<20 {
			t.Errorf("%d MiB allocated", alloc>>20)
		}
	})
	t.Run("gzip bomb", func(t *testing.T) {
		one := gzipOf(t, zeros(1<<20)) // gzip members concatenate: 2 GiB of zeros
		g, alloc, _ := measured(t, "z.gz", bytes.Repeat(one, 2048), Limits{})
		if !g.has(KindBomb) || alloc > 16<<20 {
			t.Errorf("problems %v, %d MiB allocated", g.problems, alloc>>20)
		}
	})
	t.Run("MaxTotal", func(t *testing.T) {
		var fs []file
		for i := range 10 { // incompressible-ish text: no bomb, just a lot
			b := make([]byte, 1<<20)
			for j := range b {
				b[j] = byte(j*7919 + i*31 + j>>7)
			}
			fs = append(fs, file{name: fmt.Sprintf("%d.txt", i), body: []byte(base64.StdEncoding.EncodeToString(b))})
		}
		fs = append([]file{{name: "first.env", body: secret}}, fs...)
		g, _, _ := measured(t, "a.zip", zipOf(t, fs...), Limits{MaxTotal: 4 << 20})
		if !g.has(KindTooLarge) || g.has(KindBomb) {
			t.Errorf("problems %v", g.problems)
		}
		if _, _, ok := g.find(awsSecret); !ok {
			t.Error("what came before the limit was not emitted")
		}
	})
	t.Run("overlapping stored entries", func(t *testing.T) {
		// 2,000 directory entries all pointing at one 1 MiB stored member:
		// 2 GiB to read from a 1 MiB file.
		one := zipOf(t, file{name: "a", body: sourceText(1 << 20), store: true})
		g, _, took := measured(t, "o.zip", overlapping(t, one, 2000), Limits{})
		if !g.has(KindTooLarge) || took > 20*time.Second*testutil.Slowdown {
			t.Errorf("problems %v, %s", kinds(g.problems), took)
		}
	})
	t.Run("sparse tar", func(t *testing.T) {
		g, alloc, took := measured(t, "s.tar", sparseTar(t, 1<<40), Limits{})
		if !g.has(KindBomb) || alloc > 16<<20 || took > 10*time.Second*testutil.Slowdown {
			t.Errorf("problems %v, %d MiB, %s", g.problems, alloc>>20, took)
		}
	})
}

func TestManyEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100k-entry archives")
	}
	secret := []byte(awsSecret + "\n")
	const n = 100_000
	fs := []file{{name: "first.env", body: secret}}
	for i := range n {
		fs = append(fs, file{name: fmt.Sprintf("d/%06d", i), store: true})
	}
	t.Run("zip", func(t *testing.T) {
		z := zipOf(t, fs...)
		g, alloc, took := measured(t, "many.zip", z, Limits{})
		if !g.has(KindEntries) {
			t.Errorf("problems %v", g.problems)
		}
		if _, _, ok := g.find(awsSecret); !ok {
			t.Error("the first entries were not read")
		}
		// archive/zip alone holds ~300 bytes an entry: 30 MiB for all of them.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, err := zip.NewReader(bytes.NewReader(z), int64(len(z))); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		t.Logf("archive/zip on all %d entries: %d MiB allocated", n, (after.TotalAlloc-before.TotalAlloc)>>20)
		if alloc > 16<<20 || took > 10*time.Second*testutil.Slowdown {
			t.Errorf("%d MiB allocated, %s", alloc>>20, took)
		}
	})
	t.Run("tar", func(t *testing.T) {
		g, _, took := measured(t, "many.tar", tarOf(t, fs...), Limits{})
		if !g.has(KindEntries) || took > 10*time.Second*testutil.Slowdown {
			t.Errorf("problems %v, %s", g.problems, took)
		}
		if _, _, ok := g.find(awsSecret); !ok {
			t.Error("the first entries were not read")
		}
	})
	t.Run("view keeps the first MaxEntries", func(t *testing.T) {
		z := zipOf(t, fs[:50]...)
		for _, limit := range []int{1, 7, 49, 50, 51} {
			g := decodeBytes(t, "z.zip", z, Limits{MaxEntries: limit})
			if _, _, ok := g.find(awsSecret); !ok || g.has(KindEntries) != (limit < 50) || g.has(KindCorrupt) {
				t.Errorf("MaxEntries %d: found %v, problems %v", limit, ok, g.problems)
			}
		}
	})
}

// sparseTar is a tar with one GNU sparse file (PAX format 0.1) of size bytes,
// all hole. archive/tar writes no sparse files, so the PAX header is made by
// hand: a ustar entry whose type is patched to 'x'.
func sparseTar(t testing.TB, size int64) []byte {
	var recs string
	for _, kv := range [][2]string{{"GNU.sparse.map", "0,0"}, {"GNU.sparse.numblocks", "1"}, {"GNU.sparse.size", fmt.Sprint(size)}} {
		r := " " + kv[0] + "=" + kv[1] + "\n"
		recs += fmt.Sprintf("%d%s", len(r)+2, r) // every record here is 10–99 bytes
	}
	d := tarOf(t, file{name: "pax", body: []byte(recs)}, file{name: "holes"})
	d[156] = tar.TypeXHeader
	copy(d[148:156], "        ")
	sum := 0
	for _, c := range d[:512] {
		sum += int(c)
	}
	copy(d[148:156], fmt.Sprintf("%06o\x00 ", sum))
	return d
}

// overlapping rewrites a one-entry zip so that its directory lists that
// entry n times (Fifield's overlapping-entry construction, without the
// compression).
func overlapping(t *testing.T, z []byte, n int) []byte {
	start, _, ok := findZipDir(bytes.NewReader(z), int64(len(z)))
	if !ok {
		t.Fatal("no directory")
	}
	end := bytes.LastIndex(z, []byte("PK\x05\x06"))
	rec := z[start:end]
	out := append([]byte(nil), z[:start]...)
	for range n {
		out = append(out, rec...)
	}
	eocd := append([]byte(nil), z[end:]...)
	le.PutUint16(eocd[8:], uint16(n))
	le.PutUint16(eocd[10:], uint16(n))
	le.PutUint32(eocd[12:], uint32(n*len(rec)))
	return append(out, eocd...)
}
