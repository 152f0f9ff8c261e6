package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/bulwark-sec/bulwark/internal/safefile"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/gitsrc"
)

// historyStart is where --history starts: --since-commit, or with --resume
// the HEAD of the last passing resumed run (when it is still an ancestor:
// a rewritten history starts over).
func historyStart(ctx context.Context, req Request, root string) (since string, resumed bool, err error) {
	if req.Mode != scanners.ModeHistory {
		if req.SinceCommit != "" || req.Resume {
			return "", false, fail("--since-commit and --resume only apply with --history")
		}
		return "", false, nil
	}
	if req.SinceCommit != "" && req.Resume {
		return "", false, fail("--since-commit and --resume both choose where history starts: choose one")
	}
	if req.SinceCommit != "" {
		return req.SinceCommit, false, nil
	}
	if !req.Resume {
		return "", false, nil
	}
	st := loadState(req.CacheDir, root)
	if st == nil || !(gitsrc.Repo{Root: root}).IsAncestor(ctx, st.Head) {
		return "", false, nil
	}
	return st.Head, true, nil
}

// state records how far a passing nightly history scan got, so the next one
// reads only new commits. It lives in the cache directory, one file per
// repository.
type state struct {
	Root      string    `json:"root"`
	Head      string    `json:"head"`
	ScannedAt time.Time `json:"scanned_at"`
}

func statePath(cacheDir, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(cacheDir, "history", hex.EncodeToString(sum[:8])+".json")
}

func loadState(cacheDir, root string) *state {
	if cacheDir == "" {
		return nil
	}
	b, err := safefile.Read(statePath(cacheDir, root), 1<<20)
	if err != nil {
		return nil
	}
	var s state
	if json.Unmarshal(b, &s) != nil || s.Root != root || gitsrc.ValidSHA(s.Head) == "" {
		return nil
	}
	return &s
}

func saveState(cacheDir, root, head string, now time.Time) error {
	if cacheDir == "" {
		return nil
	}
	p := statePath(cacheDir, root)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return fmt.Errorf("history state: %w", err)
	}
	b, _ := json.MarshalIndent(state{Root: root, Head: head, ScannedAt: now.UTC()}, "", "  ")
	return safefile.WriteAtomic(p, append(b, '\n'), 0o600)
}
