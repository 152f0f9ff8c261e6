package secrets

import (
	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/scanners/secrets/rules"
)

// Rules is the secrets scanner's catalogue: Bulwark's own detectors, and
// trufflehog's ~850 detectors as one family (trufflehog.<detector>).
func Rules() []finding.Rule {
	cwe := []string{"CWE-798"}
	help := "https://cwe.mitre.org/data/definitions/798.html"
	var out []finding.Rule
	for _, r := range rules.Rules() {
		out = append(out, finding.Rule{ID: r.ID, Title: r.Title, Severity: r.Severity, CWE: cwe, HelpURI: help,
			Description: r.Description, Fix: "remove the secret from the file and its history, and rotate it: it must be assumed compromised"})
	}
	out = append(out, finding.Rule{ID: ruleNotFullyRead, Title: "File not fully scanned for secrets", Severity: finding.High,
		Description: "A file was read only in part: larger than secrets.max_file_size, an archive past the expansion bounds (a zip bomb), nested too deep, encrypted or corrupt. A secret in the rest would not be found, so this counts like one.",
		Fix:         "split the file, raise secrets.max_file_size (at most 64 MiB), or exclude it explicitly in bulwark.yml"})
	return append(out, finding.Rule{ID: "trufflehog.*", Title: "Secret found by a trufflehog detector", Severity: finding.High,
		CWE: cwe, HelpURI: help,
		Description: "One of trufflehog's detectors (the rule ID names it) matched a credential; verified live with --verify, the finding is critical.",
		Fix:         "revoke and rotate the credential, then remove it from the file and its history"})
}

// Rules implements the registry's catalogue hook.
func (Scanner) Rules() []finding.Rule { return Rules() }
