package goscan

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/securego/gosec/v2"
	"github.com/securego/gosec/v2/analyzers"
	"github.com/securego/gosec/v2/issue"
	"github.com/securego/gosec/v2/rules"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

func TestCatalogue(t *testing.T) {
	cat := finding.Catalogue{Scanner: "gosec", Rules: Rules()}
	if err := cat.Check(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for id := range rules.Generate(false).Rules {
		want = append(want, id)
	}
	want = append(want, analyzerIDs()...)
	slices.Sort(want)
	var got []string
	for _, r := range cat.Rules {
		got = append(got, r.ID)
		if r.Fix == "" || len(r.CWE) != 1 || !strings.HasPrefix(r.CWE[0], "CWE-") || !strings.HasPrefix(r.HelpURI, rulesDoc+"#g") {
			t.Errorf("%s: incomplete entry %+v", r.ID, r)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("catalogue %v\ngosec     %v", got, want)
	}
	for id := range ruleMeta {
		if !slices.Contains(want, id) {
			t.Errorf("ruleMeta has %s, which gosec does not", id)
		}
	}
	for id := range cweGaps {
		if issue.GetCweByRule(id) != nil {
			t.Errorf("gosec now knows the CWE of %s; drop it from cweGaps", id)
		}
	}
	if len(want) != 62 {
		t.Logf("gosec has %d rules and analyzers now (62 in v2.30.0)", len(want))
	}
}

// TestCatalogueSeverities: the catalogue's default severity is the one
// gosec gives an AST rule in its MetaData and a taint rule in its RuleInfo.
func TestCatalogueSeverities(t *testing.T) {
	perFinding := map[string]bool{
		"G402": true, // the TLS rule rates each finding (HIGH for InsecureSkipVerify, lower for old versions)
	}
	for id, def := range rules.Generate(false).Rules {
		r, _ := def.Create(id, gosec.NewConfig())
		m := metaData(reflect.ValueOf(r), 0)
		if m == nil {
			t.Errorf("%s: no MetaData in %T", id, r)
			continue
		}
		if perFinding[id] {
			continue
		}
		if got, want := ruleMeta[id].sev, severityOf(id, m.Severity); got != want {
			t.Errorf("%s: catalogue %s, gosec's MetaData %s", id, got, want)
		}
	}
	for _, r := range taintRules {
		want := map[string]finding.Severity{"LOW": finding.Low, "MEDIUM": finding.Medium, "HIGH": finding.High, "CRITICAL": finding.Critical}[r.Severity]
		if got := ruleMeta[r.ID].sev; got != want {
			t.Errorf("%s: catalogue %s, gosec's RuleInfo %s", r.ID, got, r.Severity)
		}
		if _, ok := analyzers.Generate(false).Analyzers[r.ID]; !ok {
			t.Errorf("taint rule %s is not an analyzer", r.ID)
		}
	}
	for _, id := range analyzerIDs() {
		if strings.HasPrefix(id, "G7") && taintRule(id) == nil {
			t.Errorf("analyzer %s has no RuleInfo in taintRules", id)
		}
	}
}

// metaData finds the issue.MetaData a rule embeds, directly or in a field.
func metaData(v reflect.Value, depth int) *issue.MetaData {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Type() == reflect.TypeFor[issue.MetaData]() {
		m := v.Interface().(issue.MetaData)
		return &m
	}
	if v.Kind() != reflect.Struct || depth > 3 {
		return nil
	}
	for i := range v.NumField() {
		if m := metaData(v.Field(i), depth+1); m != nil {
			return m
		}
	}
	return nil
}

// TestEmittedRulesCatalogued: every rule a fixture produces is in the
// catalogue, with the CWE the finding carries.
func TestEmittedRulesCatalogued(t *testing.T) {
	cat := finding.Catalogue{Scanner: "gosec", Rules: Rules()}
	res := analyze(t, "testdata/mod", []Module{{Dir: "."}}, func(o *Options) { o.Tests = true })
	all := res.Issues
	for _, s := range res.Suppressed {
		all = append(all, s.Issue)
	}
	for _, is := range all {
		r, ok := cat.Lookup(is.RuleID)
		if !ok {
			t.Errorf("%s is not in the catalogue", is.RuleID)
			continue
		}
		if is.CWE != "" && !slices.Contains(r.CWE, is.CWE) {
			t.Errorf("%s: finding's %s, catalogue's %v", is.RuleID, is.CWE, r.CWE)
		}
	}
}
