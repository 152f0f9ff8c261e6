// Package safefile opens files from a scanned repository without trusting
// what they are: only a regular file is opened (a FIFO named bulwark.yml or
// risk.yaml would block forever), the check is made before opening and again
// on the open descriptor, the open itself never blocks and never follows a
// final symlink, and a size limit bounds what is read.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Errors Read and Open return (without the path: callers name the file).
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file is larger than the size limit")
)

// Open opens path for reading when it is a regular file (not a symlink,
// FIFO, socket or device).
func Open(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%w (%s)", ErrNotRegular, Kind(st.Mode()))
	}
	f, err := openNoFollow(path)
	if err != nil {
		return nil, nil, err
	}
	st, err = f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() { // swapped between Lstat and open
		_ = f.Close()
		return nil, nil, fmt.Errorf("%w (%s)", ErrNotRegular, Kind(st.Mode()))
	}
	return f, st, nil
}

// Read reads a regular file of at most max bytes.
func Read(path string, max int64) ([]byte, error) {
	f, st, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only
	if st.Size() > max {
		return nil, fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, st.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w (grew past %d bytes)", ErrTooLarge, max)
	}
	return data, nil
}

// Kind names a file type for a message: "a FIFO", "a symlink".
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symlink"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}

// WriteAtomic writes data to path through a temporary file in the same
// directory renamed into place, so a reader never sees half a file. It is
// the one writer of Bulwark's outputs (reports, baselines, resume state).
func WriteAtomic(path string, data []byte, perm fs.FileMode) error {
	dir, base := splitPath(path)
	tmp, err := os.CreateTemp(dir, "."+base+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func splitPath(p string) (dir, base string) {
	i := len(p) - 1
	for i >= 0 && !os.IsPathSeparator(p[i]) {
		i--
	}
	if i < 0 {
		return ".", p
	}
	if i == 0 {
		return p[:1], p[1:]
	}
	return p[:i], p[i+1:]
}
