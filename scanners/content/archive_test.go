package content

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"hash/crc32"
	"slices"
	"strings"
	"testing"
)

// bz2Secret is `printf 'line one\n%s\n' "$awsSecret" | bzip2 -9`: the
// standard library has no bzip2 writer.
const bz2Secret = "425a6839314159265359d0ee48fd00001f5f800010400080822fbf5ee0b32594c0200054449a32191a3432034f51b53d431e907a81e88d3d43d4f5068346fa8113a7551b89dc9a6466284d93a4b239b5ea933c060dfaaa318334ad9100b06b01c32084cba23312599f3f8bb9229c28486877247e80"

type file struct {
	name   string
	body   []byte
	method uint16 // zip.Deflate unless set
	store  bool
	flags  uint16
	raw    []byte // written as the member's compressed data, with method
}

func zipOf(t testing.TB, files ...file) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Flags: f.flags}
		if f.store {
			h.Method = zip.Store
		}
		var err error
		if f.raw != nil {
			h.Method = f.method
			h.CRC32 = crc32.ChecksumIEEE(f.body)
			h.UncompressedSize64 = uint64(len(f.body))
			h.CompressedSize64 = uint64(len(f.raw))
			var w interface{ Write([]byte) (int, error) }
			if w, err = zw.CreateRaw(h); err == nil {
				_, err = w.Write(f.raw)
			}
		} else {
			var w interface{ Write([]byte) (int, error) }
			if w, err = zw.CreateHeader(h); err == nil {
				_, err = w.Write(f.body)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func tarOf(t testing.TB, files ...file) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o600, Size: int64(len(f.body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func nestZip(t testing.TB, levels int, leaf file) []byte {
	z := zipOf(t, leaf)
	for range levels - 1 {
		z = zipOf(t, file{name: "next.zip", body: z})
	}
	return z
}

func TestArchives(t *testing.T) {
	secret := []byte("line one\n" + awsSecret + "\n")
	inner := zipOf(t, file{name: "deep/s.env", body: secret})
	bz2, _ := hex.DecodeString(bz2Secret)
	corrupt := zipOf(t, file{name: "bad.env", body: bytes.Repeat(secret, 50)}, file{name: "good.env", body: secret})
	corrupt[60] ^= 0xff // inside bad.env's deflate stream
	truncated := zipOf(t, file{name: "s.env", body: secret, store: true})
	truncated = truncated[:len(truncated)/2+10]
	tgz := gzipOf(t, tarOf(t, file{name: "etc/app.env", body: secret}))
	notTar := append([]byte(strings.Repeat("x", 257)+"ustar"), "\n"+awsSecret+"\n"...)
	notTar = append(notTar, strings.Repeat("y", 600)...)
	var commented bytes.Buffer
	zw := zip.NewWriter(&commented)
	if w, err := zw.CreateHeader(&zip.FileHeader{Name: "a.txt", Comment: ghToken}); err != nil {
		t.Fatal(err)
	} else if _, err := w.Write([]byte("plain\n")); err != nil {
		t.Fatal(err)
	}
	if err := zw.SetComment(awsSecret); err != nil || zw.Close() != nil {
		t.Fatal(err)
	}
	var emptyZip bytes.Buffer
	zw = zip.NewWriter(&emptyZip)
	if err := zw.SetComment(awsSecret); err != nil || zw.Close() != nil {
		t.Fatal(err)
	}
	var gzComment bytes.Buffer
	gw := gzip.NewWriter(&gzComment)
	gw.Comment = awsSecret
	if _, err := gw.Write([]byte("plain\n")); err != nil || gw.Close() != nil {
		t.Fatal(err)
	}
	var paxTar bytes.Buffer
	tw := tar.NewWriter(&paxTar)
	if err := tw.WriteHeader(&tar.Header{Name: "a", Mode: 0o600, Typeflag: tar.TypeReg, PAXRecords: map[string]string{"comment": awsSecret}}); err != nil || tw.Close() != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		data       []byte
		find       map[string]string // text path → a needle in it
		problems   []string
	}{
		{"zip", "a.zip", zipOf(t, file{name: "dir/b.env", body: secret}), map[string]string{"a.zip!/dir/b.env": awsSecret}, nil},
		{"zip, stored", "a.zip", zipOf(t, file{name: "b.env", body: secret, store: true}), map[string]string{"a.zip!/b.env": awsSecret}, nil},
		{"wheel", "pkg-1.0-py3-none-any.whl", zipOf(t, file{name: "pkg/config.py", body: secret}), map[string]string{"pkg-1.0-py3-none-any.whl!/pkg/config.py": awsSecret}, nil},
		{"jar named .txt", "notes.txt", zipOf(t, file{name: "META-INF/app.properties", body: secret}), map[string]string{"notes.txt!/META-INF/app.properties": awsSecret}, nil},
		{"utf-16 in a zip", "a.zip", zipOf(t, file{name: "w.ini", body: utf16Bytes(string(secret), false, true)}), map[string]string{"a.zip!/w.ini": awsSecret}, nil},
		{"zip in a zip", "outer.zip", zipOf(t, file{name: "inner.zip", body: inner}), map[string]string{"outer.zip!/inner.zip!/deep/s.env": awsSecret}, nil},
		{"stored zip in a zip", "outer.zip", zipOf(t, file{name: "inner.jar", body: inner, store: true}), map[string]string{"outer.zip!/inner.jar!/deep/s.env": awsSecret}, nil},
		{"tar", "a.tar", tarOf(t, file{name: "etc/app.env", body: secret}), map[string]string{"a.tar!/etc/app.env": awsSecret}, nil},
		{"tar.gz", "a.tar.gz", tgz, map[string]string{"a.tar.gz!/etc/app.env": awsSecret}, nil},
		{"tgz holding a wheel", "a.tgz", gzipOf(t, tarOf(t, file{name: "dist/x.whl", body: inner})), map[string]string{"a.tgz!/dist/x.whl!/deep/s.env": awsSecret}, nil},
		{"gz", "s.env.gz", gzipOf(t, secret), map[string]string{"s.env.gz": awsSecret}, nil},
		{"bz2", "s.env.bz2", bz2, map[string]string{"s.env.bz2": awsSecret}, nil},
		{"zip, bzip2 member", "a.zip", zipOf(t, file{name: "s.env", body: secret, method: zipBzip2, raw: bz2}), map[string]string{"a.zip!/s.env": awsSecret}, nil},
		{"zip in a tar.gz", "a.tar.gz", gzipOf(t, tarOf(t, file{name: "x.zip", body: inner})), map[string]string{"a.tar.gz!/x.zip!/deep/s.env": awsSecret}, nil},
		{"encrypted member", "a.zip", zipOf(t, file{name: "locked.env", body: secret, flags: 1}, file{name: "open.env", body: secret}),
			map[string]string{"a.zip!/open.env": awsSecret}, []string{KindEncrypted}},
		{"unsupported method", "a.zip", zipOf(t, file{name: "x.lzma", body: secret, method: 14, raw: []byte("not lzma")}, file{name: "open.env", body: secret}),
			map[string]string{"a.zip!/open.env": awsSecret}, []string{KindUnsupported}},
		{"unsafe names", "a.zip", zipOf(t, file{name: "../../etc/cron.d/x", body: secret}, file{name: "/abs/y", body: secret}, file{name: `..\win\z`, body: secret}),
			map[string]string{"a.zip!/../../etc/cron.d/x": awsSecret, "a.zip!//abs/y": awsSecret, `a.zip!/..\win\z`: awsSecret}, []string{KindUnsafePath}},
		{"unsafe tar name", "a.tar", tarOf(t, file{name: "../up.env", body: secret}), map[string]string{"a.tar!/../up.env": awsSecret}, []string{KindUnsafePath}},
		{"corrupt member", "a.zip", corrupt, map[string]string{"a.zip!/good.env": awsSecret}, []string{KindCorrupt}},
		{"truncated zip read as bytes", "a.zip", truncated, map[string]string{"a.zip": awsSecret}, []string{KindCorrupt}},
		{"truncated gzip", "s.gz", gzipOf(t, secret)[:40], map[string]string{"s.gz": "line one"}, []string{KindTruncated}},
		{"truncated tar.gz", "a.tgz", tgz[:len(tgz)-30], map[string]string{"a.tgz!/etc/app.env": "line one"}, []string{KindTruncated}},
		{"zip after an ELF", "installer", append(elfLike(newRand(3), "stub"), inner...), map[string]string{"installer!/deep/s.env": awsSecret}, nil},
		{"ustar in text", "notes", notTar, map[string]string{"notes": awsSecret}, nil},
		{"zip comments", "a.zip", commented.Bytes(), map[string]string{"a.zip!comment": awsSecret, "a.zip!/a.txt!comment": ghToken}, nil},
		{"empty zip with a comment", "a.zip", emptyZip.Bytes(), map[string]string{"a.zip!comment": awsSecret}, nil},
		{"gzip comment", "a.gz", gzComment.Bytes(), map[string]string{"a.gz!comment": awsSecret, "a.gz": "plain"}, nil},
		{"tar PAX record", "a.tar", paxTar.Bytes(), map[string]string{"a.tar!/a!pax": "comment=" + awsSecret}, nil},
		{"too deep", "a.zip", nestZip(t, 7, file{name: "s.env", body: secret, store: true}), nil, []string{KindDepth}},
		{"deep, within the limit", "a.zip", nestZip(t, 5, file{name: "s.env", body: secret}),
			map[string]string{"a.zip!/next.zip!/next.zip!/next.zip!/next.zip!/s.env": awsSecret}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := decodeBytes(t, tc.path, tc.data, Limits{})
			if g.err != nil {
				t.Fatal(g.err)
			}
			for path, needle := range tc.find {
				found := false
				for _, x := range g.texts {
					if x.Path == path && bytes.Contains(x.Data, []byte(needle)) {
						found = true
					}
				}
				if !found {
					t.Errorf("%q not found in %s; texts:", needle, path)
					for _, x := range g.texts {
						t.Logf("  %s %s %.80q", x.Path, x.Encoding, x.Data)
					}
				}
			}
			var kinds []string
			for _, p := range g.problems {
				if !slices.Contains(kinds, p.Kind) {
					kinds = append(kinds, p.Kind)
				}
			}
			slices.Sort(kinds)
			want := slices.Clone(tc.problems)
			slices.Sort(want)
			if !slices.Equal(kinds, want) {
				t.Errorf("problems %v, want kinds %v", g.problems, want)
			}
		})
	}
}
