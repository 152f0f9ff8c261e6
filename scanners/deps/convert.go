package deps

import (
	"fmt"
	"sort"
	"strings"

	"github.com/google/osv-scalibr/extractor/filesystem/language/python/requirements"
	"github.com/google/osv-scanner/v2/pkg/models"
	"github.com/ossf/osv-schema/bindings/go/osvschema"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners"
)

// converter turns osv-scanner results into findings. osv-scanner's own
// models stop here.
type converter struct {
	t                   *scanners.Target
	opt                 *Options
	keep                func(rel string) bool
	findings            []finding.Finding
	lockfiles, packages int
	ecosystems          map[string]bool
	lines               map[string][]string
	// manifests count each requirements file's requirements and collect its
	// unpinned ones, for one finding per file (finish).
	manifests map[string]*manifest
}

// manifest is one requirements file's pinning.
type manifest struct {
	eco      string
	total    int
	unpinned []unpinnedReq
}

type unpinnedReq struct {
	name, req, checked, version string
	line                        int
}

func newConverter(t *scanners.Target, opt *Options) *converter {
	return &converter{t: t, opt: opt, keep: inInventory(t.Inventory), ecosystems: map[string]bool{}, lines: map[string][]string{},
		manifests: map[string]*manifest{}}
}

func (c *converter) source(src models.PackageSource) {
	rel := relPath(c.t.Inventory.Root, src.Source.Path)
	if !c.keep(rel) {
		return // excluded or ignored: not read, as for every other scanner
	}
	c.lockfiles++
	for _, p := range src.Packages {
		c.packages++
		eco := ecosystemBase(p.Package.Ecosystem)
		c.ecosystems[eco] = true
		line := c.line(rel, p.Package)
		checked, pin := c.unpinned(rel, line, p.Package, eco)
		for _, g := range p.Groups {
			c.vulnerability(rel, line, p, g, eco, checked, pin)
		}
	}
}

// unpinned notes a requirement that admits more than one version, and
// returns how its vulnerabilities were checked ("" when pinned). The
// requirements of one file are reported together by finish.
func (c *converter) unpinned(rel string, line int, pkg models.PackageInfo, eco string) (string, string) {
	if pkg.Inventory == nil {
		return "", ""
	}
	md, ok := pkg.Inventory.Metadata.(*requirements.Metadata)
	if !ok {
		return "", ""
	}
	m := c.manifests[rel]
	if m == nil {
		m = &manifest{eco: eco}
		c.manifests[rel] = m
	}
	m.total++
	if md.VersionComparator == "==" || md.VersionComparator == "===" {
		return "", ""
	}
	req := strings.TrimSpace(md.Requirement)
	checked := "not checked: no version to check"
	if pkg.Version != "" {
		checked = fmt.Sprintf("checked at %s, the lowest version %q admits", pkg.Version, req)
	}
	m.unpinned = append(m.unpinned, unpinnedReq{name: pkg.Name, req: req, checked: checked, version: pkg.Version, line: line})
	return checked, req
}

// maxListed bounds the requirements a message names; detail lists them all.
const maxListed = 5

// finish reports each requirements file with unpinned requirements once:
// "3 of 12 requirements are not pinned", the list in detail. Its identity
// is the set of unpinned packages, so a newly unpinned one is a new finding
// that a baseline does not hide.
func (c *converter) finish() {
	rels := make([]string, 0, len(c.manifests))
	for rel := range c.manifests {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		m := c.manifests[rel]
		if len(m.unpinned) == 0 {
			continue
		}
		sort.Slice(m.unpinned, func(i, j int) bool { return m.unpinned[i].line < m.unpinned[j].line })
		var names, listed []string
		var reqs []map[string]any
		for i, u := range m.unpinned {
			names = append(names, strings.ToLower(u.name))
			if i < maxListed {
				listed = append(listed, u.req)
			}
			reqs = append(reqs, map[string]any{"package": u.name, "requirement": u.req, "line": u.line,
				"checked_version": u.version, "checked": u.checked})
		}
		sort.Strings(names)
		list := strings.Join(listed, ", ")
		if n := len(m.unpinned) - len(listed); n > 0 {
			list += fmt.Sprintf(" and %d more", n)
		}
		first := m.unpinned[0].line
		c.findings = append(c.findings, finding.Finding{
			RuleID: "deps.unpinned", Severity: c.opt.Unpinned, Title: "Unpinned requirements",
			Message: fmt.Sprintf("%d of %d requirements are not pinned to one version (%s), so builds are not reproducible and the versions deployed are unknown; each was checked at the lowest version it admits; pin them with == (or use a lockfile)",
				len(m.unpinned), m.total, list),
			Location: finding.Location{Path: rel, StartLine: first, EndLine: first},
			Identity: m.eco + "/" + strings.Join(names, ","),
			Detail: map[string]any{"ecosystem": m.eco, "unpinned": len(m.unpinned), "requirements_total": m.total,
				"requirements": reqs, "fix": "pin each requirement with ==, or install from a lockfile"},
		})
	}
}

func (c *converter) vulnerability(rel string, line int, p models.PackageVulns, g models.GroupInfo, eco, checked, req string) {
	var vulns []*osvschema.Vulnerability
	for _, v := range p.Vulnerabilities {
		for _, id := range g.IDs {
			if v.GetId() == id {
				vulns = append(vulns, v)
			}
		}
	}
	ids := append([]string{}, g.IDs...)
	sort.Strings(ids)
	var aliases []string
	for _, a := range g.Aliases {
		if !contains(ids, a) {
			aliases = append(aliases, a)
		}
	}
	sort.Strings(aliases)
	primary := ids[0]
	r := rate(vulns, c.opt.Default)
	fixed := fixedVersions(vulns, p.Package.Name, eco)
	summary := strings.TrimRight(summaryOf(vulns), ". ")

	// The summary is the title; the message says what, where and what to do.
	msg := fmt.Sprintf("%s %s (%s) is affected by %s", p.Package.Name, p.Package.Version, eco, strings.Join(append(append([]string{}, ids...), aliases...), ", "))
	fix := "no fixed version is published; remove or replace the package"
	if len(fixed) > 0 {
		fix = "upgrade to " + strings.Join(fixed, " or ")
		msg += ". Fixed in " + strings.Join(fixed, ", ")
	}
	if r.source == "default" {
		msg += fmt.Sprintf(". Severity %s is inferred (the record has no CVSS vector or severity)", r.severity)
	}
	if checked != "" {
		msg += ". Unpinned requirement " + req + ": " + checked
	}
	detail := map[string]any{"summary": summary, "package": p.Package.Name, "version": p.Package.Version, "ecosystem": eco,
		"ids": ids, "fixed_versions": fixedOrEmpty(fixed), "severity_source": r.source, "fix": fix}
	if r.vector != "" {
		detail["cvss_vector"], detail["cvss_score"] = r.vector, r.score
	}
	c.findings = append(c.findings, finding.Finding{
		RuleID: primary, Severity: r.severity, Title: fmt.Sprintf("%s %s: %s", p.Package.Name, p.Package.Version, firstNonEmpty(summary, primary)),
		Message: msg, Location: finding.Location{Path: rel, StartLine: line, EndLine: line},
		HelpURI:  "https://osv.dev/vulnerability/" + primary,
		Aliases:  otherIDs(primary, ids, aliases),
		Identity: fmt.Sprintf("%s/%s@%s %s", eco, strings.ToLower(p.Package.Name), p.Package.Version, strings.Join(ids, ",")),
		Detail:   detail,
	})
}

// line is where a package is declared: the extractor's line when it keeps
// one, else the first line of the lockfile that names the package.
func (c *converter) line(rel string, pkg models.PackageInfo) int {
	if inv := pkg.Inventory; inv != nil && inv.Location.Descriptor != nil && inv.Location.Descriptor.File != nil {
		if n := inv.Location.Descriptor.File.LineNumber; n > 0 {
			return n
		}
	}
	lines, ok := c.lines[rel]
	if !ok {
		if data, err := c.t.Inventory.ReadFile(rel, 64<<20); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c.lines[rel] = lines
	}
	name := strings.ToLower(pkg.Name)
	fallback := 0
	for i, l := range lines {
		ll := strings.ToLower(l)
		if !strings.Contains(ll, name) {
			continue
		}
		if pkg.Version != "" && strings.Contains(ll, pkg.Version) {
			return i + 1
		}
		if fallback == 0 {
			fallback = i + 1
		}
	}
	return fallback
}

func fixedVersions(vulns []*osvschema.Vulnerability, name, eco string) []string {
	var out []string
	for _, v := range vulns {
		for _, a := range v.GetAffected() {
			if !samePackage(a.GetPackage().GetName(), name) || ecosystemBase(a.GetPackage().GetEcosystem()) != eco {
				continue
			}
			for _, r := range a.GetRanges() {
				if r.GetType() == osvschema.Range_GIT {
					continue
				}
				for _, e := range r.GetEvents() {
					if f := e.GetFixed(); f != "" && !contains(out, f) {
						out = append(out, f)
					}
				}
			}
		}
	}
	return out
}

// samePackage compares names the way PyPI does (case and -_. insensitive),
// which is also right for the case-sensitive ecosystems' exact matches.
func samePackage(a, b string) bool {
	norm := strings.NewReplacer("_", "-", ".", "-")
	return norm.Replace(strings.ToLower(a)) == norm.Replace(strings.ToLower(b))
}

func summaryOf(vulns []*osvschema.Vulnerability) string {
	for _, v := range vulns {
		if s := strings.TrimSpace(v.GetSummary()); s != "" {
			return s
		}
	}
	for _, v := range vulns {
		if d := strings.TrimSpace(v.GetDetails()); d != "" {
			d, _, _ = strings.Cut(d, "\n")
			if r := []rune(d); len(r) > 160 {
				d = string(r[:159]) + "…"
			}
			return d
		}
	}
	return ""
}

func fixedOrEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// otherIDs are the names an ignore may use for an advisory besides its
// primary ID: the group's other IDs and every alias, sorted and unique.
func otherIDs(primary string, ids, aliases []string) []string {
	seen := map[string]bool{primary: true}
	var out []string
	for _, id := range append(append([]string{}, ids...), aliases...) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
