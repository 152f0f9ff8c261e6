package systemd

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bulwark-sec/bulwark/internal/redact"
)

// parseBool reads systemd's booleans (parse_boolean), case-insensitively.
func parseBool(v string) (val, ok bool) {
	switch strings.ToLower(v) {
	case "1", "yes", "y", "true", "t", "on":
		return true, true
	case "0", "no", "n", "false", "f", "off":
		return false, true
	}
	return false, false
}

// kind is the type of a setting's value as systemd parses it. A deployed
// value is quoted in a finding only when it is of its kind: one that is not
// may be anything, a secret pasted on the wrong line included, so it is
// shown only as redact shows it.
type kind struct {
	what  string // for a message: "a boolean"
	valid func(string) bool
}

var (
	boolean  = kind{"a boolean (yes, no, true, false, on, off, 1, 0)", isBool}
	userName = kind{"a user name or UID", func(string) bool { return true }} // quoted only as root or 0
	protect  = kind{"strict, full or a boolean", func(s string) bool { return s == "strict" || s == "full" || isBool(s) }}
)

// value is the effective state of a scalar setting.
type value struct {
	Setting          // the assignment in effect (zero when none is)
	kind    kind     // what a valid assignment holds
	set     bool     // an assignment applies; false: the default holds
	reset   bool     // the assignment in effect is an empty Key=, back to the default
	ignored *Setting // the last assignment systemd rejects as invalid, when it came later
}

// effective is what systemd ends up with for a scalar setting: the last
// valid assignment wins, an empty one resets to the default, and an invalid
// one is ignored (systemd logs a warning and keeps what it had).
func effective(all []Setting, k kind) value {
	v := value{kind: k}
	for i := len(all) - 1; i >= 0; i-- {
		s := all[i]
		switch {
		case s.Value == "":
			return value{Setting: s, kind: k, set: true, reset: true, ignored: v.ignored}
		case k.valid(s.Value):
			return value{Setting: s, kind: k, set: true, ignored: v.ignored}
		case v.ignored == nil:
			v.ignored = &all[i]
		}
	}
	return v
}

// active reports a value other than the default in effect.
func (v value) active() bool { return v.set && !v.reset }

// where is the line a reviewer should change: the ignored assignment if
// there is one, else the one in effect (zero: none, the [Service] header).
func (v value) where() Setting {
	if v.ignored != nil {
		return *v.ignored
	}
	return v.Setting
}

// deployed is the value for the finding's detail. Only a valid value is
// in effect, so only an ignored one needs redacting.
func (v value) deployed() string {
	switch {
	case v.ignored != nil && !v.active():
		return "invalid, ignored: " + redacted(v.ignored.Value)
	case !v.active():
		return "unset"
	}
	return v.Value
}

// shown is how the setting reads in a message, naming the deployed value.
func (v value) shown(key, dflt string) string {
	s := key + "=" + v.Value
	switch {
	case !v.set:
		s = key + " is not set (default " + dflt + ")"
	case v.reset:
		s = key + "= resets it to the default (" + dflt + ")"
	}
	if v.ignored != nil {
		s = "the " + key + "= value " + redacted(v.ignored.Value) + " is not " + v.kind.what + " and systemd ignores it, so " + s
	}
	return s
}

// redacted shows a value that is not of its setting's type: its length and
// at most redact.Redact's first few characters, never the whole of it.
func redacted(s string) string {
	return fmt.Sprintf("%q (%d characters)", redact.Redact([]byte(s)), utf8.RuneCountInString(s))
}

func isBool(v string) bool { _, ok := parseBool(v); return ok }

// boolSetting is the effective value of a boolean setting, false by default.
func boolSetting(all []Setting) (value, bool) {
	v := effective(all, boolean)
	on, _ := parseBool(v.Value)
	return v, v.active() && on
}

// listMode is the state of an allow/deny list setting such as
// RestrictAddressFamilies= or SystemCallFilter=.
type listMode int

const (
	listUnset listMode = iota // no restriction
	listAllow                 // only the listed items are allowed
	listDeny                  // everything but the listed items (~…) is allowed
)

// listSetting follows systemd's rule for allow/deny lists: the first
// assignment after a reset decides whether the list allows or denies (a
// leading ~ denies), later ones add to or remove from it, and an empty
// assignment resets everything before it. noneAllows names the value that
// is an empty allow-list ("none" for RestrictAddressFamilies=).
func listSetting(all []Setting, noneAllows string) listMode {
	mode := listUnset
	for _, s := range all {
		v := strings.TrimSpace(s.Value)
		switch {
		case v == "":
			mode = listUnset
		case noneAllows != "" && v == noneAllows:
			mode = listAllow
		case mode == listUnset && strings.HasPrefix(v, "~"):
			mode = listDeny
		case mode == listUnset:
			mode = listAllow
		}
	}
	return mode
}

// namespaces is RestrictNamespaces=: a boolean (yes restricts every
// namespace type) or an allow/deny list of types. "no" and an empty
// assignment both leave namespaces unrestricted.
func namespaces(all []Setting) listMode {
	mode := listUnset
	for _, s := range all {
		v := strings.TrimSpace(s.Value)
		if b, ok := parseBool(v); ok {
			mode = listUnset
			if b {
				mode = listAllow // yes: no namespace type allowed
			}
			continue
		}
		switch {
		case v == "":
			mode = listUnset
		case mode == listUnset && strings.HasPrefix(v, "~"):
			mode = listDeny
		case mode == listUnset:
			mode = listAllow
		}
	}
	return mode
}

// capSet is a set of capabilities that may be a complement ("all but
// names"), which is what a ~ list or an unset bounding set is.
type capSet struct {
	inverted bool
	names    map[string]bool
}

func (c capSet) has(name string) bool { return c.names[name] != c.inverted }

// union is systemd's merge of a later CapabilityBoundingSet= line (OR).
func (c capSet) union(o capSet) capSet {
	out := capSet{names: map[string]bool{}}
	switch {
	case !c.inverted && !o.inverted: // A ∪ B
		out.names = merge(c.names, o.names, func(a, b bool) bool { return a || b })
	case c.inverted && o.inverted: // ¬A ∪ ¬B = ¬(A ∩ B)
		out.inverted = true
		out.names = merge(c.names, o.names, func(a, b bool) bool { return a && b })
	default: // A ∪ ¬B = ¬(B \ A)
		plain, inv := c, o
		if c.inverted {
			plain, inv = o, c
		}
		out.inverted = true
		out.names = merge(inv.names, plain.names, func(b, a bool) bool { return b && !a })
	}
	return out
}

func merge(a, b map[string]bool, keep func(inA, inB bool) bool) map[string]bool {
	out := map[string]bool{}
	for _, m := range []map[string]bool{a, b} {
		for k := range m {
			if keep(a[k], b[k]) {
				out[k] = true
			}
		}
	}
	return out
}

// boundingSet is the effective CapabilityBoundingSet=, as systemd's
// config_parse_capability_set computes it: unset means every capability;
// the first line, or an empty one, replaces the set; later lines are ORed
// in. An empty assignment is the empty set, the most restrictive.
func boundingSet(all []Setting) (capSet, bool) {
	set, initial := capSet{inverted: true}, true
	for _, s := range all {
		v := strings.TrimSpace(s.Value)
		line := capSet{names: map[string]bool{}}
		if rest, ok := strings.CutPrefix(v, "~"); ok {
			line.inverted, v = true, rest
		}
		for _, name := range strings.Fields(v) {
			line.names[strings.ToUpper(name)] = true
		}
		if initial || (!line.inverted && len(line.names) == 0) {
			set, initial = line, false
		} else {
			set = set.union(line)
		}
	}
	return set, len(all) > 0
}
