package pipeline

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/bulwark-sec/bulwark/internal/config"
	"github.com/bulwark-sec/bulwark/internal/finding"
)

// ConfigIgnores applies bulwark.yml `ignore` entries. An expired entry no
// longer suppresses and is reported; an entry that matched nothing is reported
// too, so stale suppressions do not pile up.
type ConfigIgnores struct {
	Entries []config.Ignore
	File    string    // the config file, for the location of own findings
	Now     time.Time // injected so tests and reports are deterministic
	// Complete says every scanner an entry could concern ran to the end, so an
	// unused entry is really unused. Nil means all did.
	Complete func(scanner string) bool

	used []int
}

// Name implements Processor.
func (*ConfigIgnores) Name() string { return "config-ignores" }

// Process implements Processor.
func (p *ConfigIgnores) Process(in []finding.Finding) ([]finding.Finding, []Suppressed) {
	p.used = make([]int, len(p.Entries))
	var kept []finding.Finding
	var sup []Suppressed
	for _, f := range in {
		hit := -1
		for i, e := range p.Entries {
			if matches(e, f) {
				p.used[i]++
				if !p.expired(e) && hit < 0 {
					hit = i
				}
			}
		}
		if hit >= 0 {
			sup = append(sup, Suppressed{Finding: f, Kind: "config", Reason: p.Entries[hit].Reason})
			continue
		}
		kept = append(kept, f)
	}
	return kept, sup
}

func (p *ConfigIgnores) expired(e config.Ignore) bool {
	return !e.ExpiresAt.IsZero() && !p.Now.Before(e.ExpiresAt.AddDate(0, 0, 1))
}

// Finish implements Processor.
func (p *ConfigIgnores) Finish() []finding.Finding {
	var out []finding.Finding
	for i, e := range p.Entries {
		what := describe(e)
		f := finding.Finding{Scanner: "bulwark", Severity: finding.Low,
			Location: finding.Location{Path: p.File, StartLine: e.Line, EndLine: e.Line}, Identity: what}
		switch {
		case p.expired(e):
			f.RuleID, f.Title = "config.ignore_expired", "Ignore entry has expired"
			f.Message = fmt.Sprintf("the ignore for %s expired on %s and no longer suppresses anything (reason given: %q); fix the findings or renew it with a new expiry",
				what, e.Expires, e.Reason)
		case p.used == nil || p.used[i] > 0:
			continue
		case p.Complete != nil && !p.Complete(e.Scanner):
			continue // its scanner did not run to the end: unused is not proven
		default:
			f.RuleID, f.Title = "config.ignore_unused", "Ignore entry matched nothing"
			f.Message = fmt.Sprintf("the ignore for %s matched no finding; remove it so it cannot hide a future problem", what)
		}
		out = append(out, f)
	}
	return out
}

func describe(e config.Ignore) string {
	var parts []string
	for _, kv := range [][2]string{{"scanner", e.Scanner}, {"rule", e.Rule}, {"path", e.Path}, {"fingerprint", e.Fingerprint}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return strings.Join(parts, " ")
}

// matches reports whether every field the entry sets matches the finding.
// Rules and scanners may be globs (risk.*); paths use .gitignore syntax.
func matches(e config.Ignore, f finding.Finding) bool {
	if e.Fingerprint != "" && e.Fingerprint != f.Fingerprint {
		return false
	}
	if e.Scanner != "" && !glob(e.Scanner, f.Scanner) {
		return false
	}
	if e.Rule != "" && !glob(e.Rule, f.RuleID) && !anyAlias(e.Rule, f) {
		return false
	}
	if e.Path != "" {
		if f.Path == "" {
			return false
		}
		pat := gitignore.ParsePattern(e.Path, nil)
		if e.Path != f.Path && pat.Match(strings.Split(f.Path, "/"), false) != gitignore.Exclude {
			return false
		}
	}
	return true
}

func glob(pattern, s string) bool { return finding.Glob(pattern, s) }

// anyAlias lets an ignore name a finding by any of its other names: an
// advisory ruled PYSEC-2021-142 is also CVE-2020-14343 and
// GHSA-8q59-q68h-6hv4, and a merged finding is also each rule merged into it.
func anyAlias(rule string, f finding.Finding) bool {
	for _, a := range f.Aliases {
		if glob(rule, a) {
			return true
		}
	}
	for _, a := range f.Also {
		_, r, _ := strings.Cut(a, "/")
		if glob(rule, r) {
			return true
		}
	}
	return false
}
