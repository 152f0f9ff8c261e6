package secrets

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners/content"

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
	// Data is a window of the file starting at FirstLine (1 for all of it).
	Lines     []int
	FirstLine int
}

// FileLine turns a 1-based line of the chunk into the file's line.
func (c *Chunk) FileLine(n int) int {
	if n < 1 {
		return n
	}
	if c.Lines == nil {
		return max(c.FirstLine, 1) - 1 + n
	}
	if n > len(c.Lines) {
		return c.Lines[len(c.Lines)-1]
	}
	return c.Lines[n-1]
}

// emit receives chunks as a source produces them.
type emit func(Chunk) error

// filesSource reads every inventory file: the working tree (what git would
// see plus untracked, non-ignored files), or the staged blobs in staged mode,
// never the working copy. Nothing is skipped for being "binary": each file
// is decoded (internal UTF-16/32, archives opened with bounded expansion,
// printable runs of a binary) and read in windows up to maxSize. What could
// not be read whole — past maxSize, a zip bomb, an encrypted member — is a
// finding the gate sees, so padding or packing a file cannot hide a secret.
func filesSource(ctx context.Context, t *scanners.Target, source string, maxSize int64, out emit) ([]finding.Finding, error) {
	inv := t.Inventory
	var unread []finding.Finding
	for _, f := range inv.Files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if f.Symlink || !f.Mode.IsRegular() {
			continue
		}
		r, size, closeFn, err := inv.Reader(f.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		read := min(size, maxSize)
		probs, err := content.Decode(f.Path, io.NewSectionReader(r, 0, read), read, content.DefaultLimits(), func(tx content.Text) error {
			t.Counter.Add("bytes", int64(len(tx.Data)))
			if tx.Encoding != content.EncUTF8 {
				t.Counter.Add("decoded_"+tx.Encoding, 1)
			}
			return out(Chunk{Source: source, Path: tx.Path, Data: bytes.Clone(tx.Data), FirstLine: tx.FirstLine})
		})
		closeFn()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		t.Counter.Add("files", 1)
		if size > maxSize {
			t.Counter.Add("partly_read", 1)
			unread = append(unread, notFullyRead(f.Path, fmt.Sprintf("it is %d bytes and only the first %d (secrets.max_file_size) were read", size, maxSize), finding.High))
		}
		for _, p := range probs {
			sev := finding.High
			switch p.Kind {
			case content.KindUnsafePath, content.KindMore:
				sev = finding.Low
			case content.KindCorrupt, content.KindEncrypted, content.KindUnsupported:
				sev = finding.Medium
			}
			t.Counter.Add("problems_"+p.Kind, 1)
			unread = append(unread, notFullyRead(p.Path, p.Kind+": "+p.Detail, sev))
		}
	}
	return unread, nil
}

// notFullyRead is a finding about content the scanner could not read whole.
func notFullyRead(path, why string, sev finding.Severity) finding.Finding {
	return finding.Finding{Scanner: "secrets", RuleID: ruleNotFullyRead, Severity: sev, Title: "File not fully scanned for secrets",
		Message:  fmt.Sprintf("%s was not scanned whole: %s; a secret in the rest would not be found. Exclude the file explicitly in bulwark.yml if it holds none", path, why),
		Location: finding.Location{Path: path}, Identity: why}
}
