package config

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/riskcheck/limits"
)

// validate checks meaning after a successful decode. Every problem is
// collected, so a user fixes the file in one pass.
func (c *Config) validate(root *yaml.Node) Errors {
	var errs Errors
	add := func(msg string, path ...string) {
		errs = append(errs, &Error{Line: lineOf(root, path...), Key: keyName(path), Msg: msg})
	}
	if c.Version != 1 {
		add(fmt.Sprintf("unsupported version %d (this Bulwark reads version 1)", c.Version), "version")
	}
	if c.Scanners.Timeout <= 0 {
		add("must be a positive duration such as 5m", "scanners", "timeout")
	}
	if c.Scanners.Jobs < 0 {
		add("must be 0 (one per CPU) or more", "scanners", "jobs")
	}
	for i := range c.Gates {
		g := &c.Gates[i]
		sev, err := finding.ParseSeverity(g.Level)
		if err != nil {
			add(err.Error(), "gates", strconv.Itoa(i), "severity")
		}
		g.Severity = sev
		if strings.TrimSpace(g.Scanner) == "" {
			add(`names no scanner; use "*" for all`, "gates", strconv.Itoa(i), "scanner")
		}
		if g.Max < 0 {
			add("must be 0 or more", "gates", strconv.Itoa(i), "max")
		}
	}
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		at := []string{"ignore", strconv.Itoa(i)}
		ig.Line = lineOf(root, at...)
		if strings.TrimSpace(ig.Reason) == "" {
			add("an ignore needs a reason", append(at, "reason")...)
		}
		if ig.Rule == "" && ig.Fingerprint == "" && ig.Path == "" && ig.Scanner == "" {
			add("an ignore must set rule, fingerprint, path or scanner", at...)
		}
		if ig.Expires != "" {
			t, err := time.Parse("2006-01-02", ig.Expires)
			if err != nil {
				add(fmt.Sprintf("%q is not a date (want YYYY-MM-DD)", ig.Expires), append(at, "expires")...)
			}
			ig.ExpiresAt = t
		}
	}
	for _, d := range []struct {
		key  string
		name string
		out  *finding.Severity
	}{{"default_severity", c.Deps.DefaultSeverity, &c.Deps.Default}, {"unpinned_severity", c.Deps.UnpinnedSeverity, &c.Deps.Unpinned}} {
		sev, err := finding.ParseSeverity(d.name)
		if err != nil {
			add(err.Error(), "deps", d.key)
		}
		*d.out = sev
	}
	switch c.Secrets.FailOn {
	case "any", "verified":
	default:
		add(fmt.Sprintf("%q is not one of any, verified", c.Secrets.FailOn), "secrets", "fail_on")
	}
	if c.Secrets.MaxFileSize <= 0 {
		add("must be a positive number of bytes", "secrets", "max_file_size")
	}
	errs = append(errs, c.validateRiskcheck(root)...)
	return errs
}

func (c *Config) validateRiskcheck(root *yaml.Node) Errors {
	var errs Errors
	add := func(msg string, path ...string) {
		path = append([]string{"riskcheck"}, path...)
		errs = append(errs, &Error{Line: lineOf(root, path...), Key: keyName(path), Msg: msg})
	}
	r := &c.Riskcheck
	if strings.TrimSpace(r.Environment) == "" {
		add("must name the environment (production, staging, development)", "environment")
	}
	if r.MaxFileSize <= 0 {
		add("must be a positive number of bytes", "max_file_size")
	}
	ids := make([]string, 0, len(r.Limits))
	for id := range r.Limits {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ov := r.Limits[id]
		ov.Line = lineOf(root, "riskcheck", "limits", id)
		l, ok := limits.ByID(id)
		if !ok {
			add(fmt.Sprintf("unknown limit (known: %s)", strings.Join(limits.IDs(), ", ")), "limits", id)
			continue
		}
		if l.Op == limits.Exists {
			add("this limit is checked for presence only and has no value to override", "limits", id)
			continue
		}
		v, err := limits.Parse(l, ov.Value, limits.NoHint)
		if err != nil {
			add(err.Error(), "limits", id, "value")
			continue
		}
		ov.Parsed = v
		ov.Looser = !l.Stricter(v, l.Default)
		if ov.Looser && strings.TrimSpace(ov.Reason) == "" {
			add(fmt.Sprintf("%s is looser than the documented %s; loosening a limit needs a reason",
				l.Format(v), l.Format(l.Default)), "limits", id, "reason")
		}
		r.Limits[id] = ov
	}
	return errs
}

// Effective is the limit to enforce: the override when set, else the documented value.
func (r *Riskcheck) Effective(l *limits.Limit) (value float64, override *Limit) {
	if ov, ok := r.Limits[l.ID]; ok {
		return ov.Parsed, &ov
	}
	return l.Default, nil
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

// lineOf finds the line of a key path in the user's document (0 if absent,
// for example when the value came from the defaults).
func lineOf(root *yaml.Node, path ...string) int {
	n := root
	if n == nil || n.Kind == 0 {
		return 0
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
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
