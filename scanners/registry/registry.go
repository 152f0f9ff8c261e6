// Package registry is the one list of every scanner Bulwark runs. Adding a
// scanner is one line here; only the CLI imports this package, so each
// adapter's heavy library is linked into the binary and nowhere else.
package registry

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/riskcheck"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/deps"
	"github.com/bulwark-sec/bulwark/scanners/secrets"
)

// All returns every scanner, in report order.
func All() []scanners.Scanner {
	return []scanners.Scanner{
		deps.Scanner{},
		riskcheck.Scanner{},
		secrets.Scanner{},
	}
}

// Names lists every scanner name, sorted.
func Names() []string {
	var names []string
	for _, s := range All() {
		names = append(names, s.Name())
	}
	sort.Strings(names)
	return names
}

// Select applies --only and --skip. Unknown names are an error, so a typo
// never silently disables a scanner.
func Select(only, skip []string) ([]scanners.Scanner, error) { return SelectFrom(All(), only, skip) }

// SelectFrom applies --only and --skip to a given list.
func SelectFrom(all []scanners.Scanner, only, skip []string) ([]scanners.Scanner, error) {
	known := map[string]bool{}
	var names []string
	for _, s := range all {
		known[s.Name()] = true
		names = append(names, s.Name())
	}
	sort.Strings(names)
	for _, n := range append(append([]string{}, only...), skip...) {
		if !known[n] {
			return nil, fmt.Errorf("unknown scanner %q (available: %s)", n, strings.Join(names, ", "))
		}
	}
	in := func(list []string, n string) bool {
		for _, x := range list {
			if x == n {
				return true
			}
		}
		return false
	}
	var out []scanners.Scanner
	for _, s := range all {
		if (len(only) > 0 && !in(only, s.Name())) || in(skip, s.Name()) {
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--only/--skip leave no scanner to run")
	}
	return out, nil
}
