package content

import (
	"bytes"
	"unicode/utf8"
)

// sampleSize is how much of a stream is looked at to decide what it is:
// git's 8000 bytes, rounded up.
const sampleSize = 8 << 10

type kind int

const (
	kText kind = iota
	kUTF16LE
	kUTF16BE
	kUTF32LE
	kUTF32BE
	kBinary
	kZip
	kGzip
	kBzip2
	kTar
)

func (k kind) String() string {
	return [...]string{"text", EncUTF16LE, EncUTF16BE, EncUTF32LE, EncUTF32BE, "binary", "zip", "gzip", "bzip2", "tar"}[k]
}

// sniffArchive names the archive format b starts with, or kText for none.
func sniffArchive(b []byte) kind {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")),
		bytes.HasPrefix(b, []byte("PK\x07\x08PK\x03\x04")):
		return kZip
	case len(b) >= 10 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 && b[3]&0xe0 == 0:
		return kGzip
	case len(b) >= 10 && bytes.HasPrefix(b, []byte("BZh")) && b[3] >= '1' && b[3] <= '9' &&
		(bytes.HasPrefix(b[4:], []byte("1AY&SY")) || bytes.HasPrefix(b[4:], []byte("\x17\x72\x45\x38\x50\x90"))):
		return kBzip2
	case isTar(b):
		return kTar
	}
	return kText
}

// isTar reports a first tar header: the ustar magic, or (for a v7 archive)
// a named entry whose header checksum is right.
func isTar(b []byte) bool {
	if len(b) < 512 {
		return false
	}
	h := b[:512]
	if bytes.Equal(h[257:262], []byte("ustar")) {
		return true
	}
	if h[0] == 0 {
		return false
	}
	want, ok := parseOctal(h[148:156])
	if !ok {
		return false
	}
	var sum int64
	for i, c := range h {
		if i >= 148 && i < 156 {
			c = ' '
		}
		sum += int64(c)
	}
	return sum == want
}

func parseOctal(b []byte) (int64, bool) {
	b = bytes.Trim(b, " \x00")
	if len(b) == 0 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '7' {
			return 0, false
		}
		n = n<<3 | int64(c-'0')
	}
	return n, true
}

// sniffPlain decides how a stream that is not an archive is read, and how
// many leading bytes (a BOM) to drop.
func sniffPlain(b []byte) (kind, int) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return kText, 3
	case bytes.HasPrefix(b, []byte("\xff\xfe\x00\x00")):
		return kUTF32LE, 4
	case bytes.HasPrefix(b, []byte("\x00\x00\xfe\xff")):
		return kUTF32BE, 4
	case bytes.HasPrefix(b, []byte("\xff\xfe")):
		return kUTF16LE, 2
	case bytes.HasPrefix(b, []byte("\xfe\xff")):
		return kUTF16BE, 2
	}
	if bytes.IndexByte(b, 0) < 0 && utf8.Valid(wholeRunes(b)) {
		// The fast path for ordinary source. Without a NUL it is neither
		// UTF-16 nor a known binary format; valid UTF-8 could still be
		// mostly control bytes, but reading that as text loses nothing.
		return kText, 0
	}
	if k := utf32Pattern(b); k != kText {
		return k, 0
	}
	if k := utf16Pattern(b); k != kText {
		return k, 0
	}
	if binaryMagic(b) || binaryShare(b) {
		return kBinary, 0
	}
	return kText, 0
}

// utf16Pattern spots UTF-16 without a BOM in ASCII-range text: most bytes at
// one parity zero (the high bytes), almost none at the other.
func utf16Pattern(b []byte) kind {
	n := len(b) &^ 1
	if n < 8 {
		return kText
	}
	var zeroEven, zeroOdd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			zeroEven++
		}
		if b[i+1] == 0 {
			zeroOdd++
		}
	}
	half := n / 2
	switch {
	case zeroOdd*10 >= half*6 && zeroEven*20 <= half:
		return kUTF16LE
	case zeroEven*10 >= half*6 && zeroOdd*20 <= half:
		return kUTF16BE
	}
	return kText
}

// utf32Pattern spots UTF-32 without a BOM: the two high bytes of each unit
// zero, the next mostly zero, the low byte almost never.
func utf32Pattern(b []byte) kind {
	n := len(b) &^ 3
	if n < 16 {
		return kText
	}
	var z [4]int
	for i := 0; i < n; i += 4 {
		for j := range z {
			if b[i+j] == 0 {
				z[j]++
			}
		}
	}
	q := n / 4
	most, many, few := func(c int) bool { return c*10 >= q*9 }, func(c int) bool { return c*10 >= q*6 }, func(c int) bool { return c*20 <= q }
	switch {
	case most(z[3]) && most(z[2]) && many(z[1]) && few(z[0]):
		return kUTF32LE
	case most(z[0]) && most(z[1]) && many(z[2]) && few(z[3]):
		return kUTF32BE
	}
	return kText
}

// binaryMagic reports formats that are binary even where, for a short
// sample, the share of text bytes is high.
func binaryMagic(b []byte) bool {
	for _, m := range []string{
		"\x7fELF", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff", "GIF87a", "GIF89a",
		"\xca\xfe\xba\xbe", "\xce\xfa\xed\xfe", "\xcf\xfa\xed\xfe", "\xfe\xed\xfa\xce", "\xfe\xed\xfa\xcf",
		"\x00asm", "MZ",
	} {
		if bytes.HasPrefix(b, []byte(m)) {
			return true
		}
	}
	return false
}

// textByte is 1 for the ASCII bytes that text has: printable, and the
// whitespace and terminal controls (\b \t \n \v \f \r ESC).
var textByte = func() (t [128]uint8) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = 1
	}
	for _, c := range "\b\t\n\v\f\r\x1b" {
		t[c] = 1
	}
	return t
}()

// binaryShare reports a sample of which more than a quarter is not text:
// NULs and other controls, and bytes that are not valid UTF-8. Text with a
// stray NUL or a few Latin-1 letters stays text; machine code, compressed
// data and images do not.
func binaryShare(b []byte) bool {
	bad := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			bad += int(1 - textByte[c])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			if !utf8.FullRune(b[i:]) && len(b)-i < utf8.UTFMax {
				break // cut by the end of the sample
			}
			bad++
		}
		i += n
	}
	return bad*4 > len(b)
}

// wholeRunes drops a rune that the end of the sample cuts.
func wholeRunes(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}
