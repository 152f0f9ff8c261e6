package python

import (
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// ruleDef is one rule: its catalogue entry and what nosec and help links
// need.
type ruleDef struct {
	ID, BanditID string
	Test         string // Bandit's test or blacklist name ("subprocess_popen_with_shell_equals_true", "pickle")
	kind         string // "plugin", "calls", "imports" (Bandit's docs sections) or "" beyond Bandit
	Title        string
	Severity     finding.Severity
	Confidence   string
	CWE          string
	Description  string
	Fix          string
}

const banditDocs = "https://bandit.readthedocs.io/en/latest/"

// helpURI is Bandit's documentation page for the rule, as Bandit links it,
// or the CWE's page for a rule beyond Bandit.
func (r *ruleDef) helpURI() string {
	switch r.kind {
	case "plugin":
		return banditDocs + "plugins/" + strings.ToLower(r.BanditID) + "_" + r.Test + ".html"
	case "calls":
		id, name := strings.ToLower(r.BanditID), strings.ReplaceAll(r.Test, "_", "-")
		switch r.BanditID {
		case "B304", "B305":
			id, name = "b304-b305", "ciphers-and-modes"
		case "B313", "B314", "B315", "B316", "B317", "B318", "B319", "B320":
			id = "b313-b320"
		}
		return banditDocs + "blacklists/blacklist_calls.html#" + id + "-" + strings.ToLower(name)
	case "imports":
		return banditDocs + "blacklists/blacklist_imports.html#" + strings.ToLower(r.BanditID) + "-" + strings.ToLower(strings.ReplaceAll(r.Test, "_", "-"))
	}
	return "https://cwe.mitre.org/data/definitions/" + strings.TrimPrefix(r.CWE, "CWE-") + ".html"
}

var allRules []*ruleDef

func rule(r ruleDef) *ruleDef {
	p := &r
	allRules = append(allRules, p)
	return p
}

// Catalogue is every rule, sorted by ID.
func Catalogue() []RuleInfo {
	out := make([]RuleInfo, 0, len(allRules))
	for _, r := range allRules {
		out = append(out, RuleInfo{BanditID: r.BanditID, Confidence: r.Confidence, Rule: finding.Rule{
			ID: r.ID, Title: r.Title, Severity: r.Severity, CWE: []string{r.CWE}, HelpURI: r.helpURI(),
			Fix: r.Fix, Description: r.Description,
		}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Rules is the catalogue as finding rules.
func Rules() []finding.Rule {
	cat := Catalogue()
	out := make([]finding.Rule, len(cat))
	for i, r := range cat {
		out[i] = r.Rule
	}
	return out
}

// ruleByKey finds a rule by our ID, Bandit ID or Bandit test name (for
// nosec lists).
func ruleByKey(key string) *ruleDef {
	for _, r := range allRules {
		if r.ID == key || r.BanditID != "" && strings.EqualFold(r.BanditID, key) || r.Test != "" && r.Test == key {
			return r
		}
	}
	return nil
}
