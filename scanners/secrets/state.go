package secrets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/bulwark-sec/bulwark/scanners"
)

// state records how far a nightly history scan got, so the next one reads
// only new commits. It lives in the cache directory, one file per repository.
type state struct {
	Root      string    `json:"root"`
	Head      string    `json:"head"`
	ScannedAt time.Time `json:"scanned_at"`
}

func statePath(cacheDir, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(cacheDir, "secrets", "history-"+hex.EncodeToString(sum[:8])+".json")
}

func loadState(cacheDir, root string) *state {
	if cacheDir == "" {
		return nil
	}
	b, err := os.ReadFile(statePath(cacheDir, root))
	if err != nil {
		return nil
	}
	var s state
	if json.Unmarshal(b, &s) != nil || s.Root != root || scanners.ValidSHA(s.Head) == "" {
		return nil
	}
	return &s
}

func saveState(cacheDir, root, head string) error {
	if cacheDir == "" {
		return nil
	}
	p := statePath(cacheDir, root)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("history state: %w", err)
	}
	b, _ := json.MarshalIndent(state{Root: root, Head: head, ScannedAt: time.Now().UTC()}, "", "  ")
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("history state: %w", err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return fmt.Errorf("history state: %w", err)
	}
	return nil
}

// isAncestor reports whether commit is an ancestor of HEAD; a rewritten
// history makes the recorded commit useless, and the scan starts over.
func isAncestor(ctx context.Context, root, commit string) bool {
	return gitCmd(ctx, root, "merge-base", "--is-ancestor", commit, "HEAD").Run() == nil
}
