package python

import (
	"fmt"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// Bandit's shell_injection configuration.
var (
	subprocessFuncs = set("subprocess.Popen", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.run")
	shellFuncs      = set("os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "popen2.popen2", "popen2.popen3",
		"popen2.popen4", "popen2.Popen3", "popen2.Popen4", "commands.getoutput", "commands.getstatusoutput")
	noShellFuncs = set("os.execl", "os.execle", "os.execlp", "os.execlpe", "os.execv", "os.execve", "os.execvp", "os.execvpe",
		"os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe", "os.startfile")
	httpVerbs  = set("get", "options", "head", "post", "put", "patch", "delete")
	httpxAttrs = set("get", "options", "head", "post", "put", "patch", "delete", "request", "stream", "Client", "AsyncClient")
	badSSL     = []string{"PROTOCOL_SSLv2", "SSLv2_METHOD", "SSLv23_METHOD", "PROTOCOL_SSLv3", "PROTOCOL_TLSv1", "SSLv3_METHOD", "TLSv1_METHOD"}
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// visitCall runs every check on a call.
func (a *analyzer) visitCall(n *pyparse.Node) {
	c := a.newCall(n)
	a.checkCallBlacklist(c)
	a.checkExecCall(c)
	a.checkChmod(c)
	a.checkPasswordFuncArg(c)
	a.checkRequests(c)
	a.checkFlaskDebug(c)
	a.checkTarfile(c)
	a.checkHashlibNew(c)
	a.checkSSL(c)
	a.checkWeakKey(c)
	a.checkYAML(c)
	a.checkParamiko(c)
	a.checkShell(c)
	a.checkWildcard(c)
	a.checkDjango(c)
	a.checkTemplates(c)
	a.checkPasswordHash(c)
	a.checkJWT(c)
	a.checkSecretLog(c)
}

// rate maps a data-flow verdict to a severity: constant gives low, tainted
// high and unknown the rule's default.
func rate(v verdict, def finding.Severity) (finding.Severity, string) {
	switch v.class {
	case constant:
		return finding.Low, "constant"
	case tainted:
		return finding.High, v.source
	}
	return def, ""
}

// flowNote is the message's account of the data flow.
func flowNote(taint string) string {
	switch taint {
	case "":
		return ""
	case "constant":
		return " (built only from constants)"
	}
	return " (built from " + taint + ")"
}

// rateCode rates eval and exec by their first argument.
func (a *analyzer) rateCode(c *call, def finding.Severity) (finding.Severity, string) {
	if arg := c.arg(0); arg != nil {
		return rate(a.flow.classify(arg), def)
	}
	return def, ""
}

func (a *analyzer) checkExecCall(c *call) {
	if c.qual != "exec" {
		return
	}
	sev, taint := a.rateCode(c, finding.Medium)
	a.report(c.node, nil, ruleExec, sev, "high", "Use of exec"+flowNote(taint)+".", "exec", taint)
}

func (a *analyzer) checkChmod(c *call) {
	if !strings.Contains(c.name, "chmod") || len(c.args) != 2 {
		return
	}
	mode := a.literal(c.args[1])
	if mode.kind != litInt || mode.i&0o002 == 0 && mode.i&0o010 == 0 {
		return
	}
	sev := finding.Medium
	what := "group-executable"
	if mode.i&0o002 != 0 {
		sev, what = finding.High, "world-writable"
	}
	a.report(c.node, nil, ruleChmod, sev, "high",
		fmt.Sprintf("%s sets a permissive mask %#o on a file (%s).", c.qual, mode.i, what), c.qual, "")
}

func (a *analyzer) checkRequests(c *call) {
	parts := strings.Split(c.qual, ".")
	root := parts[0]
	isRequests := strings.Contains(c.qual, "requests") && httpVerbs[c.name]
	isHTTPX := len(parts) >= 2 && root == "httpx" && httpxAttrs[c.name]
	if (isRequests || isHTTPX) && a.kwIs(c, "verify", "False") {
		v := a.kw(c, "verify")
		a.report(c.node, v, ruleRequestsVerify, finding.High, "high",
			c.qual+" with verify=False disables SSL certificate checks.", c.qual, "")
	}
	// B113, as Bandit 1.7.10
	if root == "requests" && httpVerbs[c.name] && !a.hasKw(c, "timeout") && !c.splat {
		a.report(c.node, nil, ruleTimeout, finding.Medium, "low", "Call to "+c.qual+" without timeout.", c.qual, "")
		return
	}
	if (root == "requests" && httpVerbs[c.name] || root == "httpx" && httpxAttrs[c.name]) && a.kwIs(c, "timeout", "None") {
		a.report(c.node, nil, ruleTimeout, finding.Medium, "low", "Call to "+c.qual+" with timeout set to None.", c.qual, "")
	}
}

func (a *analyzer) checkFlaskDebug(c *call) {
	if a.importedLike("flask") && strings.HasSuffix(c.qual, ".run") && a.kwIs(c, "debug", "True") {
		a.report(c.node, a.kw(c, "debug"), ruleFlaskDebug, finding.High, "medium",
			"A Flask app appears to be run with debug=True ("+c.qual+"), which exposes the Werkzeug debugger and allows the execution of arbitrary code.", c.qual, "")
	}
}

func (a *analyzer) checkTarfile(c *call) {
	if !a.imports["tarfile"] || !strings.Contains(c.name, "extractall") {
		return
	}
	if f := a.kw(c, "filter"); f != nil {
		l := a.argValue(f)
		if l.is("data", "tar", "data_filter", "tar_filter") {
			return
		}
		a.report(c.node, nil, ruleTarfile, finding.Medium, "medium",
			c.qual+" with a filter that is not \"data\" or \"tar\": check that it discards unsafe members.", c.qual, "")
		return
	}
	if m := a.kw(c, "members"); m != nil {
		if unparen(m).Type == "call" {
			a.report(c.node, nil, ruleTarfile, finding.Low, "low",
				c.qual+"(members=function(...)): make sure the function discards dangerous members.", c.qual, "")
			return
		}
		a.report(c.node, nil, ruleTarfile, finding.Medium, "medium",
			c.qual+"(members=...) with members of unknown origin: check that they were validated.", c.qual, "")
		return
	}
	a.report(c.node, nil, ruleTarfile, finding.High, "high",
		c.qual+" used without any validation: members with absolute paths or .. are written outside the target.", c.qual, "")
}

func (a *analyzer) checkHashlibNew(c *call) {
	if c.name != "new" || !inParts(c.qual, "hashlib") {
		return
	}
	var name lit
	if len(c.args) > 0 {
		name = a.argValue(c.args[0])
	} else if v := a.kw(c, "name"); v != nil {
		name = a.argValue(v)
	} else {
		return
	}
	s, ok := name.str()
	if !ok {
		return
	}
	if l := strings.ToLower(s); l == "md4" || l == "md5" {
		a.report(c.node, nil, hashlibNewRule, finding.Medium, "high", "Use of insecure MD4 or MD5 hash function ("+c.qual+").", c.qual, "")
	}
}

// inParts reports whether part is one of the dotted components of q.
func inParts(q, part string) bool {
	for _, p := range strings.Split(q, ".") {
		if p == part {
			return true
		}
	}
	return false
}

func (a *analyzer) checkSSL(c *call) {
	switch c.qual {
	case "ssl.wrap_socket":
		if a.kwIs(c, "ssl_version", badSSL...) {
			a.report(c.node, a.kw(c, "ssl_version"), ruleSSLVersion, finding.High, "high",
				"ssl.wrap_socket call with insecure SSL/TLS protocol version identified, security issue.", c.qual, "")
		}
		if !a.hasKw(c, "ssl_version") {
			a.report(c.node, nil, ruleSSLNoVersion, finding.Low, "medium",
				"ssl.wrap_socket call with no SSL/TLS protocol version specified, the default SSLv23 could be insecure, possible security issue.", c.qual, "")
		}
		return
	case "pyOpenSSL.SSL.Context", "OpenSSL.SSL.Context":
		v := a.kw(c, "method")
		if v == nil && c.qual == "OpenSSL.SSL.Context" {
			v = c.arg(0)
		}
		if v != nil && a.argValue(v).is(badSSL...) {
			a.report(c.node, v, ruleSSLVersion, finding.High, "high",
				"SSL.Context call with insecure SSL/TLS protocol version identified, security issue.", c.qual, "")
		}
		return
	}
	if a.kwIs(c, "method", badSSL...) || a.kwIs(c, "ssl_version", badSSL...) {
		at := a.kw(c, "method")
		if at == nil {
			at = a.kw(c, "ssl_version")
		}
		a.report(c.node, at, ruleSSLVersion, finding.Medium, "medium",
			"Function call with insecure SSL/TLS protocol identified, possible security issue ("+c.qual+").", c.qual, "")
	}
}

func (a *analyzer) checkWeakKey(c *call) {
	keyType := map[string]string{
		"cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key": "DSA",
		"cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key": "RSA",
		"cryptography.hazmat.primitives.asymmetric.ec.generate_private_key":  "EC",
		"Crypto.PublicKey.DSA.generate":                                      "DSA-pycrypto",
		"Crypto.PublicKey.RSA.generate":                                      "RSA-pycrypto",
		"Cryptodome.PublicKey.DSA.generate":                                  "DSA-pycrypto",
		"Cryptodome.PublicKey.RSA.generate":                                  "RSA-pycrypto",
	}[c.qual]
	if keyType == "" {
		return
	}
	sizeOf := func(kwName string, pos int) (int64, bool) {
		var v *pyparse.Node
		if v = a.kw(c, kwName); v == nil {
			v = c.arg(pos)
		}
		if v == nil {
			return 2048, true
		}
		l := a.literal(v)
		switch l.kind {
		case litInt:
			if l.i == 0 {
				return 2048, true // Bandit's "or 2048"
			}
			return l.i, true
		case litNone:
			return 2048, true
		}
		return 0, false
	}
	var kind string
	var size int64
	var ok bool
	switch keyType {
	case "DSA":
		kind = "DSA"
		size, ok = sizeOf("key_size", 0)
	case "RSA":
		kind = "RSA"
		size, ok = sizeOf("key_size", 1)
	case "DSA-pycrypto", "RSA-pycrypto":
		kind = keyType[:3]
		size, ok = sizeOf("bits", 0)
	case "EC":
		kind, ok = "EC", true
		v := a.kw(c, "curve")
		if v == nil {
			v = c.arg(0)
		}
		curve := ""
		if v = unparen(v); v != nil {
			if v.Type == "call" {
				curve = lastPart(a.callee(v))
			} else if s, isStr := a.argValue(v).str(); isStr {
				curve = s
			}
		}
		size = map[string]int64{"SECP192R1": 192, "SECT163K1": 163, "SECT163R2": 163}[curve]
		if size == 0 {
			size = 224
		}
	}
	if !ok {
		return
	}
	limits := map[string][2]int64{"DSA": {1024, 2048}, "RSA": {1024, 2048}, "EC": {160, 224}}[kind]
	for i, sev := range []finding.Severity{finding.High, finding.Medium} {
		if size < limits[i] {
			a.report(c.node, nil, ruleWeakKey, sev, "high",
				fmt.Sprintf("%s key sizes below %d bits are considered breakable (%s).", kind, limits[i], c.qual), c.qual, "")
			return
		}
	}
}

func (a *analyzer) checkYAML(c *call) {
	if !a.importedModule("yaml") || !inParts(c.qual, "yaml") {
		return
	}
	switch c.name {
	case "unsafe_load", "unsafe_load_all":
		a.report(c.node, nil, ruleYAML, finding.Medium, "high", "Use of unsafe yaml load ("+c.qual+"). Allows instantiation of arbitrary objects. Consider yaml.safe_load().", c.qual, "")
	case "load", "load_all":
		loader := a.kw(c, "Loader")
		if loader == nil {
			loader = c.arg(1)
		}
		if loader != nil && a.argValue(loader).is("SafeLoader", "CSafeLoader", "BaseLoader") {
			return
		}
		a.report(c.node, nil, ruleYAML, finding.Medium, "high", "Use of unsafe yaml load ("+c.qual+"). Allows instantiation of arbitrary objects. Consider yaml.safe_load().", c.qual, "")
	}
}

func (a *analyzer) checkParamiko(c *call) {
	if !a.importedLike("paramiko") {
		return
	}
	switch c.name {
	case "set_missing_host_key_policy":
		p := unparen(c.arg(0))
		if p == nil {
			return
		}
		name := ""
		if p.Type == "call" {
			name = lastPart(a.callee(p))
		} else if s, ok := a.argValue(p).str(); ok {
			name = s
		}
		if name == "AutoAddPolicy" || name == "WarningPolicy" {
			a.report(c.node, nil, ruleSSHHostKey, finding.High, "medium",
				"Paramiko call with policy set to automatically trust the unknown host key ("+name+").", c.qual, "")
		}
	case "exec_command":
		sev, taint := finding.Medium, ""
		cmd := c.arg(0)
		if cmd == nil {
			cmd = a.kw(c, "command")
		}
		if cmd != nil {
			sev, taint = rate(a.flow.classify(cmd), finding.Medium)
		}
		a.report(c.node, nil, ruleParamiko, sev, "medium",
			"Possible shell injection via Paramiko call ("+c.qual+")"+flowNote(taint)+", check inputs are properly sanitized.", c.qual, taint)
	}
}

// hasShell is Bandit's has_shell: whether a shell= argument is given and true.
func (a *analyzer) hasShell(c *call) bool {
	v := unparen(a.kw(c, "shell"))
	if v == nil {
		return false
	}
	switch v.Type {
	case "integer":
		i, ok := parseInt(a.text(v))
		return !ok || i != 0
	case "float":
		f, ok := parseFloat(a.text(v))
		return !ok || f != 0
	case "list", "dictionary", "tuple", "set":
		if v.Type == "tuple" || v.Type == "set" {
			return true
		}
		return len(v.NamedChildren()) > 0
	case "false", "none":
		return false
	case "identifier":
		id := a.text(v)
		return id != "False" && id != "None"
	}
	return true
}

func (a *analyzer) checkShell(c *call) {
	inSub, inShell, inNoShell := subprocessFuncs[c.qual], shellFuncs[c.qual], noShellFuncs[c.qual]
	shell := a.hasShell(c)
	shellAt := a.kw(c, "shell")
	switch {
	case inSub && shell && len(c.args) > 0:
		sev, taint := rate(a.flow.classify(c.args[0]), finding.High)
		msg := c.qual + " with shell=True" + flowNote(taint) + ", security issue."
		if sev == finding.Low {
			msg = c.qual + " with shell=True seems safe" + flowNote(taint) + ", but may be changed in the future, consider rewriting without shell."
		}
		a.report(c.node, shellAt, ruleShell, sev, "high", msg, c.qual, taint)
	case inSub && !shell:
		a.report(c.node, shellAt, ruleNoShell, finding.Low, "high", c.qual+" call - check for execution of untrusted input.", c.qual, "")
	case !inSub && shell:
		sev, taint := finding.Medium, ""
		if arg := c.arg(0); arg != nil {
			sev, taint = rate(a.flow.classify(arg), finding.Medium)
		}
		name := c.qual
		if name == "" {
			name = "function"
		}
		a.report(c.node, shellAt, ruleShellOther, sev, "low", name+" called with shell=True"+flowNote(taint)+", possible security issue.", c.qual, taint)
	}
	if inShell && len(c.args) > 0 {
		sev, taint := rate(a.flow.classify(c.args[0]), finding.High)
		msg := "Starting a process with a shell (" + c.qual + ")" + flowNote(taint) + ", possible injection detected, security issue."
		if sev == finding.Low {
			msg = "Starting a process with a shell (" + c.qual + ")" + flowNote(taint) + ": seems safe, but may be changed in the future, consider rewriting without shell."
		}
		a.report(c.node, nil, ruleStartShell, sev, "high", msg, c.qual, taint)
	}
	if inNoShell {
		a.report(c.node, nil, ruleStartNoShell, finding.Low, "medium", "Starting a process without a shell ("+c.qual+").", c.qual, "")
	}
	if len(c.args) > 0 && (inSub || inShell || inNoShell) {
		first := unparen(c.args[0])
		if first.Type == "list" {
			elts := first.NamedChildren()
			if len(elts) == 0 {
				return
			}
			first = elts[0]
		}
		if l := a.literal(first); l.kind == litStr && !fullPath(l.s) {
			a.report(c.node, nil, rulePartialPath, finding.Low, "high", "Starting a process with a partial executable path ("+c.qual+").", c.qual, "")
		}
	}
}

// fullPath is Bandit's full_path_match: a drive letter and colon, or a
// leading slash, backslash or dot.
func fullPath(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '/', '\\', '.':
		return true
	}
	return len(s) > 1 && s[1] == ':' && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

func (a *analyzer) checkWildcard(c *call) {
	if !(shellFuncs[c.qual] || subprocessFuncs[c.qual] && a.kwIs(c, "shell", "True")) || len(c.args) == 0 {
		return
	}
	l := a.literal(c.args[0])
	var s string
	switch l.kind {
	case litList:
		var b strings.Builder
		for _, e := range l.elts {
			b.WriteString(" ")
			b.WriteString(e.text())
		}
		s = b.String()
	case litStr:
		s = l.s
	default:
		return
	}
	if !strings.Contains(s, "*") {
		return
	}
	for _, cmd := range []string{"chown", "chmod", "tar", "rsync"} {
		if strings.Contains(s, cmd) {
			a.report(c.node, a.kw(c, "shell"), ruleWildcard, finding.High, "medium",
				"Possible wildcard injection in call: "+c.qual+" ("+cmd+" with *).", c.qual, "")
			return
		}
	}
}

func (a *analyzer) checkDjango(c *call) {
	if c.name == "extra" && a.djangoExtraInsecure(c) {
		a.report(c.node, nil, ruleDjangoExtra, finding.Medium, "medium", "Use of extra potential SQL attack vector ("+c.qual+").", c.qual, "")
	}
	if c.name == "RawSQL" && a.importedLike("django.db.models") && len(c.args) > 0 && !a.isStr(c.args[0]) {
		sev, taint := rate(a.flow.classify(c.args[0]), finding.Medium)
		a.report(c.node, nil, ruleDjangoRawSQL, sev, "medium", "Use of RawSQL potential SQL attack vector"+flowNote(taint)+".", c.qual, taint)
	}
	if a.importedLike("django.utils.safestring") && len(c.args) > 0 {
		switch c.name {
		case "mark_safe", "SafeText", "SafeUnicode", "SafeString", "SafeBytes":
			if a.isStr(c.args[0]) {
				return
			}
			v := a.flow.classify(c.args[0])
			if v.class == constant {
				return
			}
			sev, taint := rate(v, finding.Medium)
			a.report(c.node, nil, ruleDjangoMarkSafe, sev, "high", "Potential XSS on "+c.name+" function"+flowNote(taint)+".", c.qual, taint)
		}
	}
}

// djangoExtraInsecure is Bandit's B610 test: where/tables not lists of
// string literals, or select not a dict of string literals.
func (a *analyzer) djangoExtraInsecure(c *call) bool {
	kw := map[string]*pyparse.Node{}
	for _, k := range c.kwargs {
		kw[a.text(k.ChildByField("name"))] = k.ChildByField("value")
	}
	for i, name := range []string{"select", "where", "params", "tables", "order_by", "select_params"} {
		if i < len(c.args) {
			kw[name] = c.args[i]
		}
	}
	for _, key := range []string{"where", "tables"} {
		v, ok := kw[key]
		if !ok {
			continue
		}
		v = unparen(v)
		if v.Type != "list" {
			return true
		}
		for _, e := range v.NamedChildren() {
			if !a.isStr(e) {
				return true
			}
		}
	}
	sel, ok := kw["select"]
	if !ok {
		return false
	}
	sel = unparen(sel)
	if sel.Type != "dictionary" {
		return true
	}
	for _, p := range sel.NamedChildren() {
		if p.Type != "pair" || !a.isStr(p.ChildByField("key")) || !a.isStr(p.ChildByField("value")) {
			return true
		}
	}
	return false
}

func (a *analyzer) checkTemplates(c *call) {
	if c.name == "Template" && inParts(c.qual, "mako") {
		a.report(c.node, nil, ruleMako, finding.Medium, "high",
			"Mako templates allow HTML/JS rendering by default and are inherently open to XSS attacks ("+c.qual+"). Ensure variables in all templates are properly sanitized via the 'n', 'h' or 'x' flags (depending on context).", c.qual, "")
	}
	if c.name != "Environment" || !inParts(c.qual, "jinja2") {
		return
	}
	// Bandit walks the whole call (breadth first) for the first autoescape=
	queue := []*pyparse.Node{c.node}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n.Type == "keyword_argument" && a.text(n.ChildByField("name")) == "autoescape" {
			v := unparen(n.ChildByField("value"))
			switch {
			case v == nil:
			case v.Type == "false" || v.Type == "identifier" && a.text(v) == "False":
				a.report(c.node, nil, ruleJinja, finding.High, "high",
					"Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Use autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.", c.qual, "")
				return
			case v.Type == "true" || v.Type == "identifier" && a.text(v) == "True":
				return
			case v.Type == "call" && lastPart(a.callee(v)) == "select_autoescape":
				return
			}
			a.report(c.node, nil, ruleJinja, finding.High, "medium",
				"Using jinja2 templates with autoescape=False is dangerous and can lead to XSS. Ensure autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.", c.qual, "")
			return
		}
		queue = append(queue, n.Children...)
	}
	a.report(c.node, nil, ruleJinja, finding.High, "high",
		"By default, jinja2 sets autoescape to False. Consider using autoescape=True or use the select_autoescape function to mitigate XSS vulnerabilities.", c.qual, "")
}
