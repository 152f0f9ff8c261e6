package riskcheck

import (
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/riskcheck/envfile"
	"github.com/bulwark-sec/bulwark/riskcheck/keystore"
	"github.com/bulwark-sec/bulwark/riskcheck/logcfg"
	"github.com/bulwark-sec/bulwark/riskcheck/systemd"
	"github.com/bulwark-sec/bulwark/scanners"
)

// checkEnvFiles applies the .env rules. Templates (.env.example) are not env
// files: their permissions and placeholders are expected, and they are
// searched for private keys with every other config file.
func (r *run) checkEnvFiles(env []scanners.File) {
	for _, f := range env {
		if data, ok := r.read1(f); ok {
			r.out = append(r.out, envfile.Check(f.Path, data, r.mode(f), r.production)...)
		}
	}
}

// checkKeystores sniffs candidate files and checks the Ethereum V3 keystores.
func (r *run) checkKeystores(ctx context.Context, files []scanners.File) {
	var pass *string
	if name := r.opt.KeystorePassphraseEnv; name != "" && r.t.Getenv != nil {
		if v := r.t.Getenv(name); v != "" {
			pass = &v
		}
	}
	for _, f := range files {
		if ctx.Err() != nil {
			return
		}
		expected := keystore.Expected(f.Path)              // a UTC--… name, or a .json in keystore/
		data, err := r.t.Inventory.ReadFile(f.Path, 1<<20) // a keystore is < 1 KiB
		switch {
		case expected && errors.Is(err, scanners.ErrTooLarge):
			r.keystores++ // padding a key file must not hide it
			r.out = append(r.out, keystore.TooLarge(f.Path, r.mode(f))...)
			continue
		case expected && err != nil:
			r.read1(f) // reports it: unreadable, or a symlink out of the tree
			continue
		case err != nil || !expected && !keystore.Looks(data):
			continue
		}
		r.count(f.Path, data)
		r.keystores++
		r.out = append(r.out, keystore.Check(f.Path, data, r.mode(f), pass)...)
	}
}

// checkUnits checks each systemd service with its drop-ins in systemd's
// order (lexical by file name across the unit's .d directories).
func (r *run) checkUnits(units, dropins []scanners.File) {
	byUnit := map[string][]scanners.File{}
	for _, d := range dropins {
		unit := strings.TrimSuffix(path.Base(path.Dir(d.Path)), ".d")
		byUnit[unit] = append(byUnit[unit], d)
	}
	for _, u := range units {
		data, ok := r.read1(u)
		if !ok {
			continue
		}
		ds := byUnit[path.Base(u.Path)]
		sort.Slice(ds, func(i, j int) bool { return path.Base(ds[i].Path) < path.Base(ds[j].Path) })
		var in []systemd.DropIn
		for _, d := range ds {
			if b, ok := r.read1(d); ok {
				in = append(in, systemd.DropIn{Path: d.Path, Data: b})
			}
		}
		r.out = append(r.out, systemd.Check(u.Path, data, in)...)
	}
}

// checkLogging checks logging configs; files that turn out not to be one are
// not findings.
func (r *run) checkLogging(files []scanners.File) {
	for _, f := range files {
		data, err := r.t.Inventory.ReadFile(f.Path, r.opt.MaxFileSize)
		if err != nil {
			continue // reported by the other families when the file matters to them
		}
		fs, isLogging := logcfg.Check(f.Path, data)
		if !isLogging {
			continue
		}
		r.count(f.Path, data)
		r.loggingConfigs++
		r.out = append(r.out, fs...)
	}
}

// checkPlaintextKeys looks for private keys in every config-like file.
func (r *run) checkPlaintextKeys(files []scanners.File) {
	for _, f := range files {
		data, err := r.t.Inventory.ReadFile(f.Path, r.opt.MaxFileSize)
		if err != nil {
			continue
		}
		if keys := envfile.PlaintextKeys(f.Path, data); len(keys) > 0 {
			r.count(f.Path, data)
			r.out = append(r.out, keys...)
		}
	}
}

// passwordHashes checks a declared password hashing scheme in a structured
// config (the seed's auth uses unsalted SHA-256).
func (r *run) passwordHashes(settings []Setting) {
	for _, s := range settings {
		if !hashKey(s.Key) {
			continue
		}
		v, ok := s.Value.(string)
		if !ok {
			continue
		}
		if weak, why := envfile.WeakHashScheme(v); weak {
			r.add(finding.Finding{RuleID: "config.weak_password_hash", Severity: finding.High, Title: "Weak password hashing",
				Message:  fmt.Sprintf("%s = %s: %s; use bcrypt, scrypt or argon2id", s.Key, v, why),
				Location: finding.Location{Path: s.Path, StartLine: s.Line, EndLine: s.Line}, Identity: s.Key,
				Detail: map[string]any{"deployed": v, "limit": "bcrypt, scrypt or argon2id", "fix": "hash passwords with argon2id (or bcrypt/scrypt) and a per-password salt"}})
		}
	}
}

func hashKey(k string) bool {
	k = strings.ToLower(k)
	return strings.Contains(k, "password_hash") || strings.Contains(k, "passwordhash") || strings.Contains(k, "hash_algorithm") ||
		strings.Contains(k, "hasher") || k == "hashing" || k == "auth_hash"
}

// count records a file as read, once however many checks read it.
func (r *run) count(path string, data []byte) {
	if r.read[path] {
		return
	}
	r.read[path] = true
	r.t.Counter.Add("files", 1)
	r.t.Counter.Add("bytes", int64(len(data)))
}

// envSettings reads a dotenv file's assignments as settings, for the limit
// checks (MAX_LEVERAGE=3 in .env). A file that does not parse yields none;
// the env checks report it.
func envSettings(path string, data []byte) []Setting {
	f, err := envfile.Parse(data)
	if err != nil {
		return nil
	}
	out := make([]Setting, 0, len(f.Entries))
	for _, e := range f.Entries {
		out = append(out, Setting{Path: path, Line: e.Line, Key: e.Key, Value: e.Value})
	}
	return out
}

// declaredEnvironment is the environment an env file declares, if any.
func declaredEnvironment(data []byte) (string, bool) {
	f, err := envfile.Parse(data)
	if err != nil {
		return "", false
	}
	return envfile.Environment(f)
}
