package deps

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// logRecorder is the slog handler osv-scanner logs into. Info messages are
// dropped; error messages are kept, because osv-scanner reports a malformed
// lockfile or a missing database only there, with a nil error.
type logRecorder struct {
	mu   sync.Mutex
	errs []string
}

func (r *logRecorder) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (r *logRecorder) Handle(_ context.Context, rec slog.Record) error {
	if rec.Level >= slog.LevelError {
		r.mu.Lock()
		r.errs = append(r.errs, rec.Message)
		r.mu.Unlock()
	}
	return nil
}
func (r *logRecorder) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *logRecorder) WithGroup(string) slog.Handler      { return r }

// extractionRe matches "Error during extraction: (extracting as X) path: message".
var extractionRe = regexp.MustCompile(`^Error during extraction: \(extracting as ([^)]+)\) (.*?): (.*)$`)

// errors turns recorded messages into errors naming the file, relative to
// root; a file that is not in the inventory (excluded, ignored) is dropped.
func (r *logRecorder) errors(root string, inInventory func(rel string) bool) []error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []error
	for _, m := range r.errs {
		if strings.Contains(m, "could not load db") || strings.Contains(m, "no offline version of the OSV database") {
			continue // an ecosystem without a zip: reported by the database check, with the path to fix
		}
		if sm := extractionRe.FindStringSubmatch(m); sm != nil {
			rel := relPath(root, "/"+strings.TrimPrefix(sm[2], "/"))
			if !inInventory(rel) {
				continue
			}
			out = append(out, fmt.Errorf("%s: cannot parse as %s: %s", rel, sm[1], sm[3]))
			continue
		}
		out = append(out, errors.New(m))
	}
	return out
}

// relPath makes an absolute path relative to root, slash-separated.
func relPath(root, p string) string {
	if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}
