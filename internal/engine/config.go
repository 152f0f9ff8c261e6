package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/pipeline"
	"github.com/bulwark-sec/bulwark/internal/safefile"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners/registry"
)

// LoadConfig reads --config, else ROOT/bulwark.yml when present, else the
// defaults. An in-tree bulwark.yml that is a symlink is followed only when
// its target stays in the tree; the file is read only when it is regular.
func LoadConfig(req Request, root string) (*config.Config, error) {
	opt := registry.ConfigOptions(req.Entries)
	opt.Now, opt.MaxIgnoreDays = req.Now(), req.MaxIgnoreDays
	file := req.ConfigFile
	if file == "" {
		p := filepath.Join(root, "bulwark.yml")
		st, err := os.Lstat(p)
		switch {
		case err != nil:
			return config.Default(opt), nil
		case st.Mode()&os.ModeSymlink != 0:
			target, err := filepath.EvalSymlinks(p)
			if err != nil || !inside(root, target) {
				return nil, fail("invalid config:\n%s: a symlink that points outside the scanned tree; Bulwark does not read it (commit the file itself)", filepath.Join(req.Target, "bulwark.yml"))
			}
			file = target
		default:
			file = filepath.Join(req.Target, "bulwark.yml")
		}
	}
	if abs, err := filepath.Abs(file); err == nil {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		opt.InTree = inside(root, abs)
	}
	cfg, err := config.Load(file, opt)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("invalid config:\n%w", err)}
	}
	return cfg, nil
}

func inside(root, p string) bool {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// baselineFile is the baseline format: the identity of each recorded finding.
// A full bulwark.json report is accepted as a baseline too.
type baselineFile struct {
	SchemaVersion int `json:"schema_version"`
	Findings      []struct {
		Fingerprint string `json:"fingerprint"`
	} `json:"findings"`
}

// LoadBaseline reads a baseline file ("" for none).
func LoadBaseline(path string) (*pipeline.Baseline, error) {
	if path == "" {
		return nil, nil
	}
	f, _, err := safefile.Open(path)
	if err != nil {
		return nil, fail("--baseline %s: %v", path, unwrapPath(err))
	}
	defer func() { _ = f.Close() }()
	var b baselineFile
	if err := json.NewDecoder(io.LimitReader(f, reports.MaxJSONSize)).Decode(&b); err != nil {
		return nil, fail("--baseline %s: not a Bulwark baseline or report: %v", path, err)
	}
	counts := map[string]int{}
	for _, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, fail("--baseline %s: an entry has no fingerprint", path)
		}
		counts[e.Fingerprint]++
	}
	return &pipeline.Baseline{Counts: counts}, nil
}
