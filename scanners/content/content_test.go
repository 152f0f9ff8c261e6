package content

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDecodeText(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 6000)
	for i := range noise {
		noise[i] = byte(r.UintN(256))
	}
	secretLines := "a: 1\nb: 2\n" + awsSecret + "\n"
	tests := []struct {
		name string
		in   []byte
		enc  string // of the window holding the secret
		want string // the secret
		line int    // its line there; 0: not checked
		text string // the whole decoded text, when checked
	}{
		{"utf-8", []byte(secretLines), EncUTF8, awsSecret, 3, secretLines},
		{"utf-8 BOM stripped", []byte("\xef\xbb\xbf" + secretLines), EncUTF8, awsSecret, 3, secretLines},
		{"one NUL is still text", []byte("x\x00y\n" + secretLines), EncUTF8, awsSecret, 4, "x y\n" + secretLines},
		{"NUL inside the secret line", []byte("k=" + awsKey + "\x00\n"), EncUTF8, awsKey, 1, "k=" + awsKey + " \n"},
		{"control bytes", []byte("\x01\x02\x1b[31mred\x1b[0m\n" + secretLines), EncUTF8, awsSecret, 4, ""},
		{"CRLF", []byte(strings.ReplaceAll(secretLines, "\n", "\r\n")), EncUTF8, awsSecret, 3, ""},
		{"latin-1 stays text", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e\n" + secretLines), EncUTF8, awsSecret, 4, ""},
		{"utf-16le BOM", utf16Bytes(secretLines, false, true), EncUTF16LE, awsSecret, 3, secretLines},
		{"utf-16be BOM", utf16Bytes(secretLines, true, true), EncUTF16BE, awsSecret, 3, secretLines},
		{"utf-16le no BOM", utf16Bytes(secretLines, false, false), EncUTF16LE, awsSecret, 3, secretLines},
		{"utf-16be no BOM", utf16Bytes(secretLines, true, false), EncUTF16BE, awsSecret, 3, secretLines},
		{"utf-16 surrogates", utf16Bytes("🔑 naïve\n"+secretLines, false, true), EncUTF16LE, awsSecret, 4, "🔑 naïve\n" + secretLines},
		{"utf-32le BOM", utf32Bytes(secretLines, false, true), EncUTF32LE, awsSecret, 3, secretLines},
		{"utf-32be no BOM", utf32Bytes("🔑\n"+secretLines, true, false), EncUTF32BE, awsSecret, 4, "🔑\n" + secretLines},
		{"utf-16 then utf-8", append(utf16Bytes(strings.Repeat("x = 1\n", 50), false, true), "\n"+awsSecret+"\n"...), EncStrings, awsSecret, 0, ""},
		{"utf-16 inside utf-8", append(sourceText(9000), "\n"+string(utf16Bytes(secretLines, false, false))...), EncUTF8, awsSecret, 535 + 3, ""},
		{"elf", elfLike(r, "GLIBC_2.34", awsSecret, "main"), EncStrings, awsSecret, 0, ""},
		{"png", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), append(noise, "tEXtComment\x00"+ghToken+"\x00"...)...), EncStrings, ghToken, 0, ""},
		{"mostly non-text", append(append(bytes.Clone(noise), awsSecret...), noise...), EncStrings, awsSecret, 0, ""},
		{"utf-16le strings in a binary", append(append(bytes.Clone(noise), utf16Bytes(awsSecret, false, false)...), noise...), EncStrings, awsSecret, 0, ""},
		{"NUL padding", append(make([]byte, 20000), "\n"+awsSecret+"\n"...), EncStrings, awsSecret, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := decodeBytes(t, "f", tc.in, Limits{})
			if g.err != nil || len(g.problems) > 0 {
				t.Fatalf("err %v, problems %v", g.err, g.problems)
			}
			x, line, ok := g.find(tc.want)
			if !ok {
				t.Fatalf("%q not found in %d windows: %+v", tc.want, len(g.texts), g.texts)
			}
			if x.Encoding != tc.enc || x.Path != "f" {
				t.Errorf("found in %s %s, want %s", x.Path, x.Encoding, tc.enc)
			}
			if tc.line != 0 && line != tc.line {
				t.Errorf("line %d, want %d", line, tc.line)
			}
			if tc.text != "" {
				if s := g.text("f", tc.enc); s != tc.text {
					t.Errorf("text %q, want %q", s, tc.text)
				}
			}
		})
	}
}

func TestDecodeEmpty(t *testing.T) {
	g := decodeBytes(t, "f", nil, Limits{})
	if g.err != nil || len(g.texts) != 0 || len(g.problems) != 0 {
		t.Fatalf("%+v", g)
	}
}

func TestCleanNUL(t *testing.T) {
	for in, want := range map[string]string{
		"abc":             "abc",
		"a\x00b":          "a b",
		"\x00\x00\x00":    "   ",
		"k\x00e\x00y\x00": "key",
		"\x00k\x00e\x00y": "key",
		"x=1\x00y=2":      "x=1 y=2",
		"a\n\x00\nb":      "a\n \nb",
	} {
		if got := string(cleanNUL([]byte(in))); got != want {
			t.Errorf("cleanNUL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStringsDec(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\x00\x01short\x00" + awsKey + "\x00\xff", awsKey + "\n"},
		{"12345678", "12345678\n"},
		{"1234567\x00", ""},
		{"naïve café au lait\x00", "naïve café au lait\n"},
		{"p\x00a\x00s\x00s\x00w\x00o\x00r\x00d\x00\x00\x00", "password\n"},
		{"\x00p\x00a\x00s\x00s\x00w\x00o\x00r\x00d\x00", "password\n"},
		{"a\x00b\x00" + awsKey, awsKey + "\n"},
	} {
		whole := string((&stringsDec{utf16: true}).decode(nil, []byte(tc.in), true))
		if whole != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, whole, tc.want)
		}
		// Byte by byte gives the same.
		d := &stringsDec{utf16: true}
		var out []byte
		for i := range len(tc.in) {
			out = d.decode(out, []byte(tc.in[i:i+1]), false)
		}
		out = d.decode(out, nil, true)
		if string(out) != whole {
			t.Errorf("%q byte by byte: %q, want %q", tc.in, out, whole)
		}
	}
}

func TestLimits(t *testing.T) {
	if _, err := (Limits{Window: 100, Overlap: 30}).normalized(); err == nil {
		t.Error("Window < 4×Overlap accepted")
	}
	if _, err := (Limits{MaxTotal: -1}).normalized(); err == nil {
		t.Error("negative MaxTotal accepted")
	}
	l, err := (Limits{Window: 4096}).normalized()
	if err != nil || l.Overlap != 1024 || l.MaxDepth != 5 {
		t.Errorf("%+v %v", l, err)
	}
	if l, _ := (Limits{MaxDepth: -1}).normalized(); l.MaxDepth != 0 {
		t.Errorf("MaxDepth -1 → %d", l.MaxDepth)
	}
	if _, err := Decode("f", bytes.NewReader(nil), 0, Limits{Overlap: -1}, nil); err == nil {
		t.Error("Decode took invalid limits")
	}
}

// failingReaderAt fails every read at or past at.
type failingReaderAt struct {
	data []byte
	at   int64
}

var errDisk = errors.New("disk on fire")

func (f failingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > f.at {
		n := max(0, int(f.at-off))
		copy(p, f.data[off:off+int64(n)])
		return n, errDisk
	}
	return copy(p, f.data[off:]), nil
}

func TestErrors(t *testing.T) {
	data := sourceText(3 << 20)
	t.Run("read error is returned", func(t *testing.T) {
		n := 0
		_, err := Decode("f", failingReaderAt{data, 2 << 20}, int64(len(data)), Limits{}, func(Text) error { n++; return nil })
		if !errors.Is(err, errDisk) {
			t.Fatalf("err %v", err)
		}
		if n == 0 {
			t.Error("nothing emitted before the error")
		}
	})
	t.Run("emit error stops", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		_, err := Decode("f", bytes.NewReader(data), int64(len(data)), Limits{}, func(Text) error { n++; return stop })
		if err != stop || n != 1 {
			t.Fatalf("err %v after %d emits", err, n)
		}
	})
	t.Run("emit error inside an archive", func(t *testing.T) {
		stop := errors.New("stop")
		z := zipOf(t, file{name: "a.env", body: data}, file{name: "b.env", body: data})
		n := 0
		_, err := Decode("z.zip", bytes.NewReader(z), int64(len(z)), Limits{}, func(Text) error { n++; return stop })
		if err != stop || n != 1 {
			t.Fatalf("err %v after %d emits", err, n)
		}
	})
	t.Run("a short file", func(t *testing.T) {
		// size claims more than r holds: what is there is read.
		in := []byte(awsSecret + "\n")
		var g got
		_, err := Decode("f", bytes.NewReader(in), 1<<20, Limits{}, func(x Text) error {
			g.texts = append(g.texts, x)
			return nil
		})
		if _, _, ok := g.find(awsSecret); err != nil || !ok {
			t.Fatalf("err %v, texts %+v", err, g.texts)
		}
	})
}

// stallReader returns 0, nil forever.
type stallReader struct{}

func (stallReader) Read([]byte) (int, error) { return 0, nil }

func TestStallingReader(t *testing.T) {
	st := &state{lim: DefaultLimits(), emit: func(Text) error { return nil }}
	err := st.decode("s", input{r: io.MultiReader(strings.NewReader("abc"), stallReader{}), size: -1}, 0)
	if err != nil || len(st.problems) != 1 || !strings.Contains(st.problems[0].Detail, io.ErrNoProgress.Error()) {
		t.Fatalf("err %v, problems %v", err, st.problems)
	}
}
