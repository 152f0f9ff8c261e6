package content

import (
	"bytes"
	"io"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// leaf reads a stream that is not an archive. skip is the BOM to drop;
// zipTried says a zip directory at the end was already looked for.
func (st *state) leaf(path string, k kind, skip int, rp *replay, in input, depth int, zipTried bool) error {
	switch k {
	case kText:
		if in.ra != nil && int64(len(rp.sample)) == in.size && len(rp.sample)-skip <= st.lim.Window {
			// The whole file is in the sample: emit it from there, as is.
			rp.pos = len(rp.sample)
			if b := cleanNUL(rp.sample[skip:]); len(b) > 0 {
				return st.send(Text{Path: path, Data: b, Encoding: EncUTF8, FirstLine: 1})
			}
			return nil
		}
		return st.text(path, skip, rp, in.size)
	case kUTF16LE, kUTF16BE, kUTF32LE, kUTF32BE:
		var dec decoder = &utf16Dec{be: k == kUTF16BE, odd: -1}
		if k == kUTF32LE || k == kUTF32BE {
			dec = &utf32Dec{be: k == kUTF32BE}
		}
		// The raw bytes are read for printable runs too: UTF-16 or UTF-32
		// ASCII text has none, so they are what is not (say, appended UTF-8).
		return st.run(path, rp, skip,
			&stream{w: st.newWindow(path, k.String(), in.size), dec: dec},
			&stream{w: st.newWindow(path, EncStrings, in.size), dec: &stringsDec{}})
	}
	if err := st.run(path, rp, 0, &stream{w: st.newWindow(path, EncStrings, in.size), dec: &stringsDec{utf16: true}}); err != nil {
		return err
	}
	// A zip after other bytes (a self-extracting archive, a polyglot) is
	// found by its directory at the end.
	if !zipTried && in.ra != nil && depth < st.lim.MaxDepth {
		if _, _, ok := findZipDir(in.ra, in.size); ok {
			_, err := st.zip(path, in.ra, in.size, depth, true)
			return err
		}
	}
	return nil
}

// text passes ASCII-compatible text through, reading straight into the
// window: the path ordinary source takes, so it does nothing per byte but
// look for NULs.
func (st *state) text(path string, skip int, rp *replay, hint int64) error {
	w := st.newWindow(path, EncUTF8, hint)
	for zero := 0; ; {
		sp := w.space()
		n, err := rp.Read(sp)
		b := sp[:n]
		if skip > 0 {
			k := min(skip, n)
			b = b[:copy(b, b[k:])]
			skip -= k
		}
		b = cleanNUL(b)
		if cerr := w.commit(len(b)); cerr != nil {
			return cerr
		}
		if err == nil {
			if zero = stalled(zero, n); zero > maxStalls {
				err = io.ErrNoProgress
			}
		}
		if err != nil {
			if cerr := w.close(); cerr != nil {
				return cerr
			}
			if err == io.EOF {
				return nil
			}
			return st.failed(path, err)
		}
	}
}

// cleanNUL rewrites b in place and returns it, shorter by the NULs it drops.
// A NUL in a UTF-16 pattern (a NUL two bytes away, a non-NUL between) is
// dropped, so UTF-16 text inside a UTF-8 file reads as ASCII; any other NUL
// becomes a space, so it neither joins two tokens nor moves a line.
func cleanNUL(b []byte) []byte {
	i := bytes.IndexByte(b, 0)
	if i < 0 {
		return b
	}
	var p2, p1 byte = 1, 1 // the original bytes before b[r]
	if i >= 1 {
		p1 = b[i-1]
	}
	if i >= 2 {
		p2 = b[i-2]
	}
	w := i
	for r := i; r < len(b); r++ {
		c := b[r]
		if c == 0 {
			if (r >= 2 && p2 == 0 && p1 != 0) || (r+2 < len(b) && b[r+2] == 0 && b[r+1] != 0) {
				p2, p1 = p1, c
				continue
			}
			b[w] = ' '
		} else {
			b[w] = c
		}
		w++
		p2, p1 = p1, c
	}
	return b[:w]
}

// decoder turns raw bytes into text, keeping an incomplete tail for the next
// call; final says there is no next call.
type decoder interface {
	decode(out, raw []byte, final bool) []byte
}

type stream struct {
	w   *window
	dec decoder
	out []byte
}

// run feeds a stream to decoders, each with its window.
func (st *state) run(path string, rp *replay, skip int, ss ...*stream) error {
	if st.raw == nil {
		st.raw = make([]byte, 64<<10)
	}
	var rerr error
	for zero := 0; ; {
		n, err := rp.Read(st.raw)
		b := st.raw[:n]
		if skip > 0 {
			k := min(skip, n)
			b, skip = b[k:], skip-k
		}
		if err == nil {
			if zero = stalled(zero, n); zero > maxStalls {
				err = io.ErrNoProgress
			}
		}
		for _, s := range ss {
			s.out = s.dec.decode(s.out[:0], b, err != nil)
			if werr := s.w.write(s.out); werr != nil {
				return werr
			}
		}
		if err != nil {
			if err != io.EOF {
				rerr = err
			}
			break
		}
	}
	for _, s := range ss {
		if err := s.w.close(); err != nil {
			return err
		}
	}
	if rerr != nil {
		return st.failed(path, rerr)
	}
	return nil
}

// utf16Dec decodes UTF-16 to UTF-8: an unpaired surrogate or a last odd byte
// becomes U+FFFD, a NUL a space.
type utf16Dec struct {
	be  bool
	odd int  // a byte carried to the next call, or -1
	hi  rune // a high surrogate waiting for its pair, or 0
}

func (d *utf16Dec) decode(out, b []byte, final bool) []byte {
	i := 0
	if d.odd >= 0 && len(b) > 0 {
		out = d.unit(out, d.pair(byte(d.odd), b[0]))
		d.odd, i = -1, 1
	}
	for ; i+1 < len(b); i += 2 {
		out = d.unit(out, d.pair(b[i], b[i+1]))
	}
	if i < len(b) {
		d.odd = int(b[i])
	}
	if final {
		if d.hi != 0 {
			out, d.hi = utf8.AppendRune(out, utf8.RuneError), 0
		}
		if d.odd >= 0 {
			out, d.odd = utf8.AppendRune(out, utf8.RuneError), -1
		}
	}
	return out
}

func (d *utf16Dec) pair(a, b byte) uint16 {
	if d.be {
		return uint16(a)<<8 | uint16(b)
	}
	return uint16(b)<<8 | uint16(a)
}

func (d *utf16Dec) unit(out []byte, u uint16) []byte {
	if d.hi != 0 {
		hi := d.hi
		d.hi = 0
		if utf16.IsSurrogate(rune(u)) && u >= 0xdc00 {
			return utf8.AppendRune(out, utf16.DecodeRune(hi, rune(u)))
		}
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	switch {
	case u == 0:
		return append(out, ' ')
	case u < utf8.RuneSelf:
		return append(out, byte(u))
	case u >= 0xd800 && u < 0xdc00:
		d.hi = rune(u)
		return out
	}
	return utf8.AppendRune(out, rune(u)) // a lone low surrogate becomes U+FFFD
}

// utf32Dec decodes UTF-32 to UTF-8: a unit that is no character, or a cut
// last unit, becomes U+FFFD, a NUL a space.
type utf32Dec struct {
	be    bool
	carry []byte // the start of a unit cut by the last call
}

func (d *utf32Dec) decode(out, b []byte, final bool) []byte {
	if len(d.carry) > 0 {
		k := min(4-len(d.carry), len(b))
		d.carry, b = append(d.carry, b[:k]...), b[k:]
		if len(d.carry) == 4 {
			out, d.carry = d.unit(out, d.carry), d.carry[:0]
		}
	}
	i := 0
	for ; i+4 <= len(b); i += 4 {
		out = d.unit(out, b[i:i+4])
	}
	d.carry = append(d.carry, b[i:]...)
	if final && len(d.carry) > 0 {
		out, d.carry = utf8.AppendRune(out, utf8.RuneError), d.carry[:0]
	}
	return out
}

func (d *utf32Dec) unit(out, u []byte) []byte {
	r := rune(le.Uint32(u))
	if d.be {
		r = rune(be.Uint32(u))
	}
	switch {
	case r == 0:
		return append(out, ' ')
	case r > 0 && r < utf8.RuneSelf:
		return append(out, byte(r))
	}
	return utf8.AppendRune(out, r) // past U+10FFFF (or negative) or a surrogate: U+FFFD
}

// minRun is the shortest printable run kept, as `strings -n 8`.
const minRun = 8

// stringsDec keeps the printable runs of its input, one a line: runs of
// printable ASCII, tab and printable UTF-8, and with utf16 set also runs of
// printable ASCII in UTF-16LE (each followed by a zero byte), which is how
// Windows binaries store strings.
type stringsDec struct {
	utf16 bool
	carry []byte // an incomplete sequence from the last call
	join  []byte // carry + the next input
	mode  int    // 0 between runs, 1 in a UTF-8 run, 2 in a UTF-16LE run
	run   []byte // a run not yet minRun characters long
	n     int    // characters in the current run
}

func printable(c byte) bool { return c >= 0x20 && c < 0x7f || c == '\t' }

func (d *stringsDec) decode(out, b []byte, final bool) []byte {
	if len(d.carry) > 0 {
		d.join = append(append(d.join[:0], d.carry...), b...)
		b = d.join
	}
	i := 0
	for i < len(b) {
		c := b[i]
		if d.mode == 2 {
			if i+1 == len(b) {
				if !final {
					break
				}
				out = d.end(out)
				i++
				continue
			}
			if printable(c) && b[i+1] == 0 {
				out = d.add(out, b[i:i+1])
				i += 2
				continue
			}
			out = d.end(out) // and look at c again, between runs
			continue
		}
		if c < utf8.RuneSelf {
			if !printable(c) {
				out = d.end(out)
				for i++; i < len(b) && b[i] < utf8.RuneSelf && !printable(b[i]); i++ {
				}
				continue
			}
			if d.mode == 0 && d.utf16 {
				if i+1 == len(b) && !final {
					break
				}
				if i+1 < len(b) && b[i+1] == 0 {
					d.mode = 2
					out = d.add(out, b[i:i+1])
					i += 2
					continue
				}
			}
			j := i + 1
			for j < len(b) && printable(b[j]) {
				j++
			}
			if d.n == 0 && j-i < minRun && j < len(b) && b[j] < utf8.RuneSelf {
				i = j // a short run, ended by a control byte: nothing to keep
				continue
			}
			d.mode = 1
			out = d.add(out, b[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !final && !utf8.FullRune(b[i:]) {
				break
			}
			out = d.end(out)
			i++
			continue
		}
		if unicode.IsPrint(r) {
			d.mode = 1
			out = d.add(out, b[i:i+size])
		} else {
			out = d.end(out)
		}
		i += size
	}
	d.carry = append(d.carry[:0], b[i:]...)
	if final {
		out = d.end(out)
		d.carry = d.carry[:0]
	}
	return out
}

// add appends p, one character or a run of ASCII, to the current run.
func (d *stringsDec) add(out, p []byte) []byte {
	if d.n < minRun {
		k, chars := len(p), 1 // a multibyte character counts once
		if p[0] < utf8.RuneSelf {
			k = min(k, minRun-d.n)
			chars = k
		}
		d.run = append(d.run, p[:k]...)
		d.n += chars
		p = p[k:]
		if d.n < minRun {
			return out
		}
		out = append(out, d.run...)
		d.run = d.run[:0]
	}
	d.n += len(p)
	return append(out, p...)
}

func (d *stringsDec) end(out []byte) []byte {
	if d.n >= minRun {
		out = append(out, '\n')
	}
	d.run, d.n, d.mode = d.run[:0], 0, 0
	return out
}
