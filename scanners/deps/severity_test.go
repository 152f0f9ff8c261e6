package deps

import (
	"testing"

	"github.com/ossf/osv-schema/bindings/go/osvschema"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

func TestRate(t *testing.T) {
	vec := func(typ osvschema.Severity_Type, v string) *osvschema.Vulnerability {
		return &osvschema.Vulnerability{Severity: []*osvschema.Severity{{Type: typ, Score: v}}}
	}
	ghsa := func(word string) *osvschema.Vulnerability {
		ds, _ := structpb.NewStruct(map[string]any{"severity": word})
		return &osvschema.Vulnerability{DatabaseSpecific: ds}
	}
	tests := []struct {
		name   string
		vulns  []*osvschema.Vulnerability
		sev    finding.Severity
		source string
		score  float64
	}{
		{"cvss 3.1 critical", []*osvschema.Vulnerability{vec(osvschema.Severity_CVSS_V3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")}, finding.Critical, "cvss_v3", 9.8},
		{"cvss 3.1 high", []*osvschema.Vulnerability{vec(osvschema.Severity_CVSS_V3, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H")}, finding.High, "cvss_v3", 7.4},
		{"cvss 3.0 medium", []*osvschema.Vulnerability{vec(osvschema.Severity_CVSS_V3, "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N")}, finding.Medium, "cvss_v3", 5.4},
		{"cvss 4.0", []*osvschema.Vulnerability{vec(osvschema.Severity_CVSS_V4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")}, finding.Critical, "cvss_v4", 9.3},
		{"highest of a group", []*osvschema.Vulnerability{vec(osvschema.Severity_CVSS_V3, "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"), vec(osvschema.Severity_CVSS_V3, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H")}, finding.High, "cvss_v3", 7.4},
		{"database word", []*osvschema.Vulnerability{ghsa("MODERATE")}, finding.Medium, "database", 0},
		{"bad vector falls back", []*osvschema.Vulnerability{vec(osvschema.Severity_CVSS_V3, "CVSS:3.1/garbage"), ghsa("HIGH")}, finding.High, "database", 0},
		{"nothing: default", []*osvschema.Vulnerability{{Id: "PYSEC-1"}}, finding.Low, "default", 0},
	}
	for _, tc := range tests {
		r := rate(tc.vulns, finding.Low)
		if r.severity != tc.sev || r.source != tc.source || (tc.score > 0 && r.score != tc.score) {
			t.Errorf("%s: got %+v", tc.name, r)
		}
	}
}
