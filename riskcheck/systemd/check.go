package systemd

import (
	"strconv"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// DropIn is one *.service.d/*.conf override. The caller gives them in
// systemd's order (lexical by file name), so later ones win.
type DropIn struct {
	Path string
	Data []byte
}

const (
	scanner = "riskcheck"
	man     = "https://www.freedesktop.org/software/systemd/man/latest/"
)

// rules holds each rule's CWE and reference page.
var rules = map[string]struct{ cwe, help string }{
	"systemd.user":               {"CWE-250", man + "systemd.exec.html#User="},
	"systemd.no_new_privileges":  {"CWE-269", man + "systemd.exec.html#NoNewPrivileges="},
	"systemd.protect_system":     {"CWE-732", man + "systemd.exec.html#ProtectSystem="},
	"systemd.cpu_quota":          {"CWE-770", man + "systemd.resource-control.html#CPUQuota="},
	"systemd.memory_max":         {"CWE-770", man + "systemd.resource-control.html#MemoryMax=bytes"},
	"systemd.limit_nofile":       {"CWE-770", man + "systemd.exec.html#LimitNOFILE="},
	"systemd.exposure":           {"CWE-250", man + "systemd-analyze.html"},
	"systemd.no_service_section": {"", man + "systemd.service.html"},
	"systemd.parse_error":        {"", man + "systemd.syntax.html"},
}

// verdict is one failed rule before it becomes a finding.
type verdict struct {
	rule, key string // the rule and the setting it is about (the identity)
	sev       finding.Severity
	at        Setting // where the effective value was set; zero: the [Service] header
	title     string
	why       string // what the deployed value means, naming it
	deployed  string
	limit     string
	fix       string
	extra     map[string]any // more detail, beside deployed, limit and fix
}

// checker gathers the findings for one unit.
type checker struct {
	path string
	u    *Unit
	svc  Section // the [Service] header findings about absent settings point at
	out  []finding.Finding
}

// Check parses a service unit with its drop-ins and applies every rule. A
// malformed line is a systemd.parse_error finding naming the file and line,
// and the rest of the unit is still checked; only a main unit with nothing
// usable in it (binary, oversized, no valid line) stops the checks. Files
// that are not *.service units have no findings.
func Check(path string, unit []byte, dropins []DropIn) []finding.Finding {
	if !strings.HasSuffix(path, ".service") {
		return nil
	}
	c := &checker{path: path, u: &Unit{}}
	r := c.u.read(path, unit)
	c.parseError(r)
	if r.fatal {
		return c.out
	}
	for _, d := range dropins {
		c.parseError(c.u.read(d.Path, d.Data))
	}
	var ok bool
	if c.svc, ok = c.service(); !ok {
		c.add(verdict{rule: "systemd.no_service_section", key: "[Service]", sev: finding.Medium, title: "Unit has no [Service] section",
			why: "the unit has no [Service] section, so none of its hardening can be verified", deployed: "absent", limit: "a [Service] section",
			fix: "add the [Service] section with the hardened settings"})
		return c.out
	}
	c.user()
	c.noNewPrivileges()
	c.protectSystem()
	c.cpuQuota()
	c.memoryMax()
	c.limitNOFILE()
	c.exposure()
	return c.out
}

// service finds the [Service] header: the main unit's, else a drop-in's.
func (c *checker) service() (Section, bool) {
	var found *Section
	for i, s := range c.u.Sections {
		if s.Name == "Service" && (found == nil || s.Path == c.path && found.Path != c.path) {
			found = &c.u.Sections[i]
		}
	}
	if found == nil {
		return Section{Path: c.path}, false
	}
	return *found, true
}

func (c *checker) parseError(r readResult) {
	if r.first == nil {
		return
	}
	msg := r.first.Error()
	if r.bad > 1 {
		msg += " (and " + strconv.Itoa(r.bad-1) + " more malformed lines)"
	}
	v := verdict{rule: "systemd.parse_error", key: "syntax", sev: finding.Medium, title: "systemd unit line cannot be parsed",
		at: Setting{Path: r.first.Path, Line: r.first.Line}, deployed: "malformed", limit: "valid unit file syntax",
		fix: "correct the line; `systemd-analyze verify` shows what systemd makes of the file",
		why: msg + ": systemd skips such lines, so what it runs may differ from what the file seems to say"}
	if r.fatal {
		v.title, v.deployed = "systemd unit cannot be parsed", "unusable"
		v.why = msg + ": systemd can use nothing in this file, and nothing in it was checked"
		v.fix = "replace it with a valid unit file (`systemd-analyze verify` checks it)"
	}
	c.add(v)
}

// add turns a verdict into a finding. The identity is the rule and the
// setting, never a line, so the fingerprint survives edits around it.
func (c *checker) add(v verdict) {
	at := finding.Location{Path: v.at.Path, StartLine: v.at.Line, EndLine: v.at.Line}
	if at.Path == "" {
		at = finding.Location{Path: c.svc.Path, StartLine: c.svc.Line, EndLine: c.svc.Line}
	}
	if at.Path == "" {
		at.Path = c.path
	}
	f := finding.Finding{Scanner: scanner, RuleID: v.rule, Severity: v.sev, Title: v.title, Location: at,
		Message:  v.why + "; required is " + v.limit + seedRef(v.rule) + "; fix: " + v.fix,
		HelpURI:  rules[v.rule].help,
		Identity: v.rule + " " + v.key,
		Detail:   map[string]any{"deployed": v.deployed, "limit": v.limit, "fix": v.fix}}
	for k, x := range v.extra {
		f.Detail[k] = x
	}
	if cwe := rules[v.rule].cwe; cwe != "" {
		f.CWE = []string{cwe}
	}
	c.out = append(c.out, f)
}

// seedRef cites the seed's section for the documented rules.
func seedRef(rule string) string {
	if rule == "systemd.parse_error" || rule == "systemd.no_service_section" {
		return ""
	}
	return " (seed 4.3)"
}

func (c *checker) all(key string) []Setting { return c.u.All("Service", key) }

func (c *checker) user() {
	if _, on := boolSetting(c.all("DynamicUser")); on {
		return // systemd allocates an unprivileged user at start
	}
	v := effective(c.all("User"), userName)
	name := strings.TrimSpace(v.Value)
	if v.active() && name != "root" && name != "0" {
		return
	}
	deployed := "root"
	if v.active() {
		deployed = name
	}
	c.add(verdict{rule: "systemd.user", key: "User", sev: finding.High, at: v.where(), title: "Trading service runs as root",
		why: v.shown("User", "root") + ": the bot, and anything an attacker makes it run, controls the whole host", deployed: deployed,
		limit: "a dedicated non-root User= or DynamicUser=yes", fix: "create a dedicated account and set User=jesse"})
}

func (c *checker) noNewPrivileges() {
	v, on := boolSetting(c.all("NoNewPrivileges"))
	if on {
		return
	}
	c.add(verdict{rule: "systemd.no_new_privileges", key: "NoNewPrivileges", sev: finding.High, at: v.where(), title: "Service can gain privileges",
		why: v.shown("NoNewPrivileges", "no") + ": setuid binaries and file capabilities can raise the service's privileges", deployed: v.deployed(),
		limit: "NoNewPrivileges=yes", fix: "set NoNewPrivileges=yes"})
}

func (c *checker) protectSystem() {
	v := effective(c.all("ProtectSystem"), protect)
	if v.active() && v.Value == "strict" {
		return
	}
	f := verdict{rule: "systemd.protect_system", key: "ProtectSystem", sev: finding.High, at: v.where(), title: "File system writable by the service",
		deployed: v.deployed(), limit: "ProtectSystem=strict",
		fix: "set ProtectSystem=strict and list the paths the bot writes in ReadWritePaths= (or use StateDirectory=, LogsDirectory=)",
		why: v.shown("ProtectSystem", "no") + ": the service can write anywhere its user can, including its own code"}
	if on, _ := parseBool(v.Value); v.active() && (v.Value == "full" || on) {
		ro := "/usr and /boot"
		if v.Value == "full" {
			ro = "/usr, /boot and /etc"
		}
		f.sev, f.title = finding.Medium, "ProtectSystem is weaker than strict"
		f.why = v.shown("ProtectSystem", "no") + " makes only " + ro + " read-only, leaving /opt, /var, /srv and the rest writable"
	}
	c.add(f)
}
