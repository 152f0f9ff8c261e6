package python

import (
	"strings"
	"unicode"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// nameTokens splits an identifier into lower-case words at underscores,
// digits boundaries and camelCase humps: "userAPIKey_2" → user, api, key.
func nameTokens(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
			continue
		case unicode.IsUpper(r) && len(cur) > 0:
			prevLower := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || nextLower && unicode.IsUpper(rs[i-1]) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return out
}

// notSecret are words that make a secret-sounding name about something
// else: token_type, password_length, secret_path.
var notSecret = set("type", "types", "name", "names", "len", "length", "count", "url", "uri", "path", "file", "filename", "dir",
	"expiry", "expires", "exp", "expiration", "ttl", "prefix", "suffix", "kind", "format", "header", "version", "algorithm",
	"alg", "algorithms", "scheme", "method", "source", "field", "fields", "status", "state", "mode", "size", "index", "idx",
	"required", "enabled", "valid", "validator", "present", "id", "ids", "policy", "prompt", "label", "hint", "regex",
	"pattern", "min", "max", "changed", "reset", "hash", "hashed", "hasher", "env", "var", "key_name", "manager", "class",
	"cls", "config", "form", "input", "widget", "help", "error", "errors", "message", "msg", "strength", "salt", "endpoint",
	"range", "start", "end", "pos", "verify", "verified", "check", "position", "line", "lineno", "col", "offset", "number", "num", "eof", "sep", "separator")

// tokensHave reports whether toks contain one of words, or the pair
// first+second adjacent.
func tokensHave(toks []string, words map[string]bool) bool {
	for _, t := range toks {
		if words[t] {
			return true
		}
	}
	return false
}

func tokensPair(toks []string, first, second string) bool {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i] == first && toks[i+1] == second {
			return true
		}
	}
	return false
}

var passwordWords = set("password", "passwd", "passphrase", "pwd", "pass", "pw", "passwords", "pword")

// passwordLike reports whether an identifier names a password.
func passwordLike(name string) bool {
	toks := nameTokens(name)
	if tokensHave(toks, notSecret) || tokensHave(toks, set("token")) {
		return false
	}
	if tokensHave(toks, passwordWords) {
		return true
	}
	l := strings.ToLower(name)
	return strings.Contains(l, "password") || strings.Contains(l, "passwd") || strings.Contains(l, "passphrase")
}

var secretWords = set("password", "passwd", "passphrase", "pwd", "secret", "secrets", "token", "tokens", "apikey", "credential",
	"credentials", "privkey", "privatekey", "passwords")

// secretLike reports whether an identifier names a secret: a password,
// token, secret, API key, private key, access key or credential.
func secretLike(name string) bool {
	toks := nameTokens(name)
	if len(toks) == 0 || tokensHave(toks, notSecret) {
		return false
	}
	if tokensHave(toks, secretWords) {
		return true
	}
	return tokensPair(toks, "api", "key") || tokensPair(toks, "private", "key") || tokensPair(toks, "access", "key") ||
		tokensPair(toks, "secret", "key") || tokensPair(toks, "auth", "key") || tokensPair(toks, "signing", "key")
}

// strongTiming are names of values that are secret by construction (a
// digest, an HMAC, a signature): comparing one with == is reported whatever
// the other side is, unless it is a constant.
var strongTiming = set("signature", "hmac", "mac", "csrf", "otp")

// weakTiming are names that are often secrets but as often not (a lexer's
// token): reported only when the other side is secret-like too, or comes
// from a parameter, a request or the environment.
var weakTiming = set("token", "secret", "password", "passwd", "pwd", "apikey", "digest", "hexdigest")

// timingLike rates a name: 2 strong, 1 weak, 0 not a secret.
func timingLike(name string) int {
	toks := nameTokens(name)
	if len(toks) == 0 || tokensHave(toks, notSecret) {
		return 0
	}
	if tokensHave(toks, strongTiming) && !allCaps(name) {
		return 2
	}
	if tokensHave(toks, weakTiming) || tokensPair(toks, "api", "key") || tokensPair(toks, "secret", "key") {
		return 1
	}
	return 0
}

// exprNames are the names an expression is made of: identifiers, attribute
// names and string subscript keys, with the node each was read from.
func (a *analyzer) exprNames(n *pyparse.Node, fn func(name string, at *pyparse.Node) bool) bool {
	n = unparen(n)
	if n == nil {
		return false
	}
	switch n.Type {
	case "identifier":
		return fn(a.text(n), n)
	case "attribute":
		if fn(a.text(n.ChildByField("attribute")), n) {
			return true
		}
		return a.exprNames(n.ChildByField("object"), fn)
	case "subscript":
		if k := n.ChildByField("subscript"); k != nil && isStringNode(k) {
			if s, ok := decodeString(k, a.src); ok && fn(s.value, n) {
				return true
			}
		}
		return a.exprNames(n.ChildByField("value"), fn)
	}
	for _, c := range n.Children {
		if c.Named && a.exprNames(c, fn) {
			return true
		}
	}
	return false
}

// fastHashes are the hashlib constructors too fast for passwords.
var fastHashes = set("hashlib.md5", "hashlib.sha1", "hashlib.sha224", "hashlib.sha256", "hashlib.sha384", "hashlib.sha512",
	"hashlib.sha3_224", "hashlib.sha3_256", "hashlib.sha3_384", "hashlib.sha3_512", "hashlib.blake2b", "hashlib.blake2s",
	"hashlib.new")

func (a *analyzer) checkPasswordHash(c *call) {
	var data *pyparse.Node
	switch {
	case c.qual == "hashlib.new":
		data = c.arg(1)
		if data == nil {
			data = a.kw(c, "data")
		}
	case fastHashes[c.qual]:
		data = c.arg(0)
		if data == nil {
			data = a.kw(c, "data")
		}
		if data == nil {
			data = a.kw(c, "string")
		}
	case c.name == "update":
		fn := unparen(c.node.ChildByField("function"))
		obj := unparen(fn.ChildByField("object"))
		if obj == nil || obj.Type != "identifier" || !a.boundToHash(obj) {
			return
		}
		data = c.arg(0)
	}
	if data == nil {
		return
	}
	name := a.passwordIn(data, 0)
	if name == "" {
		return
	}
	what := c.qual
	if c.name == "update" {
		what = "a fast hash (update)"
	}
	a.report(c.node, nil, rulePasswordHash, finding.High, "medium",
		"Password hashed with "+what+" ("+name+"): use argon2, bcrypt, scrypt or PBKDF2.", c.qual+"|"+name, "")
}

// passwordIn names the password-like part of an expression, following names
// through their assignments one level; "" if none.
func (a *analyzer) passwordIn(n *pyparse.Node, depth int) string {
	found := ""
	a.exprNames(n, func(name string, at *pyparse.Node) bool {
		if passwordLike(name) {
			found = describe(at, a.src)
			return true
		}
		if depth == 0 && at.Type == "identifier" {
			for _, v := range a.flow.bindingValues(at) {
				if f := a.passwordIn(v, depth+1); f != "" {
					found = a.text(at)
					return true
				}
			}
		}
		return false
	})
	return found
}

// boundToHash reports whether an identifier was assigned a fast hash object.
func (a *analyzer) boundToHash(id *pyparse.Node) bool {
	for _, v := range a.flow.bindingValues(id) {
		if v = unparen(v); v != nil && v.Type == "call" && fastHashes[a.callee(v)] {
			return true
		}
	}
	return false
}

var jwtDecoders = set("jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode")

func (a *analyzer) checkJWT(c *call) {
	if !jwtDecoders[c.qual] {
		return
	}
	report := func(sev finding.Severity, conf, why string) {
		a.report(c.node, nil, ruleJWT, sev, conf, c.qual+" "+why+": forged tokens are accepted.", c.qual, "")
	}
	if opts := a.kw(c, "options"); opts != nil {
		for _, d := range a.dictValues(opts) {
			for _, p := range d.NamedChildren() {
				if p.Type != "pair" {
					continue
				}
				k := a.literal(p.ChildByField("key"))
				if k.kind == litStr && k.s == "verify_signature" && unparen(p.ChildByField("value")).Type == "false" {
					report(finding.High, "high", "with verify_signature disabled")
					return
				}
			}
		}
	}
	if v := a.kw(c, "verify"); v != nil && unparen(v).Type == "false" {
		report(finding.High, "high", "with verify=False")
		return
	}
	algs := a.kw(c, "algorithms")
	if algs == nil {
		algs = c.arg(2)
	}
	if algs == nil {
		if !c.splat {
			report(finding.Medium, "low", "without algorithms=")
		}
		return
	}
	for _, v := range a.dictValues(algs) {
		l := a.literal(v)
		items := []lit{l}
		if l.kind == litList {
			items = l.elts
		}
		for _, it := range items {
			if it.kind == litStr && strings.EqualFold(it.s, "none") {
				report(finding.High, "high", "with the \"none\" algorithm allowed")
				return
			}
		}
	}
}

// dictValues is n itself, or when n is a name, the values assigned to it.
func (a *analyzer) dictValues(n *pyparse.Node) []*pyparse.Node {
	n = unparen(n)
	if n == nil {
		return nil
	}
	if n.Type == "identifier" {
		var out []*pyparse.Node
		for _, v := range a.flow.bindingValues(n) {
			out = append(out, unparen(v))
		}
		return out
	}
	return []*pyparse.Node{n}
}

func (a *analyzer) checkTimingCompare(n *pyparse.Node) {
	var operands []*pyparse.Node
	op := ""
	for _, c := range n.Children {
		switch {
		case c.Field == "operators":
			if op != "" {
				return // a chain: a == b == c
			}
			op = c.Type
		case c.Named && c.Type != "comment":
			operands = append(operands, c)
		}
	}
	if op != "==" && op != "!=" || len(operands) != 2 {
		return
	}
	var names [2]string
	var levels [2]int
	for i, o := range operands {
		if a.plainValue(o) || a.flow.classify(o).class == constant {
			return
		}
		names[i], levels[i] = a.timingName(o)
	}
	if sameField(operands[0], operands[1], a.src) {
		return // self.signature == other.signature: an __eq__ over fields
	}
	for i := range operands {
		other := operands[1-i]
		switch {
		case levels[i] == 0:
			continue
		case levels[i] == 1 && levels[1-i] == 0 && a.flow.classify(other).class != tainted:
			continue
		}
		a.report(n, nil, ruleTiming, finding.Medium, "medium",
			names[i]+" compared with "+op+": the comparison time leaks how much matched; use hmac.compare_digest.", names[i], "")
		return
	}
}

// allCaps reports whether a name is written as a constant (SIGNATURE_HMAC,
// NULL): an enumeration value more often than a secret, so it counts at most
// as weak.
func allCaps(name string) bool {
	letters := false
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsUpper(r)
	}
	return letters
}

// sameField reports whether two operands are the same attribute of self
// and another object.
func sameField(x, y *pyparse.Node, src []byte) bool {
	x, y = unparen(x), unparen(y)
	if x.Type != "attribute" || y.Type != "attribute" {
		return false
	}
	if x.ChildByField("attribute").Text(src) != y.ChildByField("attribute").Text(src) {
		return false
	}
	ox, oy := unparen(x.ChildByField("object")), unparen(y.ChildByField("object"))
	return ox.Type == "identifier" && oy.Type == "identifier" && (ox.Text(src) == "self" || oy.Text(src) == "self")
}

// plainValue reports whether a comparison operand is a literal, a
// container, a length or type: nothing a timing attack could recover.
func (a *analyzer) plainValue(n *pyparse.Node) bool {
	n = unparen(n)
	switch n.Type {
	case "string", "concatenated_string", "integer", "float", "true", "false", "none", "list", "tuple", "dictionary", "set", "unary_operator":
		return true
	case "call":
		switch a.callee(n) {
		case "len", "type", "isinstance", "bool", "int", "hash", "id":
			return true
		}
	}
	return false
}

// timingName describes an operand that holds a secret, and how strongly
// (see timingLike); level 0 when it does not.
func (a *analyzer) timingName(n *pyparse.Node) (string, int) {
	n = unparen(n)
	switch n.Type {
	case "identifier", "attribute", "subscript":
		level := 0
		a.exprNames(n, func(name string, at *pyparse.Node) bool {
			if at == n {
				level = timingLike(name)
			}
			return true // only the outermost name counts: user.token, not token.type
		})
		if n.Type == "identifier" {
			for _, v := range a.flow.bindingValues(n) {
				if a.isHMAC(v) {
					level = 2
				}
			}
		}
		if level > 0 {
			return describe(n, a.src), level
		}
	case "call":
		if a.isHMAC(n) {
			return describe(n, a.src), 2
		}
		fn := unparen(n.ChildByField("function"))
		if fn != nil && fn.Type == "attribute" {
			switch a.text(fn.ChildByField("attribute")) {
			case "hexdigest", "digest":
				return describe(n, a.src), 1
			}
		}
	}
	return "", 0
}

// isHMAC reports whether an expression computes an HMAC: hmac.new(...),
// hmac.digest(...), or .digest()/.hexdigest() of one.
func (a *analyzer) isHMAC(n *pyparse.Node) bool {
	n = unparen(n)
	if n == nil || n.Type != "call" {
		return false
	}
	switch a.callee(n) {
	case "hmac.new", "hmac.digest", "hmac.HMAC":
		return true
	}
	fn := unparen(n.ChildByField("function"))
	if fn == nil || fn.Type != "attribute" {
		return false
	}
	switch a.text(fn.ChildByField("attribute")) {
	case "hexdigest", "digest":
		obj := unparen(fn.ChildByField("object"))
		if obj != nil && obj.Type == "identifier" {
			for _, v := range a.flow.bindingValues(obj) {
				if a.isHMAC(v) {
					return true
				}
			}
			return false
		}
		return a.isHMAC(obj)
	}
	return false
}

var logMethods = set("debug", "info", "warning", "warn", "error", "critical", "exception", "fatal", "log")

// isLogCall reports whether a call writes a log line or prints.
func (a *analyzer) isLogCall(c *call) bool {
	if c.qual == "print" {
		return true
	}
	if !logMethods[c.name] {
		return false
	}
	if strings.HasPrefix(c.qual, "logging.") {
		return true
	}
	fn := unparen(c.node.ChildByField("function"))
	if fn == nil || fn.Type != "attribute" {
		return false
	}
	obj := unparen(fn.ChildByField("object"))
	var name string
	switch {
	case obj == nil:
	case obj.Type == "identifier":
		name = a.text(obj)
	case obj.Type == "attribute":
		name = a.text(obj.ChildByField("attribute"))
	case obj.Type == "call":
		return a.callee(obj) == "logging.getLogger"
	}
	l := strings.ToLower(strings.Trim(name, "_"))
	return l == "log" || l == "logger" || l == "logging" || strings.HasSuffix(l, "logger") || strings.HasSuffix(l, "_log") || l == "syslog"
}

func (a *analyzer) checkSecretLog(c *call) {
	if !a.isLogCall(c) {
		return
	}
	for _, arg := range c.args {
		if name := a.loggedSecret(arg, 0); name != "" {
			a.report(c.node, nil, ruleSecretLog, finding.Medium, "medium",
				"Secret "+name+" written to a log by "+c.qual+".", c.qual+"|"+name, "")
			return
		}
	}
}

// loggedSecret names a secret whose value an argument carries into the
// log line, or "": directly, through an f-string, %, + or .format, str()
// and repr(). Names assigned from an environment variable named like a
// secret count as secrets.
func (a *analyzer) loggedSecret(n *pyparse.Node, depth int) string {
	n = unparen(n)
	if n == nil || depth > 16 {
		return ""
	}
	switch n.Type {
	case "identifier":
		if secretLike(a.text(n)) || a.fromSecretEnv(n) {
			return a.text(n)
		}
	case "attribute":
		if secretLike(a.text(n.ChildByField("attribute"))) {
			return describe(n, a.src)
		}
	case "subscript":
		if k := n.ChildByField("subscript"); k != nil && isStringNode(k) {
			if s, ok := decodeString(k, a.src); ok && secretLike(s.value) {
				return describe(n, a.src)
			}
		}
	case "string", "concatenated_string":
		var out string
		pyparse.Walk(n, func(c *pyparse.Node) bool {
			if out != "" {
				return false
			}
			if c.Type == "interpolation" {
				out = a.loggedSecret(c.ChildByField("expression"), depth+1)
				return false
			}
			return true
		})
		return out
	case "binary_operator":
		if s := a.loggedSecret(n.ChildByField("left"), depth+1); s != "" {
			return s
		}
		return a.loggedSecret(n.ChildByField("right"), depth+1)
	case "tuple", "list", "dictionary", "pair", "conditional_expression", "expression_list":
		for _, c := range n.NamedChildren() {
			if s := a.loggedSecret(c, depth+1); s != "" {
				return s
			}
		}
	case "call":
		q := a.callee(n)
		fn := unparen(n.ChildByField("function"))
		isFormat := fn != nil && fn.Type == "attribute" && a.text(fn.ChildByField("attribute")) == "format"
		if q != "str" && q != "repr" && !isFormat {
			return ""
		}
		sub := a.newCall(n)
		for _, x := range sub.args {
			if s := a.loggedSecret(x, depth+1); s != "" {
				return s
			}
		}
		for _, k := range sub.kwargs {
			if s := a.loggedSecret(k.ChildByField("value"), depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// fromSecretEnv reports whether an identifier was assigned an environment
// variable whose name reads as a secret (os.environ["API_KEY"],
// os.getenv("DB_PASSWORD")).
func (a *analyzer) fromSecretEnv(id *pyparse.Node) bool {
	for _, v := range a.flow.bindingValues(id) {
		v = unparen(v)
		var key *pyparse.Node
		switch {
		case v == nil:
		case v.Type == "subscript" && a.qualName(v.ChildByField("value")) == "os.environ":
			key = v.ChildByField("subscript")
		case v.Type == "call":
			switch a.callee(v) {
			case "os.getenv", "os.environ.get":
				key = a.newCall(v).arg(0)
			}
		}
		if key != nil {
			if l := a.literal(key); l.kind == litStr && secretLike(l.s) {
				return true
			}
		}
	}
	return false
}
