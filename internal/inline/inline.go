// Package inline is the one parser of inline suppressions:
//
//	x = risky()  # bulwark:ignore risk.max_leverage -- desk limit, RISK-112
//
// on the finding's line or the line above, after a comment marker (#, //, ;,
// --, <!--, /*), naming one or more rules or rule families (risk.*) and a
// reason after "--". A comment without a reason, or one naming every rule
// ("*", "*.*"), suppresses nothing and is reported. trufflehog's own
// `trufflehog:ignore` is honoured for secrets.
package inline

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Directive is one suppression comment.
type Directive struct {
	Line   int      // 1-based
	Rules  []string // rule IDs or families
	Reason string
	// Invalid says why the comment suppresses nothing ("" when it is valid).
	Invalid string
}

// Marker is the text every directive contains, for a cheap pre-check.
const Marker = "bulwark:ignore"

var directiveRe = regexp.MustCompile(`(?:#|//|;|--|<!--|/\*)\s*bulwark:ignore(?:\s+([^\s]+))?(?:\s+--\s*(.*?))?\s*(?:-->|\*/)?\s*$`)

// thogRules are what trufflehog:ignore suppresses: the secrets scanner's
// findings on that line, as trufflehog itself does.
var thogRules = []string{"trufflehog.*", "secrets.*"}

// Parse reads the directive on one line, if there is one.
func Parse(line string, n int) (Directive, bool) {
	if !strings.Contains(line, Marker) {
		if strings.Contains(line, "trufflehog:ignore") {
			return Directive{Line: n, Rules: thogRules, Reason: "trufflehog:ignore"}, true
		}
		return Directive{}, false
	}
	m := directiveRe.FindStringSubmatch(line)
	if m == nil {
		return Directive{}, false // the word in code or data, not a comment
	}
	d := Directive{Line: n, Reason: strings.TrimSpace(m[2])}
	if m[1] != "" {
		d.Rules = strings.Split(m[1], ",")
	}
	switch {
	case len(d.Rules) == 0:
		d.Invalid = "names no rule"
	case d.Reason == "":
		d.Invalid = "gives no reason (write `-- why`)"
	}
	for _, r := range d.Rules {
		if err := finding.CheckRulePattern(r); err != nil && d.Invalid == "" {
			d.Invalid = err.Error()
		}
	}
	return d, true
}

// Suppresses reports whether a valid directive covers a rule.
func (d Directive) Suppresses(rule string) bool {
	if d.Invalid != "" {
		return false
	}
	for _, r := range d.Rules {
		if finding.Glob(r, rule) {
			return true
		}
	}
	return false
}

// Find returns the directive on line n or the line above it that suppresses
// rule (or any of also, the other rules of a merged finding).
func Find(lines []string, n int, rule string, also ...string) (Directive, bool) {
	for _, at := range []int{n, n - 1} {
		if at < 1 || at > len(lines) {
			continue
		}
		d, ok := Parse(lines[at-1], at)
		if !ok {
			continue
		}
		if d.Suppresses(rule) {
			return d, true
		}
		for _, a := range also {
			if d.Suppresses(a) {
				return d, true
			}
		}
	}
	return Directive{}, false
}

// Scan returns every bulwark:ignore directive in data (trufflehog:ignore is
// trufflehog's and is not tracked for use).
func Scan(data []byte) []Directive {
	if !bytes.Contains(data, []byte(Marker)) {
		return nil
	}
	var out []Directive
	n := 0
	for len(data) > 0 {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(line) > 4096 || !bytes.Contains(line, []byte(Marker)) {
			continue
		}
		if d, ok := Parse(string(line), n); ok {
			out = append(out, d)
		}
	}
	return out
}
