package deps

import (
	"strings"

	"github.com/ossf/osv-schema/bindings/go/osvschema"
	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// rating is a normalised severity and where it came from.
type rating struct {
	severity finding.Severity
	source   string  // cvss_v4, cvss_v3, database, default
	score    float64 // CVSS base score when computed
	vector   string
}

// rate picks a severity: a CVSS vector's base score when there is one (the
// highest over the group's records), else the database's own severity field,
// else the configured default.
func rate(vulns []*osvschema.Vulnerability, def finding.Severity) rating {
	best := rating{score: -1}
	for _, v := range vulns {
		for _, s := range v.GetSeverity() {
			score, ok := cvssScore(s.GetType(), s.GetScore())
			if ok && score > best.score {
				src := "cvss_v3"
				if s.GetType() == osvschema.Severity_CVSS_V4 {
					src = "cvss_v4"
				}
				best = rating{severity: fromScore(score), source: src, score: score, vector: s.GetScore()}
			}
		}
	}
	if best.score >= 0 {
		return best
	}
	for _, v := range vulns {
		if ds := v.GetDatabaseSpecific(); ds != nil {
			if f, ok := ds.GetFields()["severity"]; ok {
				if sev, ok := fromWord(f.GetStringValue()); ok && (best.source == "" || sev > best.severity) {
					best = rating{severity: sev, source: "database"}
				}
			}
		}
	}
	if best.source != "" {
		return best
	}
	return rating{severity: def, source: "default"}
}

func cvssScore(t osvschema.Severity_Type, vector string) (float64, bool) {
	switch {
	case t == osvschema.Severity_CVSS_V4:
		if c, err := gocvss40.ParseVector(vector); err == nil {
			return c.Score(), true
		}
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		if c, err := gocvss31.ParseVector(vector); err == nil {
			return c.BaseScore(), true
		}
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		if c, err := gocvss30.ParseVector(vector); err == nil {
			return c.BaseScore(), true
		}
	}
	return 0, false
}

// fromScore maps a CVSS base score onto the qualitative scale of CVSS v3.1
// (section 5): 0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10 critical.
func fromScore(s float64) finding.Severity {
	switch {
	case s >= 9:
		return finding.Critical
	case s >= 7:
		return finding.High
	case s >= 4:
		return finding.Medium
	case s > 0:
		return finding.Low
	}
	return finding.Info
}

// fromWord reads a database severity: GHSA's LOW, MODERATE, HIGH, CRITICAL.
func fromWord(w string) (finding.Severity, bool) {
	switch strings.ToUpper(strings.TrimSpace(w)) {
	case "CRITICAL":
		return finding.Critical, true
	case "HIGH":
		return finding.High, true
	case "MODERATE", "MEDIUM":
		return finding.Medium, true
	case "LOW":
		return finding.Low, true
	}
	return finding.Info, false
}
