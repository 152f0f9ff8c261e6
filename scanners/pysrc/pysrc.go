// Package pysrc is the one way a scanner gets a parsed Python file: it reads
// the file through the source view (the working tree, or the staged blob with
// --staged) and parses it once per run, sharing the tree with every other
// scanner that asks (SAST, riskcheck's Python reader).
package pysrc

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
	"github.com/bulwark-sec/bulwark/scanners"
)

// IsPython reports whether a path is Python source as Bandit reads it.
func IsPython(rel string) bool {
	n := len(rel)
	return n > 3 && rel[n-3:] == ".py" || n > 4 && rel[n-4:] == ".pyw"
}

// treeWeight is roughly what a parsed tree costs per byte of source, for the
// shared budget (nodes are a few dozen bytes each, about one per 4 bytes).
const treeWeight = 24

// Parse returns the parsed file at rel, reading at most max bytes. A file
// over max returns scanners.ErrTooLarge; a cancelled parse returns the
// context's error.
func Parse(ctx context.Context, t *scanners.Target, rel string, max int64) (*pyparse.File, error) {
	return parse(ctx, t, rel, func() ([]byte, error) { return t.Inventory.ReadFile(rel, max) })
}

// ParseSource is Parse for a caller that has read rel already (through the
// same source view): the shared tree, or a parse of src, never a new read.
func ParseSource(ctx context.Context, t *scanners.Target, rel string, src []byte) (*pyparse.File, error) {
	return parse(ctx, t, rel, func() ([]byte, error) { return src, nil })
}

func parse(ctx context.Context, t *scanners.Target, rel string, read func() ([]byte, error)) (*pyparse.File, error) {
	v, err := t.Shared.Do("python:"+rel, func() (any, int64, error) {
		src, err := read()
		if err != nil {
			return nil, 0, err
		}
		f, err := pyparse.Parse(ctx, src, pyparse.Options{})
		if err != nil {
			// Cancelled or timed out: not kept, so another scanner with
			// time left parses it again.
			return nil, -1, fmt.Errorf("parsing: %w", err)
		}
		return f, int64(len(src)) * treeWeight, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*pyparse.File), nil
}

// IsTestFile reports whether a slash-separated path names Python test code:
// test_*.py, *_test.py, conftest.py, or a file under a
// directory named tests or test.
func IsTestFile(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	base := path.Base(p)
	if base == "conftest.py" || strings.HasPrefix(base, "test_") && strings.HasSuffix(base, ".py") || strings.HasSuffix(base, "_test.py") {
		return true
	}
	dirs := strings.Split(path.Dir(p), "/")
	for _, d := range dirs {
		if d == "tests" || d == "test" {
			return true
		}
	}
	return false
}
