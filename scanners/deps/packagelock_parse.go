package deps

// The lockfile model and the rules for names, versions, commits and
// dependency groups follow osv-scalibr's packagelockjson extractor and its
// internal dependencyfile/packagelockjson and commitextractor packages
// (Apache License 2.0, Copyright 2026 Google LLC), which cannot be imported.
// What differs: line numbers come from indexLockLines, nested v1 trees are
// walked once instead of merged level by level, equal packages keep the
// first one's line instead of a random one's, and an alias version without
// "@" no longer panics.

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

type lockFile struct {
	Version      int                       `json:"lockfileVersion"`
	Dependencies map[string]lockDependency `json:"dependencies,omitempty"` // v1 (and v2, unread)
	Packages     map[string]lockPackageV2  `json:"packages,omitempty"`     // v2, v3
}

// lockDependency and lockPackageV2 decode every field osv-scalibr's types do,
// with the same types, so that the same files fail to decode.
type lockDependency struct {
	Version      string                    `json:"version"` // "npm:name@version" for an alias
	Resolved     string                    `json:"resolved"`
	Dev          bool                      `json:"dev,omitempty"`
	Optional     bool                      `json:"optional,omitempty"`
	Requires     map[string]string         `json:"requires,omitempty"`
	Dependencies map[string]lockDependency `json:"dependencies,omitempty"`
}

type lockPackageV2 struct {
	Name                 string            `json:"name,omitempty"` // the real name of an alias
	Version              string            `json:"version"`
	Resolved             string            `json:"resolved"`
	Link                 bool              `json:"link,omitempty"`
	Dev                  bool              `json:"dev,omitempty"`
	DevOptional          bool              `json:"devOptional,omitempty"`
	Optional             bool              `json:"optional,omitempty"`
	InBundle             bool              `json:"inBundle,omitempty"`
	Dependencies         map[string]string `json:"dependencies,omitempty"`
	DevDependencies      map[string]string `json:"devDependencies,omitempty"`
	OptionalDependencies map[string]string `json:"optionalDependencies,omitempty"`
	PeerDependencies     map[string]string `json:"peerDependencies,omitempty"`
	PeerDependenciesMeta map[string]struct {
		Optional bool `json:"optional,omitempty"`
	} `json:"peerDependenciesMeta,omitempty"`
}

func (d lockDependency) groups() []string {
	switch {
	case d.Dev && d.Optional:
		return []string{"dev", "optional"}
	case d.Dev:
		return []string{"dev"}
	case d.Optional:
		return []string{"optional"}
	}
	return nil
}

func (p lockPackageV2) groups() []string {
	var g []string
	if p.InBundle {
		g = []string{"bundled"}
	}
	if p.DevOptional {
		return append(g, "dev", "optional")
	}
	if p.Dev {
		g = append(g, "dev")
	}
	if p.Optional {
		g = append(g, "optional")
	}
	return g
}

// lockPackage is one package as the extractor reports it.
type lockPackage struct {
	name, version, commit string
	groups                []string // never nil
	line, offset          int      // offset of its value, -1 (line 0) when not found
}

// parsePackageLock returns a lockfile's packages, one per name and version
// (or commit), ordered by where they appear.
func parsePackageLock(data []byte) ([]lockPackage, error) {
	var lf *lockFile
	if err := json.Unmarshal(data, &lf); err != nil {
		return nil, fmt.Errorf("could not extract: %w", err)
	}
	if lf == nil {
		return nil, errors.New("could not extract: decoded null JSON value")
	}
	set := lockSet{}
	if lf.Packages != nil {
		set.packages(lf.Packages, indexLockLines(data, "packages").kid("packages"))
	} else {
		set.dependencies(lf.Dependencies, indexLockLines(data, "dependencies").kid("dependencies"))
	}
	out := make([]lockPackage, 0, len(set))
	for _, p := range set {
		if p.groups == nil {
			p.groups = []string{}
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b lockPackage) int {
		return cmp.Or(cmp.Compare(a.offset, b.offset), strings.Compare(a.name, b.name),
			strings.Compare(a.version, b.version), strings.Compare(a.commit, b.commit))
	})
	return out, nil
}

// lockSet holds packages by name@version, or name@commit for a git one.
type lockSet map[string]lockPackage

// add merges a package seen again (npm installs one at several places): it
// is a production dependency if any copy is, and it keeps the line of the
// copy found first in the file.
func (s lockSet) add(key string, p lockPackage) {
	old, ok := s[key]
	if !ok {
		s[key] = p
		return
	}
	groups := mergeGroups(old.groups, p.groups)
	if earlier(old, p) {
		p = old
	}
	p.groups = groups
	s[key] = p
}

func earlier(a, b lockPackage) bool {
	if (a.offset < 0) != (b.offset < 0) {
		return a.offset >= 0
	}
	return cmp.Or(cmp.Compare(a.offset, b.offset), strings.Compare(a.version, b.version)) <= 0
}

func mergeGroups(a, b []string) []string {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	return slices.Compact(slices.Sorted(slices.Values(slices.Concat(a, b))))
}

// packages reads v2/v3 "packages", keyed by install path.
func (s lockSet) packages(pkgs map[string]lockPackageV2, lines *lineNode) {
	for at, p := range pkgs {
		if at == "" { // the project itself
			continue
		}
		name := p.Name
		if name == "" {
			name = npmPackageName(at)
		}
		commit := tryExtractCommit(p.Resolved)
		key := p.Version
		if commit != "" {
			key = commit
		}
		line, off := lines.kid(at).position()
		s.add(name+"@"+key, lockPackage{name: name, version: p.Version, commit: commit, groups: p.groups(), line: line, offset: off})
	}
}

// dependencies reads a v1 "dependencies" tree, keyed by name, nested where
// npm nests node_modules.
func (s lockSet) dependencies(deps map[string]lockDependency, lines *lineNode) {
	for name, d := range deps {
		node := lines.kid(name)
		if d.Dependencies != nil {
			s.dependencies(d.Dependencies, node.kid("dependencies"))
		}
		key, version, commit := d.Version, d.Version, ""
		if alias, ok := strings.CutPrefix(d.Version, "npm:"); ok { // npm:string-width@^4.2.0
			name, version = alias, ""
			if i := strings.LastIndex(alias, "@"); i >= 0 {
				name, version = alias[:i], alias[i+1:]
			}
		}
		if strings.HasPrefix(d.Version, "file:") {
			version = "" // a local directory has no version to look up
		} else if commit = tryExtractCommit(d.Version); commit != "" {
			key, version = commit, "" // the same commit is the same package
		}
		line, off := node.position()
		s.add(name+"@"+key, lockPackage{name: name, version: version, commit: commit, groups: d.groups(), line: line, offset: off})
	}
}

// npmPackageName is the package name at an install path:
// node_modules/a/node_modules/@s/b → @s/b.
func npmPackageName(at string) string {
	name := path.Base(at)
	if scope := path.Base(path.Dir(at)); strings.HasPrefix(scope, "@") {
		return scope + "/" + name
	}
	return name
}

var commitPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?:^|.+@)(?:git(?:\+(?:ssh|https))?|ssh)://.+#(\w+)$`), // git+ssh://…#sha, git://, git+https://, ssh://
	regexp.MustCompile(`(?:^|.+@)https://.+\.git#(\w+)$`),
	regexp.MustCompile(`https://codeload\.github\.com(?:/[\w-.]+){2}/tar\.gz/(\w+)$`),
	regexp.MustCompile(`.+#commit[:=](\w+)$`),
	regexp.MustCompile(`^(?:github|gitlab|bitbucket):.+#(\w+)$`),
}

// tryExtractCommit returns the commit a git dependency is pinned to, or "".
func tryExtractCommit(resolution string) string {
	// Every pattern needs a '#' or github.com, and a URL's host must be one of
	// three (or %-escaped): a registry tarball skips the regexps, which took
	// a third of the extraction.
	if !strings.ContainsAny(resolution, "#%") && !strings.Contains(resolution, "github.com") &&
		!strings.Contains(resolution, "gitlab.com") && !strings.Contains(resolution, "bitbucket.org") {
		return ""
	}
	for _, re := range commitPatterns {
		if m := re.FindStringSubmatch(resolution); m != nil {
			return m[1]
		}
	}
	u, err := url.Parse(resolution)
	if err != nil || (u.Host != "bitbucket.org" && u.Host != "github.com" && u.Host != "gitlab.com") {
		return ""
	}
	if u.RawQuery == "" {
		return u.Fragment
	}
	return u.Query().Get("ref")
}
