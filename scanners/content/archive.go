package content

import (
	"archive/tar"
	"archive/zip"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// ratioFloor is how far a member may expand before MaxRatio applies.
const ratioFloor = 1 << 20

// zipBzip2 is zip's method number for bzip2, which archive/zip lacks.
const zipBzip2 = 12

// zip reads the members of a zip. It reports false when the directory
// cannot be read, with a Problem unless quiet: the caller then reads the
// bytes as they are.
func (st *state) zip(path string, ra io.ReaderAt, size int64, depth int, quiet bool) (bool, error) {
	left := st.lim.MaxEntries - st.entries
	if left <= 0 {
		st.tooMany(path)
		return true, nil
	}
	view, vsize, cut := zipView(ra, size, left)
	cra := &countReaderAt{r: view}
	zs := &zipState{read: &cra.n, size: size, stored: size}
	zr, err := zip.NewReader(cra, vsize)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		if st.fatal != nil {
			return true, st.fatal
		}
		if !quiet {
			st.problem(path, KindCorrupt, err.Error())
		}
		return false, nil
	}
	zr.RegisterDecompressor(zipBzip2, func(r io.Reader) io.ReadCloser { return io.NopCloser(bzip2.NewReader(r)) })
	for _, f := range zr.File {
		if !st.entry(path) {
			break
		}
		name := path + "!/" + f.Name
		if unsafeName(f.Name) {
			st.problem(name, KindUnsafePath, "member name leaves the archive's root")
		}
		if err := st.zipMember(name, f, zs, depth); err != nil {
			return true, err
		}
		if err := st.meta(name+"!comment", f.Comment, depth); err != nil {
			return true, err
		}
		if st.full {
			return true, nil
		}
	}
	if cut {
		st.tooMany(path)
	}
	return true, st.meta(path+"!comment", zr.Comment, depth)
}

// meta reads text an archive keeps beside its members (a comment, PAX
// records) as if it were a member: a place to hide a secret too.
func (st *state) meta(label, s string, depth int) error {
	if s == "" {
		return nil
	}
	return st.decode(label, input{ra: strings.NewReader(s), size: int64(len(s))}, depth+1)
}

// zipState is what the members of one zip have read so far.
type zipState struct {
	read   *int64 // bytes read of the archive
	size   int64  // the archive's size
	stored int64  // bytes of the archive not yet read as a stored member
}

// zipMember reads one member; every entry is read, whatever its mode says,
// so a file marked as a directory hides nothing.
func (st *state) zipMember(name string, f *zip.File, zs *zipState, depth int) error {
	if f.Flags&1 != 0 {
		st.problem(name, KindEncrypted, "encrypted zip member: its content cannot be read")
		return nil
	}
	if f.Method == zip.Store { // read in place: random access, nothing held
		off, err := f.DataOffset()
		if raw, rerr := f.OpenRaw(); err == nil && rerr == nil {
			if sr, ok := raw.(*io.SectionReader); ok {
				n := min(sr.Size(), max(zs.size-off, 0)) // what is there, whatever it claims
				// Entries that share their data (an overlapping-entry bomb)
				// read the same bytes again: what the stored members read
				// past the archive's own size draws on MaxTotal.
				if over := n - zs.stored; over > 0 {
					zs.stored = 0
					if st.total += over; st.total > st.lim.MaxTotal {
						st.total = st.lim.MaxTotal + 1
						return st.failed(name, st.tooLarge())
					}
				} else {
					zs.stored -= n
				}
				return st.decode(name, input{ra: io.NewSectionReader(sr, 0, n), size: n}, depth+1)
			}
		}
	}
	read := zs.read
	base := *read
	rc, err := f.Open()
	if err != nil {
		if errors.Is(err, zip.ErrAlgorithm) {
			st.problem(name, KindUnsupported, fmt.Sprintf("zip compression method %d", f.Method))
			return nil
		}
		return st.failed(name, err)
	}
	defer func() { _ = rc.Close() }()
	b := &budget{st: st, r: rc, in: read, base: base, csize: max(clamp(f.CompressedSize64), 1)}
	return st.decode(name, input{r: b, size: clamp(f.UncompressedSize64), counted: true}, depth+1)
}

func clamp(n uint64) int64 { return int64(min(n, math.MaxInt64)) }

// compressed reads a gzip or bzip2 stream; its text keeps the file's path.
func (st *state) compressed(k kind, path string, rp *replay, depth int) (bool, error) {
	cr := &countReader{r: rp}
	var zr io.Reader
	if k == kGzip {
		g, err := gzip.NewReader(cr)
		if err != nil {
			if st.fatal != nil {
				return true, st.fatal
			}
			st.problem(path, KindCorrupt, err.Error())
			return false, nil
		}
		defer func() { _ = g.Close() }()
		if err := st.meta(path+"!comment", g.Comment, depth); err != nil {
			return true, err
		}
		zr = g
	} else {
		zr = bzip2.NewReader(cr)
	}
	b := &budget{st: st, r: zr, in: &cr.n}
	return true, st.decode(path, input{r: b, size: -1, counted: true}, depth+1)
}

// tar reads the members of a tar. It reports false when even the first
// header is not one: the caller then reads the bytes as text.
func (st *state) tar(path string, rp *replay, counted bool, depth int) (bool, error) {
	under := &countReader{r: rp}
	tr := tar.NewReader(under)
	for first := true; ; first = false {
		hdr, err := tr.Next()
		if err == io.EOF {
			return true, nil
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			var le *limitError
			if first && st.fatal == nil && !errors.As(err, &le) {
				return false, nil
			}
			return true, st.failed(path, fmt.Errorf("tar: %w", err))
		}
		if !st.entry(path) {
			return true, nil
		}
		name := path + "!/" + hdr.Name
		if unsafeName(hdr.Name) {
			st.problem(name, KindUnsafePath, "member name leaves the archive's root")
		}
		if err := st.meta(name+"!pax", paxText(hdr.PAXRecords), depth); err != nil {
			return true, err
		}
		if hdr.Size <= 0 {
			continue
		}
		// Every entry with data is read, whatever its type; the tar reader
		// gives non-regular types no data. A sparse file's holes expand, so
		// they draw on MaxTotal like a decompressor's output.
		data := &budget{st: st, r: tr, in: &under.n, base: under.n, holes: true}
		if err := st.decode(name, input{r: data, size: hdr.Size, counted: counted}, depth+1); err != nil {
			return true, err
		}
		if st.full {
			return true, nil
		}
	}
}

// paxText is the PAX records that archive/tar does not turn into header
// fields, one "key=value" a line, sorted.
func paxText(recs map[string]string) string {
	var lines []string
	for k, v := range recs {
		switch k {
		case "path", "linkpath", "size", "mtime", "atime", "ctime", "uid", "gid", "uname", "gname":
			continue
		}
		if !strings.HasPrefix(k, "GNU.sparse.") {
			lines = append(lines, k+"="+v+"\n")
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "")
}

// entry counts one archive member; false means MaxEntries is reached.
func (st *state) entry(path string) bool {
	if st.entries >= st.lim.MaxEntries {
		st.tooMany(path)
		return false
	}
	st.entries++
	return true
}

func (st *state) tooMany(path string) {
	if !st.manyDone {
		st.manyDone = true
		st.problem(path, KindEntries, fmt.Sprintf("more than %d archive members in this file; the rest were not read", st.lim.MaxEntries))
	}
}

// unsafeName reports a member name that, extracted, would leave the
// archive's root: absolute, with a drive letter, or with a ".." element.
func unsafeName(name string) bool {
	n := strings.ReplaceAll(name, `\`, "/")
	if strings.HasPrefix(n, "/") || len(n) >= 2 && n[1] == ':' {
		return true
	}
	for _, e := range strings.Split(n, "/") {
		if e == ".." {
			return true
		}
	}
	return false
}

type countReaderAt struct {
	r io.ReaderAt
	n int64
}

func (c *countReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// budget bounds one expansion: every byte out draws on MaxTotal, and once
// past ratioFloor the member may not pass MaxRatio times its compressed size
// (what was read of in since base; for a zip member no more than it declares,
// so a false size in the archive does not lift the ratio). With holes set
// only the bytes beyond what was read of in draw on MaxTotal: a tar member's
// holes.
type budget struct {
	st    *state
	r     io.Reader
	in    *int64 // compressed bytes read so far, when counted
	base  int64  // *in when the member began
	csize int64  // the compressed size the archive declares, or 0
	holes bool
	n     int64 // bytes out
	drawn int64 // bytes drawn on MaxTotal
}

func (b *budget) Read(p []byte) (int, error) {
	st := b.st
	if st.full {
		return 0, st.tooLarge()
	}
	if left := st.lim.MaxTotal - st.total; !b.holes && int64(len(p)) > left+1 {
		p = p[:left+1] // read no further than a byte past the budget
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	c := b.csize
	if b.in != nil {
		c = *b.in - b.base
		if b.csize > 0 { // a zip member: what was read, within what it declares
			c = min(c, b.csize)
		}
	}
	draw := b.n
	if b.holes {
		draw = max(b.n-c, 0)
	}
	st.total += draw - b.drawn
	b.drawn = draw
	if st.total > st.lim.MaxTotal {
		return n, st.tooLarge()
	}
	if b.n > ratioFloor && b.n/max(c, 1) > int64(st.lim.MaxRatio) {
		return n, &limitError{KindBomb, fmt.Sprintf("expanded past %d× its %d compressed bytes; the rest was not read", st.lim.MaxRatio, c)}
	}
	return n, err
}
