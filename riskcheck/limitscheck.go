package riskcheck

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/redact"
	"github.com/bulwark-sec/bulwark/riskcheck/limits"
)

// source is one file's settings, and whether it is a dedicated risk config
// (where generic aliases such as "leverage" count and unknown keys are noted).
type source struct {
	path     string
	strict   bool
	settings []Setting
}

// limitChecker compares deployed settings with the effective limits.
type limitChecker struct {
	opt        *Options
	production bool
	seen       map[string]bool // limit IDs found anywhere
	out        []finding.Finding
}

// check evaluates every setting of one source. It reports whether the source
// defines any documented limit at all.
func (c *limitChecker) check(src source) bool {
	defines := false
	for _, s := range src.settings {
		l, hint, ok := limits.Match(s.Parent, s.Key, src.strict)
		if !ok {
			if src.strict && limits.RiskLooking(s.Key) {
				c.add(s, "risk.unknown_key", finding.Info, "Unrecognised risk setting",
					fmt.Sprintf("%s looks like a risk limit but is not one Bulwark knows; if it is, name it with a documented alias so it is checked (see the README's limit table)", s.Key),
					map[string]any{"key": s.Key, "deployed": fmt.Sprint(s.Value), "limit": "a documented limit name", "fix": "rename it to a documented alias, or ignore it in bulwark.yml"}, s.Key)
			}
			continue
		}
		defines = true
		c.seen[l.ID] = true
		c.evaluate(l, hint, s)
	}
	return defines
}

// defines counts the distinct documented limits that literal settings set.
func (c *limitChecker) defines(settings []Setting) int {
	ids := map[string]bool{}
	for _, s := range settings {
		if s.Code {
			continue
		}
		if l, _, ok := limits.Match(s.Parent, s.Key, false); ok {
			ids[l.ID] = true
		}
	}
	return len(ids)
}

// literalOnly drops the computed values: outside a risk configuration a
// variable named like a limit is a metric or a parameter, not a limit.
func literalOnly(settings []Setting) []Setting {
	var out []Setting
	for _, s := range settings {
		if !s.Code {
			out = append(out, s)
		}
	}
	return out
}

func (c *limitChecker) evaluate(l *limits.Limit, hint limits.Hint, s Setting) {
	limit, override := c.opt.Effective(l)
	detail := func(deployed string) map[string]any {
		d := map[string]any{"limit_id": l.ID, "key": s.Key, "deployed": deployed, "fix": l.Fix, "seed_section": l.Seed}
		if l.Op != limits.Exists {
			d["limit"] = l.Format(limit)
			if override != nil {
				d["documented"] = l.Format(l.Default)
			}
		}
		return d
	}
	shown := fmt.Sprint(s.Value)
	raw := shown
	if s.Code {
		shown = clipCode(shown)
		c.add(s, "risk.unverifiable", finding.Info, "Risk limit computed at run time",
			fmt.Sprintf("%s = %s is computed at run time, so Bulwark cannot verify the %s; use a literal or a config file", s.Key, shown, l.Name),
			detail(shown), l.ID)
		return
	}
	if l.Kind == limits.Level {
		level, err := limits.ParseLevel(s.Value)
		switch {
		case err != nil:
			shown = redactValue(raw)
			c.add(s, "risk.invalid_value", finding.Medium, "Unreadable protection level", fmt.Sprintf("%s = %s is not a protection level (want one of %s); %s", s.Key, shown, strings.Join(limits.Levels, ", "), l.Fix), detail(shown), l.ID)
		case level == "NONE" && c.production:
			c.add(s, l.Rule(), sev(l), "Protection disabled in production",
				fmt.Sprintf("%s is %s in production: no emergency stop will fire; %s", s.Key, shown, l.Fix), detail(level), l.ID)
		}
		return
	}
	v, err := limits.Parse(l, s.Value, hint)
	ve := &limits.ValueError{Kind: limits.ErrInvalid}
	errors.As(err, &ve)
	switch {
	case errors.Is(err, limits.ErrAmbiguous):
		c.add(s, "risk.ambiguous_value", finding.Medium, "Ambiguous "+l.Name,
			fmt.Sprintf("%s = %s is ambiguous: %s. Bulwark does not guess units; the documented limit is %s", s.Key, shown, ve.Why, l.Format(limit)),
			detail(shown), l.ID)
	case errors.Is(err, limits.ErrUnbounded):
		c.add(s, l.Rule(), sev(l), titleCase(l.Name)+" is unbounded",
			fmt.Sprintf("%s = %s: %s, but the documented limit is %s; %s", s.Key, shown, ve.Why, l.Format(limit), l.Fix), detail(shown), l.ID)
	case err != nil:
		// A value that is not of the limit's type may be anything, a secret
		// pasted in the wrong place too: it is never quoted whole.
		shown = redactValue(raw)
		c.add(s, "risk.invalid_value", finding.Medium, "Unreadable "+l.Name,
			fmt.Sprintf("%s = %s cannot be read as a %s: %s; %s", s.Key, shown, l.Name, scrub(err, raw), l.Fix), detail(shown), l.ID)
	case l.Op != limits.Exists && !l.Holds(v, limit):
		rel := "above"
		if l.Op == limits.AtLeast {
			rel = "below"
		}
		value := shown
		if f := l.Format(v); f != shown {
			value += " (" + f + ")"
		}
		c.add(s, l.Rule(), sev(l), titleCase(l.Name)+" "+rel+" limit",
			fmt.Sprintf("%s = %s is %s the limit of %s; %s", s.Key, value, rel, l.Format(limit), l.Fix),
			detail(l.Format(v)), l.ID)
	}
}

// absent reports every documented limit that no source defines: an absent
// limit is an unbounded one. The finding points at the main risk file.
func (c *limitChecker) absent(primary string) {
	for i := range limits.Table {
		l := &limits.Table[i]
		if c.seen[l.ID] {
			continue
		}
		limit, _ := c.opt.Effective(l)
		want := "set"
		if l.Op != limits.Exists {
			want = l.Format(limit)
		}
		c.out = append(c.out, finding.Finding{
			RuleID: l.Rule(), Severity: sev(l), Title: titleCase(l.Name) + " not set",
			Message:  fmt.Sprintf("no deployed risk configuration sets the %s (documented: %s), so it is unbounded; %s", l.Name, want, l.Fix),
			Location: finding.Location{Path: primary, StartLine: 1, EndLine: 1}, Identity: "absent " + l.ID,
			Detail: map[string]any{"limit_id": l.ID, "deployed": "absent", "limit": want, "fix": l.Fix, "seed_section": l.Seed},
		})
	}
}

// loosened reports every override that weakens a documented limit.
func (c *limitChecker) loosened() {
	ids := make([]string, 0, len(c.opt.Limits))
	for id := range c.opt.Limits {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		ov := c.opt.Limits[id]
		l, ok := limits.ByID(id)
		if !ok || !ov.Looser {
			continue
		}
		c.out = append(c.out, finding.Finding{
			RuleID: "risk.limit_loosened", Severity: finding.Low, Title: "Documented risk limit loosened",
			Message: fmt.Sprintf("bulwark.yml loosens the %s from %s to %s (reason: %q); make sure the risk owner signed this off",
				l.Name, l.Format(l.Default), l.Format(ov.Parsed), ov.Reason),
			Location: finding.Location{Path: c.opt.ConfigFile, StartLine: ov.Line, EndLine: ov.Line}, Identity: id,
			Detail: map[string]any{"limit_id": id, "deployed": l.Format(ov.Parsed), "limit": l.Format(l.Default), "reason": ov.Reason,
				"fix": "remove the override or keep its reason current"},
		})
	}
}

func (c *limitChecker) add(s Setting, rule string, sev finding.Severity, title, msg string, detail map[string]any, identity string) {
	c.out = append(c.out, finding.Finding{
		RuleID: rule, Severity: sev, Title: title, Message: msg,
		Location: finding.Location{Path: s.Path, StartLine: s.Line, EndLine: s.Line},
		Detail:   detail, Identity: identity + " " + s.Key,
	})
}

func sev(l *limits.Limit) finding.Severity { return l.Severity }

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// redactValue shows a value that is not of its limit's type: at most a
// short prefix (redact.Redact) and its length.
func redactValue(v string) string {
	return fmt.Sprintf("%q (%d characters)", redact.Redact([]byte(v)), utf8.RuneCountInString(v))
}

// scrub removes the raw value from an error message that quotes it.
func scrub(err error, raw string) string {
	return strings.ReplaceAll(strings.ReplaceAll(err.Error(), strconv.Quote(raw), "the value"), raw, "the value")
}

// clipCode shortens a run-time expression quoted in a finding.
func clipCode(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}
