package content

import "bytes"

var nl = []byte{'\n'}

// window collects one decoded text and emits it in windows of at most
// lim.Window bytes. A full window ends after the last newline in its last
// Overlap bytes (or at Window when there is none); the next starts Overlap
// bytes before that end, moved back to a line start within another Overlap
// when there is one. So consecutive windows share Overlap to 2×Overlap bytes
// and, as Window ≥ 4×Overlap, a span of at most Overlap bytes across a
// boundary lies wholly inside the next window.
type window struct {
	st   *state
	path string
	enc  string
	buf  []byte // decoded text not yet dropped; buf[0] is at off, on line
	off  int64
	line int
	seen int // bytes at the front of buf that the last window emitted
}

// newWindow starts a text; hint is its expected size, or -1.
func (st *state) newWindow(path, enc string, hint int64) *window {
	c := st.lim.Window
	if hint >= 0 && hint < int64(c) {
		c = min(max(int(hint)+1, 512), c) // +1: the read that finds EOF needs room
	}
	w := &window{st: st, path: path, enc: enc, line: 1}
	if cap(st.spare) >= c {
		w.buf, st.spare = st.spare[:0], nil
	} else {
		w.buf = make([]byte, 0, c)
	}
	return w
}

// space is room at the end of the pending text to decode into; commit adds
// what was written there.
func (w *window) space() []byte {
	end := min(cap(w.buf), w.st.lim.Window) // a pooled buffer may be larger
	if len(w.buf) == end {
		nb := make([]byte, len(w.buf), min(max(2*cap(w.buf), 4096), w.st.lim.Window))
		copy(nb, w.buf)
		w.buf, end = nb, cap(nb)
	}
	return w.buf[len(w.buf):end]
}

func (w *window) commit(n int) error {
	w.buf = w.buf[:len(w.buf)+n]
	if len(w.buf) >= w.st.lim.Window {
		return w.slide()
	}
	return nil
}

// write appends decoded text.
func (w *window) write(p []byte) error {
	for len(p) > 0 {
		n := copy(w.space(), p)
		p = p[n:]
		if err := w.commit(n); err != nil {
			return err
		}
	}
	return nil
}

// slide emits a full window and keeps its overlap.
func (w *window) slide() error {
	o := w.st.lim.Overlap
	n := len(w.buf)
	end := n
	if i := bytes.LastIndexByte(w.buf[n-o:], '\n'); i >= 0 {
		end = n - o + i + 1
	}
	if err := w.send(w.buf[:end]); err != nil {
		return err
	}
	next := end - o
	if i := bytes.LastIndexByte(w.buf[end-2*o:next], '\n'); i >= 0 {
		next = end - 2*o + i + 1
	}
	w.line += bytes.Count(w.buf[:next], nl)
	w.off += int64(next)
	w.seen = end - next
	w.buf = w.buf[:copy(w.buf, w.buf[next:])]
	return nil
}

// close emits what is left and frees the buffer.
func (w *window) close() error {
	var err error
	if len(w.buf) > w.seen {
		err = w.send(w.buf)
	}
	if cap(w.buf) > cap(w.st.spare) {
		w.st.spare = w.buf[:0]
	}
	w.buf = nil
	return err
}

func (w *window) send(data []byte) error {
	return w.st.send(Text{Path: w.path, Data: data, Encoding: w.enc, Offset: w.off, FirstLine: w.line, Overlap: w.seen})
}

func (st *state) send(t Text) error {
	if st.fatal != nil {
		return st.fatal
	}
	if err := st.emit(t); err != nil {
		st.fatal = err
		return err
	}
	return nil
}
