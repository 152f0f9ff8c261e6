package config

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// validate checks meaning after a successful decode. Every problem is
// collected, so a user fixes the file in one pass. Everything a repository
// could use to weaken the gate fails closed: an unknown scanner name, an
// empty gate list, an ignore that names no rule, an expiry past the cap.
func (c *Config) validate(opt Options) Errors {
	var errs Errors
	add := func(msg string, path ...string) {
		errs = append(errs, &Error{Line: c.Line(path...), Key: keyName(path), Msg: msg})
	}
	known := strings.Join(opt.Scanners, ", ")
	if c.Version != 1 {
		add(fmt.Sprintf("unsupported version %d (this Bulwark reads version 1)", c.Version), "version")
	}
	if c.Scanners.Timeout <= 0 {
		add("must be a positive duration such as 5m", "scanners", "timeout")
	}
	if c.Scanners.Jobs < 0 {
		add("must be 0 (one per CPU) or more", "scanners", "jobs")
	}
	for _, list := range []struct {
		key   string
		names []string
		line  *int
	}{{"only", c.Scanners.Only, &c.Scanners.OnlyLine}, {"skip", c.Scanners.Skip, &c.Scanners.SkipLine}} {
		if c.set("scanners", list.key) {
			*list.line = c.Line("scanners", list.key)
		}
		for i, n := range list.names {
			if !contains(opt.Scanners, n) || n == "bulwark" {
				add(fmt.Sprintf("unknown scanner %q (known: %s)", n, known), "scanners", list.key, strconv.Itoa(i))
			}
		}
	}
	if len(c.Gates) == 0 {
		add("an empty gate list would pass every finding; keep at least one gate (the default fails on any high finding)", "gates")
	}
	for i := range c.Gates {
		g := &c.Gates[i]
		at := []string{"gates", strconv.Itoa(i)}
		g.Line = c.Line(at...)
		sev, err := finding.ParseSeverity(g.Level)
		if err != nil {
			add(err.Error(), append(at, "severity")...)
		}
		g.Severity = sev
		switch {
		case strings.TrimSpace(g.Scanner) == "":
			add(`names no scanner; use "*" for all`, append(at, "scanner")...)
		case !matchesAny(g.Scanner, opt.Scanners):
			add(fmt.Sprintf("%q matches no scanner, so this gate would count nothing (known: %s)", g.Scanner, known), append(at, "scanner")...)
		}
		if g.Max < 0 {
			add("must be 0 or more", append(at, "max")...)
		}
	}
	maxDays := opt.MaxIgnoreDays
	if maxDays <= 0 {
		maxDays = DefaultMaxIgnoreDays
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	latest := now.UTC().Truncate(24*time.Hour).AddDate(0, 0, maxDays)
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		at := []string{"ignore", strconv.Itoa(i)}
		ig.Line = c.Line(at...)
		if strings.TrimSpace(ig.Reason) == "" {
			add("an ignore needs a reason", append(at, "reason")...)
		}
		switch {
		case ig.Rule == "" && ig.Fingerprint == "":
			add("an ignore must name a rule, a rule family (risk.*) or a fingerprint; scanner and path only narrow it", at...)
		case ig.Rule != "":
			if err := finding.CheckRulePattern(ig.Rule); err != nil {
				add(err.Error(), append(at, "rule")...)
			}
		}
		if ig.Scanner != "" && !matchesAny(ig.Scanner, opt.Scanners) {
			add(fmt.Sprintf("unknown scanner %q (known: %s)", ig.Scanner, known), append(at, "scanner")...)
		}
		switch {
		case ig.Expires == "":
			add(fmt.Sprintf("an ignore needs an expiry (YYYY-MM-DD, at most %d days ahead)", maxDays), append(at, "expires")...)
		default:
			t, err := time.Parse("2006-01-02", ig.Expires)
			switch {
			case err != nil:
				add(fmt.Sprintf("%q is not a date (want YYYY-MM-DD)", ig.Expires), append(at, "expires")...)
			case t.After(latest):
				add(fmt.Sprintf("%s is more than %d days ahead; renew the ignore when it expires instead (the cap is the runner's --max-ignore-days, not the repository's)",
					ig.Expires, maxDays), append(at, "expires")...)
			}
			ig.ExpiresAt = t
		}
	}
	return errs
}

func matchesAny(pattern string, names []string) bool {
	for _, n := range names {
		if finding.Glob(pattern, n) {
			return true
		}
	}
	return false
}

// set reports whether the user's file sets a key path.
func (c *Config) set(path ...string) bool { return find(c.root, path...) != nil }

// Line finds the line of a key path in the user's document (0 if absent,
// for example when the value came from the defaults).
func (c *Config) Line(path ...string) int { return lineOf(c.root, path...) }

// Section is one scanner's part of the file, for its adapter to decode and
// validate.
type Section struct {
	Name   string
	File   string
	InTree bool // the file is inside the scanned tree: network switches are refused
	node   *yaml.Node
	cfg    *Config
}

// Section returns a scanner's section (empty when the file does not set it).
func (c *Config) Section(name string) Section {
	return Section{Name: name, File: c.File, InTree: c.InTree, node: c.sections[name], cfg: c}
}

// IsSet reports whether the file sets the section, or one key in it.
func (s Section) IsSet(key ...string) bool {
	if len(key) == 0 {
		return s.node != nil
	}
	return findIn(s.node, key...) != nil
}

// Decode decodes the section over into (which holds the scanner's defaults)
// strictly: an unknown key at any depth is an error with its line.
func (s Section) Decode(into any) Errors {
	if s.node == nil {
		return nil
	}
	errs := strictKeys(s.node, reflect.TypeOf(into), []string{s.Name})
	if err := s.node.Decode(into); err != nil {
		errs = append(errs, yamlErrors(s.File, err)...)
	}
	for _, e := range errs {
		e.File = fileName(s.File)
	}
	return errs
}

// Line is the line of a key path inside the section (0 when not set).
func (s Section) Line(key ...string) int {
	return s.cfg.Line(append([]string{s.Name}, key...)...)
}

// Error is a validation problem at a key path of the section.
func (s Section) Error(msg string, key ...string) *Error {
	return &Error{File: fileName(s.File), Line: s.Line(key...), Key: keyName(append([]string{s.Name}, key...)), Msg: msg}
}

func keyName(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func docNode(root *yaml.Node) *yaml.Node {
	if root == nil || root.Kind == 0 {
		return nil
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		return root.Content[0]
	}
	return root
}

func find(root *yaml.Node, path ...string) *yaml.Node { return findIn(docNode(root), path...) }

func findIn(n *yaml.Node, path ...string) *yaml.Node {
	for _, p := range path {
		if n == nil {
			return nil
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					next = n.Content[i+1]
					break
				}
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return n
}

// lineOf finds the line of a key path: the key's own line, or the nearest
// enclosing key's when the path goes further than the document.
func lineOf(root *yaml.Node, path ...string) int {
	n := docNode(root)
	if n == nil {
		return 0
	}
	line := n.Line
	for _, p := range path {
		switch n.Kind {
		case yaml.MappingNode:
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					line, n, found = n.Content[i].Line, n.Content[i+1], true
					break
				}
			}
			if !found {
				return line
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(n.Content) {
				return line
			}
			n = n.Content[i]
			line = n.Line
		default:
			return line
		}
	}
	return line
}

func sortStrings(s []string) { sort.Strings(s) }
