package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/bulwark-sec/bulwark/internal/safefile"
	"github.com/bulwark-sec/bulwark/reports"
)

// checkOutDir refuses an --out that exists and is not a directory (a device,
// a file) before any work is done: Bulwark writes nowhere else.
func checkOutDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return usageErr("--out %s: %v", dir, err)
	case !st.IsDir():
		return usageErr("--out %s exists and is not a directory (%s)", dir, st.Mode().Type())
	}
	return nil
}

// writeReports writes every format that has a file name into dir, each
// through a temporary file renamed into place, so a reader never sees half
// a report.
func writeReports(dir string, r *reports.Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil { //nolint:gosec // reports are for the CI job and its readers
		return fmt.Errorf("--out %s: %w", dir, err)
	}
	for _, f := range reports.Formats {
		if f.File == "" {
			continue
		}
		var buf bytes.Buffer
		if err := f.Write(&buf, r, reports.Options{OutDir: dir}); err != nil {
			return fmt.Errorf("rendering %s: %w", f.File, err)
		}
		if err := safefile.WriteAtomic(filepath.Join(dir, f.File), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
