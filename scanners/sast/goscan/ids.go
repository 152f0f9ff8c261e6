package goscan

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/securego/gosec/v2/analyzers"
	"github.com/securego/gosec/v2/taint"
)

// taintRules are gosec's declared taint rules (their severity and CWE).
var taintRules = []*taint.RuleInfo{
	&analyzers.SQLInjectionRule, &analyzers.CommandInjectionRule, &analyzers.PathTraversalRule,
	&analyzers.SSRFRule, &analyzers.XSSRule, &analyzers.LogInjectionRule, &analyzers.SMTPInjectionRule,
	&analyzers.SSTIRule, &analyzers.UnsafeDeserializationRule, &analyzers.OpenRedirectRule,
	&analyzers.FormParsingLimitRule,
}

func taintRule(id string) *taint.RuleInfo {
	for _, r := range taintRules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// criticalRules are the rules gosec rates CRITICAL.
var criticalRules = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, r := range taintRules {
		if strings.EqualFold(r.Severity, "CRITICAL") {
			m[r.ID] = true
		}
	}
	return m
})

// analyzerIDs are the IDs of gosec's SSA analyzers, sorted.
func analyzerIDs() []string {
	var ids []string
	for id := range analyzers.Generate(false).Analyzers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// compressIDs writes sorted rule IDs with runs shortened: G118-G124.
func compressIDs(ids []string) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && next(ids[j], ids[j+1]) {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, ids[i]+"-"+ids[j])
		case j > i:
			parts = append(parts, ids[i], ids[j])
		default:
			parts = append(parts, ids[i])
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

func next(a, b string) bool {
	if len(a) < 2 || len(b) < 2 || a[0] != b[0] {
		return false
	}
	x, err1 := strconv.Atoi(a[1:])
	y, err2 := strconv.Atoi(b[1:])
	return err1 == nil && err2 == nil && y == x+1
}
