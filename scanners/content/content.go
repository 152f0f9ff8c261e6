// Package content turns one file's bytes into the text a scanner reads, so
// that nothing is skipped for being "binary", encoded or large:
//
//   - UTF-8 and other ASCII-compatible text is passed through; a UTF-8 BOM is
//     stripped and a NUL becomes a space (or is dropped where it interleaves
//     UTF-16 text), so one NUL no longer hides a file and lines stay put.
//   - UTF-16 and UTF-32 (LE or BE, by BOM or by the pattern of zero bytes)
//     are decoded to UTF-8; the raw bytes are also read for printable runs,
//     so UTF-8 text appended to a UTF-16 file is not hidden by the decoding.
//   - A binary file (mostly non-text, or a known binary format) yields its
//     printable runs, ASCII/UTF-8 and UTF-16LE, one a line, as `strings` does.
//   - zip (jar, whl, apk …), gzip, bzip2 and tar are recognised by their
//     content, opened within Limits, and their members decoded the same way,
//     with the comments and PAX records kept beside them. A zip after other
//     bytes (a self-extracting archive) is found by its directory.
//   - Long text is emitted in overlapping windows, never skipped.
//
// Archive member names are labels only: nothing here touches the filesystem.
// Whatever an archive claims, memory stays bounded by Limits (see Decode).
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Limits bound the work and memory of one Decode call. A zero field takes
// its default (see DefaultLimits).
type Limits struct {
	// MaxDepth is how many archive layers are opened (a .tar.gz is two). An
	// archive deeper than that is reported and read for printable runs only.
	// -1 opens none.
	MaxDepth int
	// MaxTotal bounds, for one top-level file at every depth, the bytes that
	// are more than the file's own: decompressed bytes, tar sparse holes,
	// stored zip data read again by entries that share it, and the bytes
	// held in memory to open a zip found in a stream. Reaching it stops all
	// expansion of that file.
	MaxTotal int64
	// MaxRatio bounds one compressed member's expanded/compressed ratio once
	// it has expanded past 1 MiB (small, very compressible files are fine).
	MaxRatio int
	// MaxEntries bounds the archive members, at every depth, of one file.
	MaxEntries int
	// Window is the most bytes of text one Text carries.
	Window int
	// Overlap is how many bytes consecutive windows of one text share at
	// least: a secret no longer than that is always whole in some window.
	// Window must be at least 4×Overlap.
	Overlap int
}

// DefaultLimits are the limits a zero Limits field takes.
//
//   - MaxDepth 5: an .ear → .war → .jar, or a .tar.gz holding a .whl, is 3 or
//     4 layers; trufflehog's archive handler also stops at 5.
//   - MaxTotal 256 MiB: about trufflehog's 250 MB per archive; a few seconds
//     of detectors, and the most memory a nested zip can hold.
//   - MaxRatio 100: text compresses 3–20×; deflate's ceiling is about 1030×,
//     which every zip bomb member is near.
//   - MaxEntries 10,000: a jar or wheel rarely has more than a few thousand;
//     a zip's directory costs ~300 bytes of memory per entry.
//   - Window 1 MiB, Overlap 16 KiB: a PEM or PGP private key block is at
//     most a few KiB; the overlap costs 1.6% more bytes scanned.
func DefaultLimits() Limits {
	return Limits{MaxDepth: 5, MaxTotal: 256 << 20, MaxRatio: 100, MaxEntries: 10000, Window: 1 << 20, Overlap: 16 << 10}
}

// normalized fills zero fields with defaults and checks the rest.
func (l Limits) normalized() (Limits, error) {
	d := DefaultLimits()
	switch {
	case l.MaxDepth == 0:
		l.MaxDepth = d.MaxDepth
	case l.MaxDepth < 0:
		l.MaxDepth = 0
	}
	if l.MaxTotal == 0 {
		l.MaxTotal = d.MaxTotal
	}
	if l.MaxRatio == 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.MaxEntries == 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.Window == 0 {
		l.Window = d.Window
	}
	if l.Overlap == 0 {
		l.Overlap = min(d.Overlap, l.Window/4)
	}
	switch {
	case l.MaxTotal < 0 || l.MaxRatio < 0 || l.MaxEntries < 0 || l.Window < 0 || l.Overlap < 0:
		return l, errors.New("content: limits must not be negative (zero takes the default)")
	case l.Overlap < 1 || l.Window < 4*l.Overlap:
		return l, fmt.Errorf("content: Window (%d) must be at least 4×Overlap (%d), and Overlap at least 1", l.Window, l.Overlap)
	}
	return l, nil
}

// Encodings a Text is decoded from.
const (
	// EncUTF8 is text passed through as it was: UTF-8, ASCII or any other
	// ASCII-compatible encoding, with a UTF-8 BOM stripped and NULs replaced.
	EncUTF8 = "utf-8"
	// EncUTF16LE … EncUTF32BE are UTF-16 or UTF-32 decoded to UTF-8.
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncUTF32LE = "utf-32le"
	EncUTF32BE = "utf-32be"
	// EncStrings is the printable runs of bytes that are not text, one run a
	// line: its lines and offsets are those of the runs, not of the file.
	EncStrings = "strings"
)

// Text is one window of decoded text.
type Text struct {
	// Path is the file's path, or "a.zip!/dir/b.env" for an archive member
	// (a gzip or bzip2 layer adds nothing: its one stream is the file), or
	// "a.zip!comment", "a.zip!/b.env!comment", "a.tar!/b.env!pax" for the
	// text an archive keeps beside its members. Member names come from the
	// archive: escape them where they are shown.
	Path string
	// Data is valid only during the emit call: copy it to keep it.
	Data     []byte
	Encoding string
	// Offset is the byte offset of Data[0] in the decoded text.
	Offset int64
	// FirstLine is the 1-based line of Data[0] in the decoded text.
	FirstLine int
	// Overlap is how many bytes at the start of Data ended the previous
	// window too: a match lying wholly inside Data[:Overlap] was seen there.
	Overlap int
}

// Line is the 1-based line, in the decoded text, of Data[i].
func (t Text) Line(i int) int {
	return t.FirstLine + bytes.Count(t.Data[:min(max(i, 0), len(t.Data))], nl)
}

// Problem kinds. Every one means that some content was not read: a caller
// that gates on secrets should report it rather than pass the file.
const (
	KindBomb        = "bomb"             // a member expanded past MaxRatio× its compressed size
	KindTooLarge    = "too_large"        // MaxTotal reached: the rest of the file was not expanded
	KindDepth       = "depth"            // an archive deeper than MaxDepth: read for printable runs only
	KindEntries     = "too_many_entries" // past MaxEntries members: the rest were not read
	KindCorrupt     = "corrupt"          // unreadable archive or member; what was read before is emitted
	KindTruncated   = "truncated"        // an archive or member that ends early
	KindEncrypted   = "encrypted"        // an encrypted zip member: its content cannot be read
	KindUnsupported = "unsupported"      // a zip compression method other than store, deflate or bzip2
	KindUnsafePath  = "unsafe_path"      // an absolute or ".." member name (a zip-slip); it was still read
	KindMore        = "more_problems"    // the list was cut at maxPerKind of each kind
)

// Problem is one thing that stopped or limited the reading of a file.
type Problem struct {
	Path   string // as in Text
	Kind   string // one of the Kind constants
	Detail string
}

// maxPerKind bounds the problems listed of one kind; the first of each is
// always there, so one kind cannot crowd out another.
const (
	maxPerKind  = 10
	maxProblems = 10 * maxPerKind
)

// Decode reads size bytes of r, the file at path, and calls emit with each
// window of text in it, in order, including those of archive members, on the
// calling goroutine; Text.Data is reused once emit returns. emit's error
// stops Decode and is returned; the other error is a read error of r
// (or invalid Limits). What could not be read is in the []Problem, in the
// order met: at most 10 of each kind, and then one KindMore that counts the
// rest.
//
// Memory is bounded by the limits, not by the file or its claims: about
// 2×Window of text buffers, 8 KiB and a decompressor per open archive layer,
// ~300 bytes per zip entry up to MaxEntries, and any nested zip read from a
// stream, which is held in memory and counted against MaxTotal. A plain file
// is streamed whatever its size: Decode reads all of it. A caller that caps
// what it reads passes io.NewSectionReader(f, 0, cap) and cap, and reports
// the file as partly scanned: the bytes past the cap are never seen, and an
// archive cut there is reported corrupt (a zip's directory is at its end) and
// read for what its first cap bytes hold.
func Decode(path string, r io.ReaderAt, size int64, lim Limits, emit func(Text) error) ([]Problem, error) {
	lim, err := lim.normalized()
	if err != nil {
		return nil, err
	}
	sc := scratchPool.Get().(*scratch)
	st := &state{lim: lim, emit: emit, scratch: *sc}
	top := &guardReaderAt{r: r, st: st, path: path}
	err = st.decode(path, input{ra: top, size: max(size, 0)}, 0)
	if cap(st.spare) > maxPooled {
		st.spare = nil
	}
	*sc = st.scratch
	scratchPool.Put(sc)
	if st.dropped > 0 {
		st.problems = append(st.problems, Problem{Path: path, Kind: KindMore, Detail: fmt.Sprintf("%d more problems not listed", st.dropped)})
	}
	if err == nil {
		err = st.fatal
	}
	return st.problems, err
}

// state is one Decode call's budget and bookkeeping.
type state struct {
	lim      Limits
	emit     func(Text) error
	total    int64 // bytes decompressed or held, against MaxTotal
	full     bool  // MaxTotal reached
	entries  int   // archive members seen, against MaxEntries
	manyDone bool  // KindEntries reported
	problems []Problem
	perKind  map[string]int
	dropped  int
	fatal    error // emit's error, or a read error of the top-level file
	scratch
}

// scratch is the buffers of one Decode, pooled for the next: a caller that
// scans many small files should not pay for them each time.
type scratch struct {
	samples [][]byte // one sniffing buffer per depth
	raw     []byte   // the decoders' read buffer
	spare   []byte   // a window buffer to reuse
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled is the largest window buffer kept in the pool.
const maxPooled = 4 << 20

func (st *state) problem(path, kind, detail string) {
	if st.perKind == nil {
		st.perKind = map[string]int{}
	}
	if st.perKind[kind] >= maxPerKind {
		st.dropped++
		return
	}
	st.perKind[kind]++
	st.problems = append(st.problems, Problem{Path: path, Kind: kind, Detail: detail})
}

// guardReaderAt records a read error of the top-level file as fatal, so that
// it is returned rather than taken for a corrupt archive.
type guardReaderAt struct {
	r    io.ReaderAt
	st   *state
	path string
}

func (g *guardReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := g.r.ReadAt(p, off)
	if err != nil && err != io.EOF && g.st.fatal == nil {
		g.st.fatal = fmt.Errorf("read %s: %w", g.path, err)
	}
	return n, err
}

// limitError is a bound reached while reading an expansion.
type limitError struct{ kind, detail string }

func (e *limitError) Error() string { return e.kind + ": " + e.detail }

// failed records err, met while reading path, as a Problem and returns nil,
// or returns the fatal error when there is one.
func (st *state) failed(path string, err error) error {
	if st.fatal != nil {
		return st.fatal
	}
	var le *limitError
	switch {
	case errors.As(err, &le):
		if le.kind == KindTooLarge {
			if st.full {
				return nil
			}
			st.full = true
		}
		st.problem(path, le.kind, le.detail)
	case errors.Is(err, io.ErrUnexpectedEOF):
		st.problem(path, KindTruncated, err.Error())
	default:
		st.problem(path, KindCorrupt, err.Error())
	}
	return nil
}
