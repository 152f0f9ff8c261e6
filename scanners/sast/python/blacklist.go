package python

import (
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// blEntry is one entry of Bandit's blacklists: the rule, the qualified names
// (a trailing ".*" matches everything below the prefix) and the message.
type blEntry struct {
	rule     *ruleDef
	names    []string
	message  string // {name} is replaced by the name as matched
	severity finding.Severity
}

const xmlCallMsg = "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with its defusedxml equivalent function or make sure defusedxml.defuse_stdlib() is called"
const xmlImportMsg = "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with the equivalent defusedxml package, or make sure defusedxml.defuse_stdlib() is called."

func blCall(id, test, title string, sev finding.Severity, cwe, msg, fix string, names ...string) blEntry {
	r := rule(ruleDef{ID: "python." + title, BanditID: id, Test: test, kind: "calls", Title: callTitles[title],
		Severity: sev, Confidence: "high", CWE: cwe, Description: strings.ReplaceAll(msg, "{name}", "the call"), Fix: fix})
	return blEntry{rule: r, names: names, message: msg, severity: sev}
}

func blImport(id, test, title string, sev finding.Severity, cwe, msg, fix string, names ...string) blEntry {
	r := rule(ruleDef{ID: "python." + title, BanditID: id, Test: test, kind: "imports", Title: callTitles[title],
		Severity: sev, Confidence: "high", CWE: cwe, Description: strings.ReplaceAll(msg, "{name}", "the module"), Fix: fix})
	return blEntry{rule: r, names: names, message: msg, severity: sev}
}

var callTitles = map[string]string{
	"pickle": "Deserialisation with pickle", "marshal": "Deserialisation with marshal",
	"insecure_hash": "Insecure hash function (MD2, MD4, MD5, SHA1)", "insecure_cipher": "Insecure cipher",
	"insecure_cipher_mode": "Insecure cipher mode (ECB)", "mktemp": "Insecure temporary file (mktemp)",
	"eval": "Use of eval", "mark_safe": "Use of Django mark_safe", "httpsconnection": "HTTPSConnection without certificate checks on old Pythons",
	"urlopen": "URL opened without scheme restriction", "random": "Standard pseudo-random generator",
	"telnetlib": "Telnet call", "xml_celementtree": "XML parsed with xml.etree.cElementTree",
	"xml_elementtree": "XML parsed with xml.etree.ElementTree", "xml_expatreader": "XML parsed with xml.sax.expatreader",
	"xml_expatbuilder": "XML parsed with xml.dom.expatbuilder", "xml_sax": "XML parsed with xml.sax",
	"xml_minidom": "XML parsed with xml.dom.minidom", "xml_pulldom": "XML parsed with xml.dom.pulldom",
	"xml_lxml": "XML parsed with lxml.etree", "ftplib": "FTP call", "input": "Use of input (Python 2 eval)",
	"unverified_ssl_context": "Unverified SSL context", "tempnam": "Insecure temporary file name (tempnam)",
	"import_telnetlib": "Import of telnetlib", "import_ftplib": "Import of ftplib", "import_pickle": "Import of pickle",
	"import_subprocess": "Import of subprocess", "import_xml_etree": "Import of xml.etree",
	"import_xml_sax": "Import of xml.sax", "import_xml_expat": "Import of xml.dom.expatbuilder",
	"import_xml_minidom": "Import of xml.dom.minidom", "import_xml_pulldom": "Import of xml.dom.pulldom",
	"import_lxml": "Import of lxml", "import_xmlrpclib": "Import of xmlrpclib",
	"import_httpoxy": "Import of a CGI handler open to httpoxy", "import_pycrypto": "Import of PyCrypto",
}

const defusedFix = "parse untrusted XML with defusedxml, or call defusedxml.defuse_stdlib() first"

// callBlacklist is Bandit 1.6.2's call blacklist, in its order.
var callBlacklist = []blEntry{
	blCall("B301", "pickle", "pickle", medium, "CWE-502", "Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, possible security issue.",
		"deserialise untrusted data with json or another data-only format",
		"pickle.loads", "pickle.load", "pickle.Unpickler", "cPickle.loads", "cPickle.load", "cPickle.Unpickler", "dill.loads", "dill.load", "dill.Unpickler"),
	blCall("B302", "marshal", "marshal", medium, "CWE-502", "Deserialization with the marshal module is possibly dangerous.",
		"do not unmarshal untrusted data; use json", "marshal.load", "marshal.loads"),
	blCall("B303", "md5", "insecure_hash", medium, "CWE-327", "Use of insecure MD2, MD4, MD5, or SHA1 hash function.",
		"use SHA-256 or better for integrity (hashlib.sha256), a password hash for passwords",
		"hashlib.md5", "hashlib.sha1", "Crypto.Hash.MD2.new", "Crypto.Hash.MD4.new", "Crypto.Hash.MD5.new", "Crypto.Hash.SHA.new",
		"Cryptodome.Hash.MD2.new", "Cryptodome.Hash.MD4.new", "Cryptodome.Hash.MD5.new", "Cryptodome.Hash.SHA.new",
		"cryptography.hazmat.primitives.hashes.MD5", "cryptography.hazmat.primitives.hashes.SHA1"),
	blCall("B304", "ciphers", "insecure_cipher", high, "CWE-327", "Use of insecure cipher {name}. Replace with a known secure cipher such as AES.",
		"use AES-GCM or ChaCha20-Poly1305",
		"Crypto.Cipher.ARC2.new", "Crypto.Cipher.ARC4.new", "Crypto.Cipher.Blowfish.new", "Crypto.Cipher.DES.new", "Crypto.Cipher.XOR.new",
		"Cryptodome.Cipher.ARC2.new", "Cryptodome.Cipher.ARC4.new", "Cryptodome.Cipher.Blowfish.new", "Cryptodome.Cipher.DES.new", "Cryptodome.Cipher.XOR.new",
		"cryptography.hazmat.primitives.ciphers.algorithms.ARC4", "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
		"cryptography.hazmat.primitives.ciphers.algorithms.IDEA"),
	blCall("B305", "cipher_modes", "insecure_cipher_mode", medium, "CWE-327", "Use of insecure cipher mode {name}.",
		"use an authenticated mode such as GCM", "cryptography.hazmat.primitives.ciphers.modes.ECB"),
	blCall("B306", "mktemp_q", "mktemp", medium, "CWE-377", "Use of insecure and deprecated function (mktemp).",
		"use tempfile.mkstemp or NamedTemporaryFile", "tempfile.mktemp"),
	blCall("B307", "eval", "eval", medium, "CWE-78", "Use of possibly insecure function - consider using safer ast.literal_eval.",
		"use ast.literal_eval for literals, or a real parser", "eval"),
	blCall("B308", "mark_safe", "mark_safe", medium, "CWE-79", "Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed.",
		"build HTML with format_html, which escapes its arguments", "django.utils.safestring.mark_safe"),
	blCall("B309", "httpsconnection", "httpsconnection", medium, "CWE-295", "Use of HTTPSConnection on older versions of Python prior to 2.7.9 and 3.4.3 do not provide security, see https://wiki.openstack.org/wiki/OSSN/OSSN-0033",
		"pass context=ssl.create_default_context() and run a supported Python",
		"httplib.HTTPSConnection", "http.client.HTTPSConnection", "six.moves.http_client.HTTPSConnection"),
	blCall("B310", "urllib_urlopen", "urlopen", medium, "CWE-22", "Audit url open for permitted schemes. Allowing use of file:/ or custom schemes is often unexpected.",
		"check that the URL's scheme is http or https before opening it",
		"urllib.urlopen", "urllib.request.urlopen", "urllib.urlretrieve", "urllib.request.urlretrieve", "urllib.URLopener", "urllib.request.URLopener",
		"urllib.FancyURLopener", "urllib.request.FancyURLopener", "urllib2.urlopen", "urllib2.Request", "six.moves.urllib.request.urlopen",
		"six.moves.urllib.request.urlretrieve", "six.moves.urllib.request.URLopener", "six.moves.urllib.request.FancyURLopener"),
	blCall("B311", "random", "random", low, "CWE-330", "Standard pseudo-random generators are not suitable for security/cryptographic purposes.",
		"use the secrets module for tokens, keys and passwords",
		"random.random", "random.randrange", "random.randint", "random.choice", "random.uniform", "random.triangular"),
	blCall("B312", "telnetlib", "telnetlib", high, "CWE-319", "Telnet-related functions are being called. Telnet is considered insecure. Use SSH or some other encrypted protocol.",
		"use SSH (paramiko, asyncssh)", "telnetlib.*"),
	blCall("B313", "xml_bad_cElementTree", "xml_celementtree", medium, "CWE-20", xmlCallMsg, defusedFix,
		"xml.etree.cElementTree.parse", "xml.etree.cElementTree.iterparse", "xml.etree.cElementTree.fromstring", "xml.etree.cElementTree.XMLParser"),
	blCall("B314", "xml_bad_ElementTree", "xml_elementtree", medium, "CWE-20", xmlCallMsg, defusedFix,
		"xml.etree.ElementTree.parse", "xml.etree.ElementTree.iterparse", "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.XMLParser"),
	blCall("B315", "xml_bad_expatreader", "xml_expatreader", medium, "CWE-20", xmlCallMsg, defusedFix, "xml.sax.expatreader.create_parser"),
	blCall("B316", "xml_bad_expatbuilder", "xml_expatbuilder", medium, "CWE-20", xmlCallMsg, defusedFix,
		"xml.dom.expatbuilder.parse", "xml.dom.expatbuilder.parseString"),
	blCall("B317", "xml_bad_sax", "xml_sax", medium, "CWE-20", xmlCallMsg, defusedFix, "xml.sax.parse", "xml.sax.parseString", "xml.sax.make_parser"),
	blCall("B318", "xml_bad_minidom", "xml_minidom", medium, "CWE-20", xmlCallMsg, defusedFix, "xml.dom.minidom.parse", "xml.dom.minidom.parseString"),
	blCall("B319", "xml_bad_pulldom", "xml_pulldom", medium, "CWE-20", xmlCallMsg, defusedFix, "xml.dom.pulldom.parse", "xml.dom.pulldom.parseString"),
	blCall("B320", "xml_bad_etree", "xml_lxml", medium, "CWE-20", "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with its defusedxml equivalent function.",
		defusedFix, "lxml.etree.parse", "lxml.etree.fromstring", "lxml.etree.RestrictedElement", "lxml.etree.GlobalParserTLS",
		"lxml.etree.getDefaultParser", "lxml.etree.check_docinfo"),
	blCall("B321", "ftplib", "ftplib", high, "CWE-319", "FTP-related functions are being called. FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.",
		"use SFTP or FTPS (ftplib.FTP_TLS)", "ftplib.*"),
	// Bandit 1.6.2 rates B322 high, but only Python 2's input() evaluates
	// what it reads; this engine parses Python 3, where input() returns a
	// string (later Bandit releases dropped the check). Low: still listed,
	// never a failed gate by itself.
	blCall("B322", "input", "input", low, "CWE-78", "The input method in Python 2 will read from standard input, evaluate and run the resulting string as python source code. This is similar, though in many ways worse, then using eval. On Python 2, use raw_input instead, input is safe in Python 3.",
		"on Python 2 use raw_input; on Python 3 input is safe and this can be suppressed", "input"),
	blCall("B323", "unverified_context", "unverified_ssl_context", medium, "CWE-295", "By default, Python will create a secure, verified ssl context for use in such classes as HTTPSConnection. However, it still allows using an insecure context via the _create_unverified_context that reverts to the previous behavior that does not validate certificates or perform hostname checks.",
		"use ssl.create_default_context()", "ssl._create_unverified_context"),
	blCall("B325", "tempnam", "tempnam", medium, "CWE-377", "Use of os.tempnam() and os.tmpnam() is vulnerable to symlink attacks. Consider using tmpfile() instead.",
		"use tempfile.mkstemp or TemporaryFile", "os.tempnam", "os.tmpnam"),
}

const importMsg = "Consider possible security implications associated with {name} module."

// importBlacklist is Bandit 1.6.2's import blacklist, in its order. Bandit
// also checks it against calls (__import__("pickle")).
var importBlacklist = []blEntry{
	blImport("B401", "import_telnetlib", "import_telnetlib", high, "CWE-319", "A telnet-related module is being imported.  Telnet is considered insecure. Use SSH or some other encrypted protocol.",
		"use SSH (paramiko, asyncssh)", "telnetlib"),
	blImport("B402", "import_ftplib", "import_ftplib", high, "CWE-319", "A FTP-related module is being imported.  FTP is considered insecure. Use SSH/SFTP/SCP or some other encrypted protocol.",
		"use SFTP or FTPS", "ftplib"),
	blImport("B403", "import_pickle", "import_pickle", low, "CWE-502", importMsg, "never unpickle untrusted data", "pickle", "cPickle", "dill"),
	blImport("B404", "import_subprocess", "import_subprocess", low, "CWE-78", importMsg, "check every command run for untrusted input", "subprocess"),
	blImport("B405", "import_xml_etree", "import_xml_etree", low, "CWE-20", xmlImportMsg, defusedFix, "xml.etree.cElementTree", "xml.etree.ElementTree"),
	blImport("B406", "import_xml_sax", "import_xml_sax", low, "CWE-20", xmlImportMsg, defusedFix, "xml.sax"),
	blImport("B407", "import_xml_expat", "import_xml_expat", low, "CWE-20", xmlImportMsg, defusedFix, "xml.dom.expatbuilder"),
	blImport("B408", "import_xml_minidom", "import_xml_minidom", low, "CWE-20", xmlImportMsg, defusedFix, "xml.dom.minidom"),
	blImport("B409", "import_xml_pulldom", "import_xml_pulldom", low, "CWE-20", xmlImportMsg, defusedFix, "xml.dom.pulldom"),
	blImport("B410", "import_lxml", "import_lxml", low, "CWE-20", "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Replace {name} with the equivalent defusedxml package.",
		defusedFix, "lxml"),
	blImport("B411", "import_xmlrpclib", "import_xmlrpclib", high, "CWE-20", "Using {name} to parse untrusted XML data is known to be vulnerable to XML attacks. Use defused.xmlrpc.monkey_patch() function to monkey-patch xmlrpclib and mitigate XML vulnerabilities.",
		"call defusedxml.xmlrpc.monkey_patch()", "xmlrpclib"),
	blImport("B412", "import_httpoxy", "import_httpoxy", high, "CWE-284", importMsg,
		"do not run CGI handlers behind a proxy that passes the Proxy header",
		"wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript", "twisted.web.twcgi.CGIDirectory"),
	blImport("B413", "import_pycrypto", "import_pycrypto", high, "CWE-327", "The pyCrypto library and its module {name} are no longer actively maintained and have been deprecated. Consider using pyca/cryptography library.",
		"use pyca/cryptography", "Crypto.Cipher", "Crypto.Hash", "Crypto.IO", "Crypto.Protocol", "Crypto.PublicKey", "Crypto.Random", "Crypto.Signature", "Crypto.Util"),
}

// matchName is fnmatch for the patterns the blacklists use: exact names and
// a trailing ".*".
func matchName(name, pattern string) bool {
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(name, p)
	}
	return name == pattern
}

// checkCallBlacklist runs Bandit's blacklist on a call: the call
// blacklist, then the import blacklist for dynamic imports.
func (a *analyzer) checkCallBlacklist(c *call) {
	name := c.qual
	dynamic := false
	fn := unparen(c.node.ChildByField("function"))
	if fn != nil && fn.Type == "identifier" && a.text(fn) == "__import__" {
		dynamic = true
		name = ""
		if arg := c.arg(0); arg != nil {
			if l := a.literal(arg); l.kind == litStr {
				name = l.s
			} else {
				name = "UNKNOWN"
			}
		}
	} else if name == "importlib.import_module" || name == "importlib.__import__" {
		dynamic = true
		name = ""
		if arg := c.arg(0); arg != nil {
			if s, ok := a.argValue(arg).str(); ok {
				name = s
			}
		}
	}
	if name == "" {
		return
	}
	for _, lists := range [][]blEntry{callBlacklist, importBlacklist} {
		for _, e := range lists {
			for _, qn := range e.names {
				if !matchName(name, qn) {
					continue
				}
				shown := name
				if dynamic {
					// a dynamic import's name is a literal: name the pattern instead
					shown = strings.TrimSuffix(qn, ".*")
				}
				msg := strings.ReplaceAll(e.message, "{name}", shown)
				if dynamic {
					msg = "Dynamic import of " + shown + ". " + msg
				}
				sev := e.severity
				taint := ""
				if e.rule == callBlacklistRule("B307") {
					sev, taint = a.rateCode(c, sev)
				}
				a.report(c.node, nil, e.rule, sev, "high", msg, shown, taint)
				return
			}
		}
	}
}

// callBlacklistRule finds a call blacklist rule by Bandit ID.
func callBlacklistRule(id string) *ruleDef {
	for _, e := range callBlacklist {
		if e.rule.BanditID == id {
			return e.rule
		}
	}
	return nil
}

// checkImportBlacklist runs the import blacklist on an import statement:
// the first entry, in blacklist order, that a name starts with.
func (a *analyzer) checkImportBlacklist(n *pyparse.Node, module string, isFrom bool, names []importName) {
	prefix := ""
	if isFrom && module != "" {
		prefix = module + "."
	}
	for _, e := range importBlacklist {
		for _, in := range names {
			for _, qn := range e.names {
				if strings.HasPrefix(prefix+in.name, qn) {
					a.report(n, nil, e.rule, e.severity, "high", strings.ReplaceAll(e.message, "{name}", in.name), prefix+in.name, "")
					return
				}
			}
		}
	}
}
