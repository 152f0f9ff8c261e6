package content

import (
	"bytes"
	"fmt"
	"io"
)

// input is one stream to decode: the top-level file, a member, or what a
// decompressor yields.
type input struct {
	ra      io.ReaderAt // random access, when there is any; then size is exact
	r       io.Reader   // the stream otherwise
	size    int64       // with r, a hint from the archive (-1: none)
	counted bool        // its bytes already draw on MaxTotal
}

// decode sniffs one stream and reads it as an archive or as text. It
// returns only a fatal error; everything else is a Problem.
func (st *state) decode(path string, in input, depth int) error {
	if st.fatal != nil {
		return st.fatal
	}
	rp, err := st.open(in, depth)
	if err != nil {
		return st.failed(path, err)
	}
	k := sniffArchive(rp.sample)
	if k != kText && depth >= st.lim.MaxDepth {
		st.problem(path, KindDepth, fmt.Sprintf("a %s inside %d archives was not opened (limit %d); read for printable runs only", k, depth, st.lim.MaxDepth))
		return st.leaf(path, kBinary, 0, rp, in, depth, true)
	}
	switch k {
	case kZip:
		if in.ra == nil { // a zip's directory is at its end: hold it
			held, err := st.hold(path, rp, in)
			if held == nil {
				return err
			}
			in = input{ra: bytes.NewReader(held), size: int64(len(held)), counted: true}
			if rp, err = st.open(in, depth); err != nil {
				return st.failed(path, err)
			}
		}
		if ok, err := st.zip(path, in.ra, in.size, depth, false); ok || err != nil {
			return err
		}
	case kGzip, kBzip2:
		if ok, err := st.compressed(k, path, rp, depth); ok || err != nil {
			return err
		}
	case kTar:
		if ok, err := st.tar(path, rp, in.counted, depth); ok || err != nil {
			return err
		}
	}
	// Not an archive after all (or not one that opens): read its bytes.
	if !rp.rewind() {
		return nil
	}
	pk, skip := sniffPlain(rp.sample)
	return st.leaf(path, pk, skip, rp, in, depth, k == kZip)
}

// replay hands out the sniffed sample and then the rest of the stream; it
// can start again while the rest is untouched.
type replay struct {
	sample  []byte
	pos     int
	rest    io.Reader
	touched bool
}

func (p *replay) Read(b []byte) (int, error) {
	if p.pos < len(p.sample) {
		n := copy(b, p.sample[p.pos:])
		p.pos += n
		return n, nil
	}
	p.touched = true
	return p.rest.Read(b)
}

func (p *replay) rewind() bool {
	if p.touched {
		return false
	}
	p.pos = 0
	return true
}

// errReader returns err once the sample before it has been read, so that the
// sample is still decoded.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// open reads the sample of in. One sample buffer per depth is enough: at each
// depth one stream is read at a time.
func (st *state) open(in input, depth int) (*replay, error) {
	for len(st.samples) <= depth {
		st.samples = append(st.samples, nil)
	}
	if st.samples[depth] == nil {
		st.samples[depth] = make([]byte, sampleSize)
	}
	buf := st.samples[depth]
	if in.ra != nil {
		want := min(int64(len(buf)), in.size)
		n, err := in.ra.ReadAt(buf[:want], 0)
		if err != nil && err != io.EOF && int64(n) < want {
			return nil, err
		}
		return &replay{sample: buf[:n], rest: io.NewSectionReader(in.ra, int64(n), in.size-int64(n))}, nil
	}
	n, zero := 0, 0
	var err error
	for n < len(buf) && err == nil {
		var m int
		m, err = in.r.Read(buf[n:])
		n += m
		if zero = stalled(zero, m); zero > maxStalls && err == nil {
			err = io.ErrNoProgress
		}
	}
	rp := &replay{sample: buf[:n], rest: in.r}
	switch {
	case err == io.EOF:
		rp.rest = errReader{io.EOF}
	case err != nil:
		rp.rest = errReader{err}
	}
	return rp, nil
}

// hold reads a stream into memory, within MaxTotal.
func (st *state) hold(path string, rp *replay, in input) ([]byte, error) {
	left := st.lim.MaxTotal - st.total
	var buf []byte
	if in.size >= 0 && in.size <= left {
		buf = make([]byte, 0, in.size+1)
	}
	buf, err := readAll(buf, rp, left+1)
	if !in.counted {
		st.total += int64(len(buf))
	}
	if int64(len(buf)) > left {
		return nil, st.failed(path, st.tooLarge())
	}
	if err != nil {
		return nil, st.failed(path, err)
	}
	return buf, nil
}

// readAll appends r to b, stopping at limit bytes; b grows by doubling, but
// never past limit.
func readAll(b []byte, r io.Reader, limit int64) ([]byte, error) {
	for zero := 0; int64(len(b)) < limit; {
		if len(b) == cap(b) {
			nb := make([]byte, len(b), min(max(2*int64(cap(b)), 64<<10), limit))
			copy(nb, b)
			b = nb
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if zero = stalled(zero, n); zero > maxStalls {
			return b, io.ErrNoProgress
		}
	}
	return b, nil
}

func (st *state) tooLarge() error {
	return &limitError{KindTooLarge, fmt.Sprintf("more than %d bytes expanded from this file; the rest was not read", st.lim.MaxTotal)}
}

// maxStalls is how many empty reads in a row end a read loop: a reader that
// keeps returning 0, nil must not hang Decode.
const maxStalls = 100

func stalled(zero, n int) int {
	if n > 0 {
		return 0
	}
	return zero + 1
}
