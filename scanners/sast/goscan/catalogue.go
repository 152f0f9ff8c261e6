package goscan

import (
	"slices"
	"strings"

	"github.com/securego/gosec/v2/analyzers"
	"github.com/securego/gosec/v2/issue"
	"github.com/securego/gosec/v2/rules"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// ruleMeta is what gosec's rule lists do not say: the default severity
// (gosec sets it where a rule reports; the catalogue test checks the AST
// rules' against their MetaData and the taint rules' against their
// RuleInfo) and how to fix a finding.
var ruleMeta = map[string]struct {
	sev finding.Severity
	fix string
}{
	"G101": {finding.High, "move the credential to the environment or a secret store and rotate it"},
	"G102": {finding.Medium, "listen on a specific interface (127.0.0.1 or a configured address) instead of all of them"},
	"G103": {finding.Low, "avoid package unsafe, or keep its use small, reviewed and commented"},
	"G104": {finding.Low, "handle the error, or assign it to _ with a comment saying why it cannot matter"},
	"G106": {finding.Medium, "verify host keys with ssh.FixedHostKey or a known_hosts callback"},
	"G107": {finding.Medium, "build request URLs from constants or validate them against an allow-list"},
	"G108": {finding.High, "serve net/http/pprof on a separate, private listener, not the default mux"},
	"G109": {finding.High, "parse with strconv.ParseInt and the target bit size, or check the bounds before converting"},
	"G110": {finding.Medium, "copy decompressed data with io.CopyN or an io.LimitReader bound"},
	"G111": {finding.Medium, "serve a dedicated directory, never the file system root"},
	"G112": {finding.Medium, "set ReadHeaderTimeout (and the other timeouts) on the http.Server"},
	"G113": {finding.High, "reject requests with both Content-Length and Transfer-Encoding, and bare LF line endings"},
	"G114": {finding.Medium, "use an http.Server with timeouts instead of http.ListenAndServe and friends"},
	"G115": {finding.High, "check the value's range before the conversion, or use a wider type"},
	"G116": {finding.High, "remove the bidirectional control characters from the source"},
	"G117": {finding.Medium, "exclude the secret field from serialization (json:\"-\") or marshal a type without it"},
	"G118": {finding.High, "pass the caller's context on, and call the cancel function of every context you derive"},
	"G119": {finding.High, "do not copy Authorization, Cookie or other sensitive headers in CheckRedirect"},
	"G120": {finding.Medium, "bound the body with http.MaxBytesReader before parsing the form"},
	"G121": {finding.High, "keep CrossOriginProtection bypass patterns narrow and independent of the request"},
	"G122": {finding.High, "open files relative to a trusted directory with os.Root, or re-check them, inside Walk callbacks"},
	"G123": {finding.High, "set VerifyConnection (which runs on resumed sessions too) instead of VerifyPeerCertificate alone"},
	"G124": {finding.Medium, "set Secure, HttpOnly and SameSite on the cookie"},
	"G125": {finding.Medium, "escape each element with url.PathEscape before url.JoinPath"},
	"G201": {finding.Medium, "use a parameterised query with placeholders instead of formatting values into SQL"},
	"G202": {finding.Medium, "use a parameterised query with placeholders instead of concatenating values into SQL"},
	"G203": {finding.Medium, "let html/template escape the value instead of converting it to template.HTML, JS or URL"},
	"G204": {finding.Medium, "run a fixed program with fixed or validated arguments, never through a shell"},
	"G301": {finding.Medium, "create directories with mode 0750 or less"},
	"G302": {finding.Medium, "create and chmod files with mode 0600 or less"},
	"G303": {finding.Medium, "create temporary files with os.CreateTemp"},
	"G304": {finding.Medium, "clean the path and keep it inside a base directory (os.Root), or use a fixed path"},
	"G305": {finding.Medium, "reject archive entries whose cleaned path leaves the destination directory"},
	"G306": {finding.Medium, "write files with mode 0600 or less"},
	"G307": {finding.Medium, "create the file with os.OpenFile and mode 0600 or less"},
	"G401": {finding.Medium, "use SHA-256 or stronger instead of MD5 or SHA-1"},
	"G402": {finding.High, "keep certificate verification on and TLS 1.2 or newer with strong cipher suites"},
	"G403": {finding.Medium, "generate RSA keys of at least 2048 bits"},
	"G404": {finding.High, "use crypto/rand for anything security-relevant"},
	"G405": {finding.Medium, "use AES-GCM or ChaCha20-Poly1305 instead of DES or RC4"},
	"G406": {finding.Medium, "use SHA-256 or stronger instead of MD4 or RIPEMD-160"},
	"G407": {finding.High, "generate a fresh random nonce or IV for every encryption"},
	"G408": {finding.High, "make authentication decisions from the ssh.Permissions returned, not state kept in PublicKeyCallback"},
	"G501": {finding.Medium, "drop crypto/md5 for SHA-256 or stronger"},
	"G502": {finding.Medium, "drop crypto/des for AES"},
	"G503": {finding.Medium, "drop crypto/rc4 for AES-GCM or ChaCha20-Poly1305"},
	"G504": {finding.Medium, "drop net/http/cgi, or build with Go 1.6.3 or newer"},
	"G505": {finding.Medium, "drop crypto/sha1 for SHA-256 or stronger"},
	"G506": {finding.Medium, "drop golang.org/x/crypto/md4 for SHA-256 or stronger"},
	"G507": {finding.Medium, "drop golang.org/x/crypto/ripemd160 for SHA-256 or stronger"},
	"G601": {finding.Medium, "copy the range variable before taking its address (Go 1.22 and newer do so per iteration)"},
	"G602": {finding.Low, "check the index against len before slicing or indexing"},
	"G701": {finding.High, "use a parameterised query; never build SQL from request data"},
	"G702": {finding.Critical, "run a fixed program with validated arguments; never pass request data to a shell"},
	"G703": {finding.High, "keep request-derived paths inside a base directory (os.Root, filepath.IsLocal)"},
	"G704": {finding.High, "check request-derived URLs against an allow-list of hosts before fetching them"},
	"G705": {finding.Medium, "render request data through html/template, never write it to the response raw"},
	"G706": {finding.Low, "log request data as a structured attribute (slog) or strip CR and LF first"},
	"G707": {finding.High, "reject CR and LF in request data used in SMTP commands or headers"},
	"G708": {finding.Critical, "parse templates from trusted files only; pass request data as template data"},
	"G709": {finding.High, "decode untrusted data into plain data types (JSON) and validate it"},
	"G710": {finding.Medium, "redirect only to relative paths or allow-listed hosts"},
}

// rulesDoc is gosec's rule documentation at the version Bulwark links.
const rulesDoc = "https://github.com/securego/gosec/blob/v2.30.0/RULES.md"

// helpAnchor is the section of RULES.md that lists a rule.
var helpAnchor = map[byte]string{
	'1': "#g1xx-general-secure-coding", '2': "#g2xx-injection-patterns", '3': "#g3xx-filesystem-and-permissions",
	'4': "#g4xx-crypto-and-protocol-security", '5': "#g5xx-import-blocklist", '6': "#g6xx-languageruntime-safety",
	'7': "#g7xx-taint-analysis",
}

// Rules is the catalogue: every gosec AST rule and SSA analyzer, with
// gosec's own description as the title.
func Rules() []finding.Rule {
	var out []finding.Rule
	add := func(id, title, kind string) {
		m := ruleMeta[id]
		r := finding.Rule{ID: id, Title: title, Severity: m.sev, Fix: m.fix, HelpURI: rulesDoc,
			Description: "gosec " + kind + " " + id + ": " + title + "."}
		if len(id) == 4 {
			r.HelpURI += helpAnchor[id[1]]
		}
		if c := catalogueCWE(id); c != "" {
			r.CWE = []string{c}
		}
		out = append(out, r)
	}
	for id, d := range rules.Generate(false).Rules {
		add(id, d.Description, "AST rule")
	}
	for id, d := range analyzers.Generate(false).Analyzers {
		kind := "SSA analyzer"
		if taintRule(id) != nil {
			kind = "taint analyzer"
		}
		add(id, d.Description, kind)
	}
	slices.SortFunc(out, func(a, b finding.Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// cweGaps are the rules gosec maps to a CWE (issue.ruleToCWE, v2.30.0)
// that its CWE table lacks, so issue.GetCweByRule returns nil for them. A
// test fails when gosec fills the gap.
var cweGaps = map[string]string{"G116": "CWE-838", "G121": "CWE-346"}

// catalogueCWE is a rule's CWE: gosec's, else what its taint RuleInfo
// declares (G710's CWE-601), else cweGaps.
func catalogueCWE(id string) string {
	if w := issue.GetCweByRule(id); w != nil && w.ID != "" {
		return "CWE-" + w.ID
	}
	if r := taintRule(id); r != nil && r.CWE != "" {
		return r.CWE
	}
	return cweGaps[id]
}
