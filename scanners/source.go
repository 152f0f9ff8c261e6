package scanners

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners/gitsrc"
)

// Mode is what the source view reads.
type Mode int

// The modes of a source view.
const (
	// ModeTree is the working tree: tracked and untracked files, .gitignore
	// honoured only for untracked ones.
	ModeTree Mode = iota
	// ModeStaged is the index: the blobs staged for the next commit, never
	// the working copy (pre-commit).
	ModeStaged
	// ModeHistory is the working tree plus every commit reachable from HEAD
	// (nightly): scanners that read history read the commits, the others the tree.
	ModeHistory
)

func (m Mode) String() string {
	switch m {
	case ModeStaged:
		return "staged"
	case ModeHistory:
		return "history"
	}
	return "tree"
}

// Source is the view every scanner reads through: its mode, the inventory it
// was built with, and in history mode the commits to read.
type Source struct {
	Mode Mode
	Repo gitsrc.Repo
	// Since is the commit history starts after ("" for all of it); Resumed
	// says it came from the last passing --resume run.
	Since   string
	Resumed bool
	// Head is HEAD when the view was opened (history mode).
	Head string
	// Deleted counts staged deletions (staged mode).
	Deleted int

	inv      *Inventory
	excludes []string

	mu    sync.Mutex
	lines map[string][]string
}

// History reads the lines each commit added (see gitsrc.Repo.Log), with the
// config's excludes as pathspecs so excluded paths are never read.
func (s *Source) History(ctx context.Context, maxSize int64, c gitsrc.Counter, out func(gitsrc.Change) error) error {
	if s.Mode != ModeHistory {
		return fmt.Errorf("history requested from a %s view", s.Mode)
	}
	_, err := s.Repo.Log(ctx, gitsrc.LogOptions{Since: s.Since, Excludes: s.excludes, MaxSize: maxSize}, c, out)
	return err
}

// maxLinesFile bounds a file read for its lines (inline suppressions).
const maxLinesFile = 16 << 20

// Lines returns the lines of the content a finding came from: the blob at its
// commit for a history finding, the staged blob in staged mode, else the
// working-tree file. Nil when it cannot be read. Each is read once.
func (s *Source) Lines(ctx context.Context, loc finding.Location) []string {
	if loc.Path == "" {
		return nil
	}
	key := loc.Commit + ":" + loc.Path
	s.mu.Lock()
	defer s.mu.Unlock()
	if l, ok := s.lines[key]; ok {
		return l
	}
	var data []byte
	var err error
	if loc.Commit != "" {
		data, err = s.Repo.Show(ctx, loc.Commit, loc.Path, maxLinesFile)
	} else {
		data, err = s.inv.ReadFile(loc.Path, maxLinesFile)
	}
	var lines []string
	if err == nil {
		lines = strings.Split(string(data), "\n")
	}
	if s.lines == nil {
		s.lines = map[string][]string{}
	}
	s.lines[key] = lines
	return lines
}
