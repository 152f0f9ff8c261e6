package content

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// fuzzLimits are small, so that fuzz inputs reach them.
var fuzzLimits = Limits{MaxDepth: 3, MaxTotal: 1 << 20, MaxRatio: 50, MaxEntries: 64, Window: 1024, Overlap: 64}

// fuzzState runs f on a fresh state and checks what every decoder owes:
// no error (nothing here fails to read or to emit), windows within Window,
// fields in range, MaxTotal kept, problems capped, and bounded time and
// output.
func fuzzState(t *testing.T, size int, lim Limits, f func(st *state) error) []Text {
	t.Helper()
	lim, err := lim.normalized()
	if err != nil {
		t.Fatal(err)
	}
	var texts []Text
	out := 0
	st := &state{lim: lim, emit: func(x Text) error {
		switch {
		case len(x.Data) == 0 || len(x.Data) > lim.Window:
			t.Fatalf("%s: window of %d bytes", x.Path, len(x.Data))
		case x.Overlap < 0 || x.Overlap >= len(x.Data) || x.FirstLine < 1 || x.Offset < 0:
			t.Fatalf("%s: overlap %d of %d, line %d, offset %d", x.Path, x.Overlap, len(x.Data), x.FirstLine, x.Offset)
		}
		out += len(x.Data)
		x.Data = bytes.Clone(x.Data)
		texts = append(texts, x)
		return nil
	}}
	start := time.Now()
	if err := f(st); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second*testutil.Slowdown {
		t.Fatalf("%d bytes took %s", size, took)
	}
	if st.total > lim.MaxTotal+128<<10 {
		t.Fatalf("%d bytes drawn, MaxTotal %d", st.total, lim.MaxTotal)
	}
	if len(st.problems) > maxProblems {
		t.Fatalf("%d problems", len(st.problems))
	}
	// Each byte is emitted a bounded number of times: once per layer it is
	// read at, doubled for UTF-16 and for the overlaps.
	if bound := 8 * (size*(lim.MaxDepth+2) + int(lim.MaxTotal)); out > bound {
		t.Fatalf("%d bytes emitted from %d", out, size)
	}
	return texts
}

func seedArchives(f *testing.F) {
	secret := []byte("x=1\n" + awsSecret + "\n")
	inner := zipOf(f, file{name: "a/s.env", body: secret}, file{name: "w.txt", body: utf16Bytes("k=v\n", false, true)})
	bz2, _ := hex.DecodeString(bz2Secret)
	for _, s := range [][]byte{
		secret, utf16Bytes(string(secret), true, false), smallBinary(awsKey), bz2,
		inner,
		zipOf(f, file{name: "in.zip", body: inner}, file{name: "s", body: secret, store: true}),
		zipOf(f, file{name: "../x", body: secret, flags: 1}, file{name: "y", method: 14, raw: []byte("zz")}),
		tarOf(f, file{name: "a", body: secret}, file{name: "b.zip", body: inner}),
		gzipOf(f, tarOf(f, file{name: "a", body: secret})),
		gzipOf(f, zeros(4<<10)),
		append([]byte("#!/bin/sh\nexit 0\n"), inner...),
	} {
		f.Add(s)
	}
}

// FuzzDecode: arbitrary bytes, through the whole of Decode.
func FuzzDecode(f *testing.F) {
	seedArchives(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzState(t, len(data), fuzzLimits, func(st *state) error {
			return st.decode("f", input{ra: bytes.NewReader(data), size: int64(len(data))}, 0)
		})
	})
}

// FuzzZip: bytes opened as a zip, with a MaxEntries small enough to cut the
// directory. When the view is cut, archive/zip must read it as the same
// first entries it reads in the whole file.
func FuzzZip(f *testing.F) {
	seedArchives(f)
	var many []file
	for i := range 10 {
		many = append(many, file{name: strings.Repeat("n", i), body: []byte{byte(i)}, store: i%2 == 0})
	}
	f.Add(zipOf(f, many...))
	f.Add(append([]byte("#!/bin/sh\n"), zipOf(f, many...)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, limit := range []int{1, 3, 64} {
			if view, vsize, cut := zipView(bytes.NewReader(data), int64(len(data)), limit); cut {
				whole, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				if err == nil && len(whole.File) > limit {
					part, err := zip.NewReader(view, vsize)
					if err != nil {
						t.Fatalf("limit %d: the cut view does not open: %v", limit, err)
					}
					if len(part.File) != limit {
						t.Fatalf("limit %d: view has %d entries", limit, len(part.File))
					}
					for i, zf := range part.File {
						if w := whole.File[i]; zf.Name != w.Name || zf.CompressedSize64 != w.CompressedSize64 {
							t.Fatalf("entry %d: %q, want %q", i, zf.Name, w.Name)
						}
					}
				}
			}
			lim := fuzzLimits
			lim.MaxEntries = limit
			fuzzState(t, len(data), lim, func(st *state) error {
				_, err := st.zip("z", bytes.NewReader(data), int64(len(data)), 0, false)
				return err
			})
		}
	})
}

// FuzzTar: bytes read as a tar stream.
func FuzzTar(f *testing.F) {
	seedArchives(f)
	f.Add(sparseTar(f, 1<<30)) // 2.5 KiB: tar blocks are 512 bytes
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzState(t, len(data), fuzzLimits, func(st *state) error {
			_, err := st.tar("t", &replay{rest: bytes.NewReader(data)}, false, 0)
			return err
		})
	})
}

// FuzzCompressed: bytes read as gzip, then as bzip2.
func FuzzCompressed(f *testing.F) {
	seedArchives(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range []kind{kGzip, kBzip2} {
			fuzzState(t, len(data), fuzzLimits, func(st *state) error {
				_, err := st.compressed(k, "c", &replay{rest: bytes.NewReader(data)}, 0)
				return err
			})
		}
	})
}

// FuzzUTF16: decoding in chunks gives what decoding at once gives, and that
// is unicode/utf16's decoding (NUL as a space, a last odd byte as U+FFFD).
func FuzzUTF16(f *testing.F) {
	f.Add([]byte("\x3d\xd8\x11\xdea\x00\x00\x00\x00\xd8"), false, uint8(3))
	f.Add(utf16Bytes("héllo\n🔑\n", true, false), true, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, be bool, split uint8) {
		units := make([]uint16, 0, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			u := uint16(data[i])<<8 | uint16(data[i+1])
			if !be {
				u = uint16(data[i+1])<<8 | uint16(data[i])
			}
			units = append(units, u)
		}
		want := strings.ReplaceAll(string(utf16.Decode(units)), "\x00", " ")
		if len(data)%2 == 1 {
			want += "\uFFFD"
		}
		d := &utf16Dec{be: be, odd: -1}
		var got []byte
		step := 1 + int(split)
		for i := 0; i < len(data); i += step {
			got = d.decode(got, data[i:min(i+step, len(data))], false)
		}
		got = d.decode(got, nil, true)
		if string(got) != want {
			t.Fatalf("chunks of %d: %q, want %q", step, got, want)
		}
	})
}

// FuzzUTF32: decoding in chunks gives what decoding each unit does.
func FuzzUTF32(f *testing.F) {
	f.Add(utf32Bytes("héllo\n🔑\x00", false, true), false, uint8(2))
	f.Add([]byte("\x00\x00\xd8\x00\xff\xff\xff\xff\x00\x11\x00\x00\x41"), true, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, be bool, split uint8) {
		var want []byte
		for i := 0; i+4 <= len(data); i += 4 {
			r := rune(binary.LittleEndian.Uint32(data[i:]))
			if be {
				r = rune(binary.BigEndian.Uint32(data[i:]))
			}
			if r == 0 {
				r = ' '
			}
			want = utf8.AppendRune(want, r)
		}
		if len(data)%4 != 0 {
			want = utf8.AppendRune(want, utf8.RuneError)
		}
		d := &utf32Dec{be: be}
		var got []byte
		step := 1 + int(split)
		for i := 0; i < len(data); i += step {
			got = d.decode(got, data[i:min(i+step, len(data))], false)
		}
		got = d.decode(got, nil, true)
		if !bytes.Equal(got, want) {
			t.Fatalf("chunks of %d: %q, want %q", step, got, want)
		}
	})
}

// FuzzStrings: runs found in chunks are those found at once; every line is
// a run of at least minRun printable characters.
func FuzzStrings(f *testing.F) {
	f.Add(smallBinary(awsKey, "naïve café"), true, uint8(7))
	f.Add(append([]byte("\x00\x00"), utf16Bytes(awsSecret, false, false)...), true, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, u16 bool, split uint8) {
		whole := (&stringsDec{utf16: u16}).decode(nil, data, true)
		d := &stringsDec{utf16: u16}
		var got []byte
		step := 1 + int(split)
		for i := 0; i < len(data); i += step {
			got = d.decode(got, data[i:min(i+step, len(data))], false)
		}
		got = d.decode(got, nil, true)
		if !bytes.Equal(got, whole) {
			t.Fatalf("chunks of %d: %q, at once %q", step, got, whole)
		}
		if len(whole) > 2*len(data)+1 {
			t.Fatalf("%d bytes of runs from %d", len(whole), len(data))
		}
		for _, line := range strings.SplitAfter(string(whole), "\n") {
			if line == "" {
				continue
			}
			run, ok := strings.CutSuffix(line, "\n")
			if !ok || utf8.RuneCountInString(run) < minRun || !utf8.ValidString(run) || strings.ContainsAny(run, "\x00\r\x7f") {
				t.Fatalf("bad run %q in %q", line, whole)
			}
		}
	})
}

// FuzzText: text read in windows of every shape: the windows are right
// against what they reassemble to, which is the input less dropped NULs (the
// input itself when it has none).
func FuzzText(f *testing.F) {
	f.Add(sourceText(700), uint16(60), uint8(8))
	f.Add([]byte("a\x00b\nk\x00e\x00y\x00\n"+strings.Repeat("x", 300)), uint16(30), uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, window uint16, overlap uint8) {
		lim := Limits{Window: 4 + int(window), Overlap: 1 + int(overlap)}
		if lim.Window < 4*lim.Overlap {
			lim.Overlap = lim.Window / 4
		}
		texts := fuzzState(t, len(data), lim, func(st *state) error {
			in := input{ra: bytes.NewReader(data), size: int64(len(data))}
			rp, err := st.open(in, 0)
			if err != nil {
				return err
			}
			return st.text("t", 0, rp, in.size)
		})
		var re []byte
		for _, x := range texts {
			re = append(re, x.Data[x.Overlap:]...)
		}
		checkWindows(t, texts, re, lim)
		if bytes.IndexByte(re, 0) >= 0 || len(re) > len(data) || len(re) < len(data)-bytes.Count(data, []byte{0}) {
			t.Fatalf("NULs: %q from %q", re, data)
		}
		if bytes.IndexByte(data, 0) < 0 && !bytes.Equal(re, data) {
			t.Fatalf("text changed: %q from %q", re, data)
		}
	})
}

// smallBinary is a few hundred bytes of ELF-like binary around strs: the
// fuzzing engine slows down with the size of its seeds.
func smallBinary(strs ...string) []byte {
	r := newRand(9)
	b := []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00")
	for _, s := range strs {
		for range 40 {
			b = append(b, byte(r.UintN(256)))
		}
		b = append(append(b, s...), 0, 0)
	}
	return b
}
