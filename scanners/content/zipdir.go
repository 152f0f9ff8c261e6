package content

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
)

// archive/zip reads a zip's whole central directory into memory, ~300 bytes
// an entry, however many entries there are. To keep that within MaxEntries,
// the directory is walked first (in constant memory) and, when it is longer,
// archive/zip is handed a view of the file that ends after the first
// MaxEntries records, with an end-of-directory record of its own.

const (
	sigDirEnd     = 0x06054b50
	sigDir64End   = 0x06064b50
	sigDir64Loc   = 0x07064b50
	sigDirHeader  = 0x02014b50
	dirEndLen     = 22
	dir64EndLen   = 56
	dir64LocLen   = 20
	dirHeaderLen  = 46
	maxCommentLen = 0xffff
)

var le, be = binary.LittleEndian, binary.BigEndian

// findZipDir finds the central directory as archive/zip does
// (readDirectoryEnd): the last end record in the last 64 KiB, its zip64
// record when the 32-bit fields say so, and the offset of data prepended to
// the archive. start is where the directory begins in r, base that offset.
func findZipDir(r io.ReaderAt, size int64) (start, base int64, ok bool) {
	n := min(size, maxCommentLen+dirEndLen+1024)
	if n < dirEndLen {
		return 0, 0, false
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, size-n); err != nil && err != io.EOF {
		return 0, 0, false
	}
	p := -1
	for i := len(buf) - dirEndLen; i >= 0; i-- {
		if le.Uint32(buf[i:]) == sigDirEnd {
			if int(le.Uint16(buf[i+20:]))+dirEndLen+i > len(buf) {
				return 0, 0, false // a truncated comment: archive/zip gives up too
			}
			p = i
			break
		}
	}
	if p < 0 {
		return 0, 0, false
	}
	end := size - n + int64(p)
	d := buf[p:]
	records, dirSize, dirOff := uint64(le.Uint16(d[10:])), uint64(le.Uint32(d[12:])), uint64(le.Uint32(d[16:]))
	if records == 0xffff || dirSize == 0xffff || dirOff == 0xffffffff {
		if loc := end - dir64LocLen; loc >= 0 {
			var l [dir64LocLen]byte
			if _, err := r.ReadAt(l[:], loc); err != nil {
				return 0, 0, false
			}
			if le.Uint32(l[:]) == sigDir64Loc && le.Uint32(l[4:]) == 0 && le.Uint32(l[16:]) == 1 {
				var e [dir64EndLen]byte
				at := int64(le.Uint64(l[8:]))
				if at < 0 {
					return 0, 0, false
				}
				if _, err := r.ReadAt(e[:], at); err != nil || le.Uint32(e[:]) != sigDir64End {
					return 0, 0, false
				}
				end, dirSize, dirOff = at, le.Uint64(e[40:]), le.Uint64(e[48:])
			}
		}
	}
	if dirSize > 1<<62 || dirOff > 1<<62 {
		return 0, 0, false
	}
	base = end - int64(dirSize) - int64(dirOff)
	if o := base + int64(dirOff); o < 0 || o >= size {
		return 0, 0, false
	}
	if base > 0 { // archive/zip prefers a base of 0 when a header is there
		var h [4]byte
		if _, err := r.ReadAt(h[:], int64(dirOff)); err == nil && le.Uint32(h[:]) == sigDirHeader {
			base = 0
		}
	}
	return base + int64(dirOff), base, true
}

// zipView returns r itself when its directory has at most limit records, and
// otherwise a view holding only the first limit.
func zipView(r io.ReaderAt, size int64, limit int) (io.ReaderAt, int64, bool) {
	start, base, ok := findZipDir(r, size)
	if !ok {
		return r, size, false
	}
	br := bufio.NewReaderSize(io.NewSectionReader(r, start, size-start), 16<<10)
	off := start
	var h [dirHeaderLen]byte
	for n := 0; ; n++ {
		if _, err := io.ReadFull(br, h[:]); err != nil || le.Uint32(h[:]) != sigDirHeader {
			return r, size, false // limit records or fewer
		}
		if n == limit {
			break
		}
		l := int(le.Uint16(h[28:])) + int(le.Uint16(h[30:])) + int(le.Uint16(h[32:]))
		if _, err := br.Discard(l); err != nil {
			return r, size, false
		}
		off += dirHeaderLen + int64(l)
	}
	// A zip64 end record, its locator and an end record that points to it:
	// the one layout whose fields hold any count, size and offset.
	t := make([]byte, 0, dir64EndLen+dir64LocLen+dirEndLen)
	t = le.AppendUint32(t, sigDir64End)
	t = le.AppendUint64(t, dir64EndLen-12)
	t = le.AppendUint16(t, 45)
	t = le.AppendUint16(t, 45)
	t = le.AppendUint32(t, 0)
	t = le.AppendUint32(t, 0)
	t = le.AppendUint64(t, uint64(limit))
	t = le.AppendUint64(t, uint64(limit))
	t = le.AppendUint64(t, uint64(off-start))
	t = le.AppendUint64(t, uint64(start-base))
	t = le.AppendUint32(t, sigDir64Loc)
	t = le.AppendUint32(t, 0)
	t = le.AppendUint64(t, uint64(off))
	t = le.AppendUint32(t, 1)
	t = le.AppendUint32(t, sigDirEnd)
	t = le.AppendUint16(t, 0)
	t = le.AppendUint16(t, 0)
	t = le.AppendUint16(t, 0xffff)
	t = le.AppendUint16(t, 0xffff)
	t = le.AppendUint32(t, 0xffffffff)
	t = le.AppendUint32(t, 0xffffffff)
	t = le.AppendUint16(t, 0)
	return &cutView{r: r, cut: off, tail: t}, off + int64(len(t)), true
}

// cutView is r up to cut, then tail.
type cutView struct {
	r    io.ReaderAt
	cut  int64
	tail []byte
}

func (v *cutView) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("content: negative offset")
	}
	n := 0
	if off < v.cut {
		m := int(min(int64(len(p)), v.cut-off))
		k, err := v.r.ReadAt(p[:m], off)
		n = k
		if k < m {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return n, err
		}
	}
	if n == len(p) {
		return n, nil
	}
	t := off + int64(n) - v.cut
	if t >= int64(len(v.tail)) {
		return n, io.EOF
	}
	n += copy(p[n:], v.tail[t:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
