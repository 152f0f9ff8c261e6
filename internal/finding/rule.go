package finding

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// Rule is one entry of a scanner's rule catalogue: what the rule finds, how
// bad it is by default and how to fix it. SARIF rules, `bulwark rules` and
// docs/rules/ are made from the catalogue, never from the findings.
//
// An ID ending in "*" is a family whose members are named at run time (an
// advisory database's IDs, trufflehog's detectors): it covers every rule ID
// with that prefix.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Severity    Severity `json:"severity"`
	CWE         []string `json:"cwe,omitempty"`
	HelpURI     string   `json:"help_uri,omitempty"`
	Fix         string   `json:"fix,omitempty"`
	Description string   `json:"description,omitempty"`
}

// Family reports whether the rule names a family of run-time IDs.
func (r Rule) Family() bool { return strings.HasSuffix(r.ID, "*") }

// Covers reports whether id is this rule, or a member of its family.
func (r Rule) Covers(id string) bool {
	if r.Family() {
		return strings.HasPrefix(id, strings.TrimSuffix(r.ID, "*"))
	}
	return r.ID == id
}

// Catalogue is the rules of one scanner.
type Catalogue struct {
	Scanner string
	Rules   []Rule
}

// Lookup finds the rule for an emitted rule ID: an exact entry first, then
// the family with the longest prefix.
func (c Catalogue) Lookup(id string) (Rule, bool) {
	best, found := Rule{}, false
	for _, r := range c.Rules {
		if r.ID == id {
			return r, true
		}
		if r.Family() && r.Covers(id) && (!found || len(r.ID) > len(best.ID)) {
			best, found = r, true
		}
	}
	return best, found
}

// Check reports catalogue mistakes: a missing title, a duplicate ID.
func (c Catalogue) Check() error {
	seen := map[string]bool{}
	var errs []string
	for _, r := range c.Rules {
		switch {
		case r.ID == "" || strings.TrimSpace(r.Title) == "":
			errs = append(errs, fmt.Sprintf("rule %q has no ID or title", r.ID))
		case seen[r.ID]:
			errs = append(errs, fmt.Sprintf("rule %q is listed twice", r.ID))
		case r.Severity < Info || r.Severity > Critical:
			errs = append(errs, fmt.Sprintf("rule %q has an invalid severity", r.ID))
		}
		seen[r.ID] = true
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s catalogue: %s", c.Scanner, strings.Join(errs, "; "))
	}
	return nil
}

// Sorted returns the rules ordered by ID.
func (c Catalogue) Sorted() []Rule {
	out := append([]Rule(nil), c.Rules...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Suppressed is a finding taken out of the report, and why: by an inline
// comment, a config ignore or the baseline. Scanners that suppress a finding
// themselves (a secret whose every place carries an inline comment) use it
// too, so the report has one list.
type Suppressed struct {
	Finding
	Kind   string `json:"kind"`   // inline, config, baseline
	Reason string `json:"reason"` // the reason the suppression gave
}

// Glob reports whether a rule ID or scanner name matches a pattern: the
// name itself, or a path.Match glob (risk.*, G1??). It is the one matcher
// gates, ignores and inline suppressions use.
func Glob(pattern, s string) bool {
	if pattern == s {
		return true
	}
	ok, err := path.Match(pattern, s)
	return err == nil && ok
}

// CheckRulePattern refuses a rule pattern that names no rule or family: an
// ignore of "*", "*.*" or "*-*" would hide every finding. A pattern must be a
// rule ID, or a family with a literal prefix of two or more characters that
// holds a letter or digit (risk.*, trufflehog.*, G1*).
func CheckRulePattern(p string) error {
	if strings.TrimSpace(p) == "" {
		return fmt.Errorf("names no rule")
	}
	if _, err := path.Match(p, ""); err != nil {
		return fmt.Errorf("%q is not a valid pattern: %v", p, err)
	}
	i := strings.IndexAny(p, "*?[")
	if i < 0 {
		return nil
	}
	prefix := p[:i]
	if len(prefix) < 2 || !strings.ContainsFunc(prefix, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}) {
		return fmt.Errorf("%q would match rules of every family; name a rule or a family such as risk.*", p)
	}
	return nil
}
