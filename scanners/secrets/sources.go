package secrets

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/bulwark-sec/bulwark/scanners"
)

// Chunk is one piece of text to scan and where it came from.
type Chunk struct {
	ID     int
	Source string // tree, staged or history
	Path   string // repository-relative, slash-separated
	Commit string // history only
	Date   string // history only: author date, RFC 3339
	Data   []byte
	// Lines maps a 1-based line of Data to the line in the file; nil when
	// Data is the whole file.
	Lines []int
}

// FileLine turns a 1-based line of the chunk into the file's line.
func (c *Chunk) FileLine(n int) int {
	if c.Lines == nil || n < 1 {
		return n
	}
	if n > len(c.Lines) {
		return c.Lines[len(c.Lines)-1]
	}
	return c.Lines[n-1]
}

// emit receives chunks as a source produces them.
type emit func(Chunk) error

// isBinary is git's own test: a NUL byte in the first 8000 bytes.
func isBinary(b []byte) bool {
	if len(b) > 8000 {
		b = b[:8000]
	}
	return bytes.IndexByte(b, 0) >= 0
}

// filesSource reads every inventory file: the working tree (what git would
// see plus untracked, non-ignored files), or the staged blobs in staged mode,
// never the working copy. Binary and over-size files are skipped and counted.
func filesSource(ctx context.Context, t *scanners.Target, source string, maxSize int64, out emit) error {
	inv := t.Inventory
	for _, f := range inv.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.Symlink || !f.Mode.IsRegular() {
			continue
		}
		if f.Size > maxSize {
			t.Counter.Add("skipped_large", 1)
			continue
		}
		data, err := inv.ReadFile(f.Path, maxSize)
		if err != nil {
			if errors.Is(err, scanners.ErrTooLarge) {
				t.Counter.Add("skipped_large", 1)
				continue
			}
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		if isBinary(data) {
			t.Counter.Add("skipped_binary", 1)
			continue
		}
		t.Counter.Add("files", 1)
		t.Counter.Add("bytes", int64(len(data)))
		if err := out(Chunk{Source: source, Path: f.Path, Data: data}); err != nil {
			return err
		}
	}
	return nil
}
