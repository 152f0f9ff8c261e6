package deps

import "github.com/bulwark-sec/bulwark/internal/finding"

// advisoryPrefixes are the ID schemes of the OSV databases: a finding's
// rule is the advisory's own ID.
var advisoryPrefixes = []struct{ prefix, db string }{
	{"GHSA-", "GitHub Security Advisories"}, {"PYSEC-", "the PyPA advisory database"}, {"GO-", "the Go vulnerability database"},
	{"CVE-", "the CVE list"}, {"RUSTSEC-", "the RustSec advisory database"}, {"MAL-", "the OpenSSF malicious packages database"},
	{"OSV-", "OSV"}, {"GSD-", "the Global Security Database"}, {"UVI-", "the Universal Vulnerability Identifier database"},
	{"BIT-", "Bitnami's vulnerability database"}, {"PSF-", "the Python Software Foundation"}, {"CURL-", "curl's advisories"},
}

// Rules is the dependency scanner's catalogue: one family per advisory ID
// scheme, and the unpinned-requirement rule.
func Rules() []finding.Rule {
	out := []finding.Rule{{ID: "deps.unpinned", Title: "Unpinned requirements", Severity: finding.Low, CWE: []string{"CWE-1104"},
		Description: "Requirements of one file admit more than one version each, so what is installed is not what was checked; one finding per file lists them.",
		Fix:         "pin the requirement to one version (==) in a lockfile or requirements file"}}
	for _, a := range advisoryPrefixes {
		out = append(out, finding.Rule{ID: a.prefix + "*", Title: "Known vulnerability (" + a.db + ")", Severity: finding.Medium,
			CWE: []string{"CWE-1395"}, HelpURI: "https://osv.dev/list",
			Description: "A locked dependency is affected by an advisory of " + a.db + "; the finding's severity comes from its CVSS vector or the database.",
			Fix:         "upgrade to a fixed version, or remove or replace the package"})
	}
	return out
}

// Rules implements the registry's catalogue hook.
func (Scanner) Rules() []finding.Rule { return Rules() }
