package engine

import (
	"sort"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/inline"
	"github.com/bulwark-sec/bulwark/reports"
	"github.com/bulwark-sec/bulwark/scanners"
	"github.com/bulwark-sec/bulwark/scanners/registry"
)

// ownRules is the catalogue of Bulwark's own findings: about the config,
// inline suppressions and the files it could not read.
var ownRules = []finding.Rule{
	{ID: "config.ignore_expired", Title: "Ignore entry has expired", Severity: finding.Low,
		Fix: "fix the findings or renew the ignore with a new expiry"},
	{ID: "config.ignore_unused", Title: "Ignore entry matched nothing", Severity: finding.Low,
		Fix: "remove it so it cannot hide a future problem"},
	{ID: "inline.unused", Title: "Inline suppression suppresses nothing", Severity: finding.Low,
		Fix: "fix the comment (a rule or family, and a reason after --) or remove it"},
	{ID: "inventory.unreadable", Title: "File or directory could not be read", Severity: finding.High, CWE: []string{"CWE-1059"},
		Description: "An entry of the tree could not be read (permissions, a path longer than the system allows), so no scanner checked it; a file nobody read cannot pass for a clean one.",
		Fix:         "make it readable, shorten the path, or exclude it explicitly in bulwark.yml"},
	{ID: "inventory.symlink_outside", Title: "Symlink points outside the scanned tree", Severity: finding.High, CWE: []string{"CWE-59"},
		Description: "A file or directory symlink leads out of the repository; Bulwark does not follow it, so what it points to was not checked, and a deployment that follows it reads files the repository does not control.",
		Fix:         "commit the file itself instead of a symlink out of the repository"},
	{ID: "inventory.not_regular", Title: "Special file in the tree", Severity: finding.Low,
		Description: "A FIFO, socket or device in the tree; it is never opened (a FIFO would block a reader).",
		Fix:         "remove it from the tree"},
}

func ownEntry() registry.Entry {
	return registry.Entry{Name: registry.Own, Description: "Bulwark's own checks", Rules: ownRules}
}

// OwnRules is the catalogue of Bulwark's own findings.
func OwnRules() []finding.Rule { return append([]finding.Rule(nil), ownRules...) }

// inventoryFindings reports every entry the inventory could not take in.
func inventoryFindings(inv *scanners.Inventory) []finding.Finding {
	var out []finding.Finding
	for _, p := range inv.Problems {
		f := finding.Finding{Scanner: registry.Own, RuleID: "inventory." + p.Kind, Location: finding.Location{Path: p.Path}, Identity: p.Kind}
		r, _ := finding.Catalogue{Rules: ownRules}.Lookup(f.RuleID)
		f.Severity, f.Title = r.Severity, r.Title
		f.Message = p.Path + ": " + p.Detail + "; " + r.Fix
		f.Detail = map[string]any{"fix": r.Fix}
		out = append(out, f)
	}
	return out
}

// directives are every bulwark:ignore comment in the files of the view, for
// the report of comments that suppress nothing.
func directives(inv *scanners.Inventory) map[string][]inline.Directive {
	out := map[string][]inline.Directive{}
	for _, f := range inv.Files {
		if f.Symlink || !f.Mode.IsRegular() || f.Size > 16<<20 {
			continue
		}
		data, err := inv.ReadFile(f.Path, 16<<20)
		if err != nil {
			continue
		}
		if ds := inline.Scan(data); len(ds) > 0 {
			out[f.Path] = ds
		}
	}
	return out
}

func sortRules(rs []reports.Rule) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Scanner != rs[j].Scanner {
			return rs[i].Scanner < rs[j].Scanner
		}
		return rs[i].ID < rs[j].ID
	})
}
