package deps

import (
	"fmt"
	"strings"
)

// genPackageLock writes a package-lock.json of n packages in the given
// lockfileVersion (1: "dependencies" tree, 2: both, 3: "packages" only),
// shaped like npm's output: two-space indentation, scoped names, packages
// nested under node_modules/…/node_modules/, dev, optional and devOptional
// flags, git dependencies, and lodash 4.17.15 and minimist 1.2.5, which the
// test database knows to be vulnerable. Every name@version is unique, so
// osv-scalibr's extractor, which keeps a random one of equal packages' lines,
// is deterministic on it too.
func genPackageLock(n, version int) []byte {
	type pkg struct {
		path, name, version, resolved   string // path: "node_modules/a/node_modules/b"
		dev, optional, devOptional, git bool
		parent                          int // index of the package this one is nested in, or -1
	}
	pkgs := make([]pkg, 0, n)
	depth := make([]int, 0, n)
	for i := 0; len(pkgs) < n; i++ {
		p := pkg{name: fmt.Sprintf("pkg-%06d", i), version: fmt.Sprintf("%d.%d.%d", 1+i%7, i%13, i%5), parent: -1}
		switch {
		case i == 0:
			p.name, p.version = "lodash", "4.17.15"
		case i == 1:
			p.name, p.version = "minimist", "1.2.5"
		case i%97 == 0:
			p.name = fmt.Sprintf("@scope-%d/pkg-%06d", i%5, i)
		case i%11 == 0:
			// nested in an earlier package, at most three node_modules deep
			p.parent = i / 11 * 7919 % len(pkgs)
			if depth[p.parent] == 2 {
				p.parent = pkgs[p.parent].parent
			}
		}
		if i > 1 { // the two vulnerable ones are plain production dependencies
			p.dev, p.optional = i%3 == 0, i%17 == 0
			p.devOptional = p.dev && p.optional
			p.git = i%53 == 0
		}
		p.resolved = fmt.Sprintf("https://registry.npmjs.org/%s/-/%s-%s.tgz", p.name, p.name[strings.LastIndex(p.name, "/")+1:], p.version)
		if p.git {
			p.resolved = fmt.Sprintf("git+ssh://git@github.com/example/%s.git#%040x", p.name[strings.LastIndex(p.name, "/")+1:], i)
		}
		p.path = "node_modules/" + p.name
		d := 0
		if p.parent >= 0 {
			p.path, d = pkgs[p.parent].path+"/"+p.path, depth[p.parent]+1
		}
		pkgs, depth = append(pkgs, p), append(depth, d)
	}
	children := map[int][]int{}
	for i, p := range pkgs {
		children[p.parent] = append(children[p.parent], i)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "{\n  \"name\": \"generated\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": %d,\n  \"requires\": true", version)
	flags := func(ind string, p pkg, v3 bool) {
		switch {
		case p.devOptional && v3:
			fmt.Fprintf(&b, ",\n%s\"devOptional\": true", ind)
		case p.devOptional:
			fmt.Fprintf(&b, ",\n%s\"dev\": true,\n%s\"optional\": true", ind, ind)
		case p.dev:
			fmt.Fprintf(&b, ",\n%s\"dev\": true", ind)
		case p.optional:
			fmt.Fprintf(&b, ",\n%s\"optional\": true", ind)
		}
	}
	if version >= 2 {
		b.WriteString(",\n  \"packages\": {\n    \"\": {\n      \"name\": \"generated\",\n      \"version\": \"1.0.0\"\n    }")
		for i, p := range pkgs {
			fmt.Fprintf(&b, ",\n    %q: {\n      \"version\": %q,\n      \"resolved\": %q,\n      \"integrity\": \"sha512-%088d\"", p.path, p.version, p.resolved, i)
			flags("      ", p, true)
			if i+1 < len(pkgs) {
				fmt.Fprintf(&b, ",\n      \"dependencies\": {\n        %q: \"^%s\"\n      }", pkgs[i+1].name, pkgs[i+1].version)
			}
			b.WriteString("\n    }")
		}
		b.WriteString("\n  }")
	}
	if version <= 2 {
		var deps func(parent int, ind string)
		deps = func(parent int, ind string) {
			for k, i := range children[parent] {
				p := pkgs[i]
				if k > 0 {
					b.WriteString(",")
				}
				v := p.version
				if p.git {
					v = p.resolved
				}
				fmt.Fprintf(&b, "\n%s%q: {\n%s  \"version\": %q,\n%s  \"resolved\": %q,\n%s  \"integrity\": \"sha512-%088d\"",
					ind, p.name, ind, v, ind, p.resolved, ind, i)
				flags(ind+"  ", p, false)
				if i+1 < len(pkgs) {
					fmt.Fprintf(&b, ",\n%s  \"requires\": {\n%s    %q: \"^%s\"\n%s  }", ind, ind, pkgs[i+1].name, pkgs[i+1].version, ind)
				}
				if len(children[i]) > 0 {
					fmt.Fprintf(&b, ",\n%s  \"dependencies\": {", ind)
					deps(i, ind+"    ")
					fmt.Fprintf(&b, "\n%s  }", ind)
				}
				fmt.Fprintf(&b, "\n%s}", ind)
			}
		}
		b.WriteString(",\n  \"dependencies\": {")
		deps(-1, "    ")
		b.WriteString("\n  }")
	}
	b.WriteString("\n}\n")
	return []byte(b.String())
}
