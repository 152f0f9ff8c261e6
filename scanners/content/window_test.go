package content

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// checkWindows checks the windows of one text against the text they came
// from: they reassemble to it, each fits Window, Offset, FirstLine and
// Overlap are right, and any span of at most Overlap bytes lies wholly
// inside some window.
func checkWindows(t testing.TB, texts []Text, text []byte, lim Limits) {
	t.Helper()
	lim, _ = lim.normalized()
	var prevEnd int64
	var re []byte
	for k, x := range texts {
		end := x.Offset + int64(len(x.Data))
		switch {
		case len(x.Data) > lim.Window:
			t.Fatalf("window %d: %d bytes > Window %d", k, len(x.Data), lim.Window)
		case x.Offset+int64(x.Overlap) != prevEnd:
			t.Fatalf("window %d: offset %d + overlap %d != previous end %d", k, x.Offset, x.Overlap, prevEnd)
		case end > int64(len(text)) || !bytes.Equal(x.Data, text[x.Offset:end]):
			t.Fatalf("window %d: data is not text[%d:%d]", k, x.Offset, end)
		case x.FirstLine != 1+bytes.Count(text[:x.Offset], nl):
			t.Fatalf("window %d: FirstLine %d, want %d", k, x.FirstLine, 1+bytes.Count(text[:x.Offset], nl))
		case k > 0 && x.Overlap < lim.Overlap:
			t.Fatalf("window %d: overlap %d < %d", k, x.Overlap, lim.Overlap)
		case k > 0 && end < min(prevEnd+int64(lim.Overlap), int64(len(text))):
			t.Fatalf("window %d ends at %d, before %d + Overlap", k, end, prevEnd)
		}
		re = append(re, x.Data[x.Overlap:]...)
		prevEnd = end
	}
	if !bytes.Equal(re, text) {
		t.Fatalf("windows reassemble to %d bytes, want %d", len(re), len(text))
	}
}

func TestWindows(t *testing.T) {
	r := newRand(4)
	word := func() string { return strings.Repeat("w", 1+int(r.UintN(12))) }
	for i := range 200 {
		var b strings.Builder
		n := int(r.UintN(5000))
		for b.Len() < n {
			switch r.UintN(10) {
			case 0:
				b.WriteString(strings.Repeat("x", int(r.UintN(700)))) // a long line
			case 1, 2:
				b.WriteString("\n")
			default:
				b.WriteString(word() + " ")
			}
		}
		lim := Limits{Window: 64 + int(r.UintN(512)), Overlap: 0}
		lim.Overlap = 1 + int(r.UintN(uint(lim.Window/4)))
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			g := decodeBytes(t, "f", []byte(b.String()), lim)
			checkWindows(t, g.texts, []byte(b.String()), lim)
		})
	}
}

// TestLargeFile pads a file past the old 10 MiB limit: the secret at its end
// and the ones across window boundaries are found, on their right lines.
func TestLargeFile(t *testing.T) {
	lim := DefaultLimits()
	t.Run("secret at the end", func(t *testing.T) {
		data := append(sourceText(11<<20), "\n"+awsSecret+"\n"...)
		g := decodeBytes(t, "big.py", data, Limits{})
		checkWindows(t, g.texts, data, Limits{})
		_, line, ok := g.find(awsSecret)
		if want := bytes.Count(data, nl); !ok || line != want {
			t.Fatalf("found %v on line %d, want %d", ok, line, want)
		}
	})
	t.Run("across a boundary, with lines", func(t *testing.T) {
		data := sourceText(3 << 20)
		at := lim.Window - 20
		data = append(append(data[:at:at], awsSecret+"\n"...), data[at:]...)
		g := decodeBytes(t, "big.py", data, Limits{})
		checkWindows(t, g.texts, data, Limits{})
		if _, line, ok := g.find(awsSecret); !ok || line != 1+bytes.Count(data[:at], nl) {
			t.Fatalf("found %v on line %d", ok, line)
		}
	})
	t.Run("across a boundary, one line", func(t *testing.T) {
		data := bytes.Repeat([]byte("a"), 3<<20) // minified: no newline at all
		// Without newlines windows end at Window, 2×Window-Overlap, …
		ats := []int64{int64(lim.Window) - 20, int64(2*lim.Window-lim.Overlap) - 5}
		for _, at := range ats {
			copy(data[at:], ghToken)
		}
		g := decodeBytes(t, "min.js", data, Limits{})
		checkWindows(t, g.texts, data, Limits{})
		whole := map[int64]bool{}
		for _, x := range g.texts {
			for i := 0; ; i++ {
				j := bytes.Index(x.Data[i:], []byte(ghToken))
				if j < 0 {
					break
				}
				i += j
				whole[x.Offset+int64(i)] = true
			}
		}
		for _, at := range ats {
			if !whole[at] {
				t.Errorf("token at %d not seen whole (seen at %v)", at, whole)
			}
		}
	})
	t.Run("NUL padding", func(t *testing.T) {
		data := append(make([]byte, 11<<20), "\n"+awsSecret+"\n"...)
		g := decodeBytes(t, "pad.bin", data, Limits{})
		if x, _, ok := g.find(awsSecret); !ok || x.Encoding != EncStrings {
			t.Fatalf("found %v in %q", ok, x.Encoding)
		}
	})
	t.Run("UTF-16, past a window", func(t *testing.T) {
		data := utf16Bytes(string(sourceText(3<<20))+"\n"+awsSecret+"\n", false, true)
		g := decodeBytes(t, "big.txt", data, Limits{})
		x, line, ok := g.find(awsSecret)
		if !ok || x.Encoding != EncUTF16LE || line != 2+bytes.Count(sourceText(3<<20), nl) {
			t.Fatalf("found %v in %s on line %d", ok, x.Encoding, line)
		}
		if s := g.text("big.txt", EncStrings); s != "" {
			t.Errorf("strings of pure UTF-16: %.80q", s)
		}
	})
}
