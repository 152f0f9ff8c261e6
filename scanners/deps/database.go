package deps

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// database is an offline OSV database in the osv.dev export layout,
// DIR/<Ecosystem>/all.zip, bridged to the layout osv-scanner's local matcher
// reads (<LocalDBPath>/osv-scalibr/<Ecosystem>/all.zip) by symlinks in the
// cache directory, so nothing is ever written into the user's database.
type database struct {
	dir        string
	bridge     string
	ecosystems map[string]bool
}

func openDatabase(dir, cacheDir string) (*database, error) {
	if dir == "" {
		return nil, errors.New("no OSV database: pass --offline-db DIR, set BULWARK_OSV_DB, or run `bulwark db update`")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return nil, fmt.Errorf("OSV database %s: %w (run `bulwark db update` or pass --offline-db)", dir, err)
	}
	if cacheDir == "" {
		return nil, errors.New("no cache directory for the OSV database bridge")
	}
	sum := sha256.Sum256([]byte(abs))
	db := &database{dir: abs, bridge: filepath.Join(cacheDir, "osv-bridge", hex.EncodeToString(sum[:6])), ecosystems: map[string]bool{}}
	for _, e := range entries {
		zip := filepath.Join(abs, e.Name(), "all.zip")
		if st, err := os.Stat(zip); err != nil || !st.Mode().IsRegular() {
			continue
		}
		link := filepath.Join(db.bridge, "osv-scalibr", e.Name(), "all.zip")
		if err := ensureSymlink(zip, link); err != nil {
			return nil, fmt.Errorf("OSV database bridge: %w", err)
		}
		db.ecosystems[e.Name()] = true
	}
	if len(db.ecosystems) == 0 {
		return nil, fmt.Errorf("OSV database %s holds no <Ecosystem>/all.zip (run `bulwark db update`)", dir)
	}
	return db, nil
}

func ensureSymlink(target, link string) error {
	if cur, err := os.Readlink(link); err == nil && cur == target {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(link), 0o700); err != nil {
		return err
	}
	_ = os.Remove(link) // a stale link from a moved database
	return os.Symlink(target, link)
}

// missing reports ecosystems that have packages in the tree but no database:
// their packages were matched against nothing, so the scan cannot pass.
func (db *database) missing(found map[string]bool) []error {
	var names []string
	for eco := range found {
		if !db.ecosystems[eco] {
			names = append(names, eco)
		}
	}
	sort.Strings(names)
	var errs []error
	for _, eco := range names {
		errs = append(errs, fmt.Errorf("%s packages found but %s has no %s/all.zip; their vulnerabilities were not checked (run `bulwark db update --ecosystems %s`)",
			eco, db.dir, eco, eco))
	}
	return errs
}

// emptyOSVConfig returns an empty osv-scanner.toml used as the override for
// every directory, so a stray osv-scanner.toml cannot ignore advisories
// behind Bulwark's back: suppressions belong in bulwark.yml, with a reason.
func emptyOSVConfig(cacheDir string) (string, error) {
	if cacheDir == "" {
		return "", errors.New("no cache directory")
	}
	p := filepath.Join(cacheDir, "osv-scanner-empty.toml")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	if err := os.MkdirAll(cacheDir, 0o700); err != nil {
		return "", err
	}
	return p, os.WriteFile(p, []byte("# written by bulwark: no osv-scanner ignores\n"), 0o600)
}

// ecosystemBase strips a release suffix: "Debian:12" → "Debian".
func ecosystemBase(e string) string {
	base, _, _ := strings.Cut(e, ":")
	return base
}
