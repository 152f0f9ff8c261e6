package content

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"
)

// Fake secrets, in the shapes detectors look for.
const (
	// bulwark:ignore trufflehog.aws -- a fake credential the tests plant on purpose
	awsKey    = "AKIAQYLPMN5HHHFPZAM2"
	awsSecret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	// bulwark:ignore trufflehog.github -- a fake credential the tests plant on purpose
	ghToken = "ghp_R8sT3xVq9LmN2pK7wY4zB6cD1fH5jA0eU8iO"
)

// got is what one Decode emitted, each Data copied.
type got struct {
	texts    []Text
	problems []Problem
	err      error
}

func decodeBytes(t testing.TB, path string, data []byte, lim Limits) got {
	t.Helper()
	var g got
	g.problems, g.err = Decode(path, bytes.NewReader(data), int64(len(data)), lim, func(x Text) error {
		if len(x.Data) == 0 {
			t.Errorf("%s: empty window", x.Path)
		}
		x.Data = bytes.Clone(x.Data)
		g.texts = append(g.texts, x)
		return nil
	})
	return g
}

// find returns the window holding needle whole, and its line there.
func (g got) find(needle string) (Text, int, bool) {
	for _, x := range g.texts {
		if i := bytes.Index(x.Data, []byte(needle)); i >= 0 {
			return x, x.Line(i), true
		}
	}
	return Text{}, 0, false
}

func (g got) has(kind string) bool {
	for _, p := range g.problems {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

// text reassembles the windows of one path and encoding.
func (g got) text(path, enc string) string {
	var b strings.Builder
	for _, x := range g.texts {
		if x.Path == path && x.Encoding == enc {
			b.Write(x.Data[x.Overlap:])
		}
	}
	return b.String()
}

func utf16Bytes(s string, be, bom bool) []byte {
	var out []byte
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xfeff}, u...)
	}
	for _, c := range u {
		if be {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

// elfLike is an ELF header, zero-padded sections and machine-code-like noise
// around a NUL-terminated string table holding the given strings.
func elfLike(r *rand.Rand, strs ...string) []byte {
	b := []byte("\x7fELF\x02\x01\x01\x00")
	b = append(b, make([]byte, 56)...)
	for i := 0; i < 4096; i++ {
		b = append(b, byte(r.UintN(256)))
	}
	b = append(b, make([]byte, 512)...)
	for _, s := range strs {
		b = append(b, s...)
		b = append(b, 0)
	}
	for i := 0; i < 2048; i++ {
		b = append(b, byte(r.UintN(256)))
	}
	return b
}

// sourceText is n bytes of source-like lines.
func sourceText(n int) []byte {
	lines := []string{
		"package main\n", "\n", "import \"fmt\"\n", "// main prints a greeting to standard output.\n",
		"func main() {\n", "\tfor i := 0; i < 10; i++ {\n", "\t\tfmt.Println(\"hello, world\", i)\n", "\t}\n", "}\n",
	}
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(lines[i%len(lines)])
	}
	return b.Bytes()[:n]
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed)) }

func utf32Bytes(s string, be, bom bool) []byte {
	rs := []rune(s)
	if bom {
		rs = append([]rune{0xfeff}, rs...)
	}
	var out []byte
	for _, r := range rs {
		if be {
			out = binary.BigEndian.AppendUint32(out, uint32(r))
		} else {
			out = binary.LittleEndian.AppendUint32(out, uint32(r))
		}
	}
	return out
}
