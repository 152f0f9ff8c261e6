package systemd

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// DropIn is one *.service.d/*.conf override, given in systemd's order.
type DropIn struct {
	Path string
	Data []byte
}

// The documented resource limits (seed 4.3: CPU 80%, memory 8 GB, files 1M).
const (
	maxCPUQuota = 80
	maxMemory   = 8 << 30
	maxNOFILE   = 1 << 20
)

// checker gathers the findings for one unit.
type checker struct {
	path string
	u    *Unit
	out  []finding.Finding
}

// Check parses a service unit with its drop-ins and applies every rule. A
// unit that does not parse is a systemd.parse_error finding naming the line.
func Check(path string, unit []byte, dropins []DropIn) []finding.Finding {
	u := &Unit{Sections: map[string]int{}}
	err := u.add(path, unit, true)
	for _, d := range dropins {
		if err != nil {
			break
		}
		err = u.add(d.Path, d.Data, false)
	}
	if err != nil {
		var pe *ParseError
		line, where := 0, path
		if errors.As(err, &pe) {
			line, where = pe.Line, pe.Path
		}
		return []finding.Finding{{RuleID: "systemd.parse_error", Severity: finding.Medium, Title: "systemd unit cannot be parsed",
			Message:  fmt.Sprintf("%v; the service's hardening was not checked", err),
			Location: finding.Location{Path: where, StartLine: line, EndLine: line}, Identity: "parse",
			Detail: map[string]any{"deployed": "unparseable", "limit": "a valid unit file", "fix": "fix the unit file syntax (systemd-analyze verify)"}}}
	}
	c := &checker{path: path, u: u}
	if _, ok := u.Sections["Service"]; !ok {
		c.add("systemd.no_service_section", finding.Medium, Setting{}, "Unit has no [Service] section",
			"a .service unit without a [Service] section runs nothing the checks can verify", "absent", "[Service]", "add the [Service] section")
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

// add records a finding at the setting that caused it, or at the [Service]
// header when the setting is absent.
func (c *checker) add(rule string, sev finding.Severity, s Setting, title, msg, deployed, limit, fix string) {
	path, line := s.Path, s.Line
	if path == "" {
		path, line = c.path, c.u.Sections["Service"]
	}
	c.out = append(c.out, finding.Finding{RuleID: rule, Severity: sev, Title: title, Message: msg + "; " + fix,
		Location: finding.Location{Path: path, StartLine: line, EndLine: line}, Identity: rule,
		Detail: map[string]any{"deployed": deployed, "limit": limit, "fix": fix}})
}

func (c *checker) get(key string) (Setting, bool) { return c.u.Get("Service", key) }

func yes(v string) bool {
	switch strings.ToLower(v) {
	case "1", "yes", "true", "on":
		return true
	}
	return false
}

func (c *checker) user() {
	if d, ok := c.get("DynamicUser"); ok && yes(d.Value) {
		return
	}
	s, ok := c.get("User")
	switch {
	case !ok || s.Value == "":
		c.add("systemd.user", finding.High, s, "Service runs as root", "no User= is set, so the service runs as root", "root (no User=)", "a dedicated non-root user", "set User= to a dedicated account (the seed uses jesse)")
	case s.Value == "root" || s.Value == "0":
		c.add("systemd.user", finding.High, s, "Service runs as root", "User="+s.Value+" runs the trading service as root", s.Value, "a dedicated non-root user", "set User= to a dedicated account (the seed uses jesse)")
	}
}

func (c *checker) noNewPrivileges() {
	s, ok := c.get("NoNewPrivileges")
	if !ok || !yes(s.Value) {
		c.add("systemd.no_new_privileges", finding.High, s, "NoNewPrivileges is off", "without NoNewPrivileges=yes the service can gain privileges through setuid binaries", valueOr(s, ok, "unset"), "yes", "set NoNewPrivileges=yes")
	}
}

func (c *checker) protectSystem() {
	s, ok := c.get("ProtectSystem")
	v := strings.ToLower(s.Value)
	switch {
	case ok && v == "strict":
	case ok && (v == "full" || yes(v)):
		c.add("systemd.protect_system", finding.Medium, s, "ProtectSystem is not strict", "ProtectSystem="+s.Value+" leaves most of the file system writable", s.Value, "strict", "set ProtectSystem=strict and list writable paths in ReadWritePaths=")
	default:
		c.add("systemd.protect_system", finding.High, s, "ProtectSystem is off", "the service can write anywhere on the file system", valueOr(s, ok, "unset"), "strict", "set ProtectSystem=strict and list writable paths in ReadWritePaths=")
	}
}

func (c *checker) cpuQuota() {
	s, ok := c.get("CPUQuota")
	if !ok || s.Value == "" {
		c.add("systemd.cpu_quota", finding.Medium, s, "No CPU quota", "CPUQuota is not set, so a runaway strategy can take every core", "unset", "≤ 80%", "set CPUQuota=80%")
		return
	}
	pct, err := strconv.ParseFloat(strings.TrimSuffix(s.Value, "%"), 64)
	if err != nil || !strings.HasSuffix(s.Value, "%") {
		c.add("systemd.cpu_quota", finding.Medium, s, "Unreadable CPU quota", "CPUQuota="+s.Value+" is not a percentage", s.Value, "≤ 80%", "set CPUQuota=80%")
		return
	}
	if pct > maxCPUQuota {
		c.add("systemd.cpu_quota", finding.Medium, s, "CPU quota above limit", fmt.Sprintf("CPUQuota=%s is above the documented 80%%", s.Value), s.Value, "≤ 80%", "set CPUQuota=80%")
	}
}

func (c *checker) memoryMax() {
	s, ok := c.get("MemoryMax")
	if !ok {
		s, ok = c.get("MemoryLimit") // the cgroup-v1 name
	}
	if !ok || s.Value == "" {
		c.add("systemd.memory_max", finding.Medium, s, "No memory limit", "MemoryMax is not set, so a leak can exhaust the host", "unset", "≤ 8G", "set MemoryMax=8G")
		return
	}
	if strings.HasSuffix(s.Value, "%") {
		c.add("systemd.memory_max", finding.Low, s, "Memory limit relative to RAM", "MemoryMax="+s.Value+" depends on the host's RAM and cannot be checked against 8G here", s.Value, "≤ 8G", "set an absolute MemoryMax=8G")
		return
	}
	n, err := parseBytes(s.Value)
	switch {
	case err != nil:
		c.add("systemd.memory_max", finding.Medium, s, "Unreadable memory limit", "MemoryMax="+s.Value+": "+err.Error(), s.Value, "≤ 8G", "set MemoryMax=8G")
	case n > maxMemory:
		c.add("systemd.memory_max", finding.Medium, s, "Memory limit above limit", fmt.Sprintf("MemoryMax=%s is above the documented 8G", s.Value), s.Value, "≤ 8G", "set MemoryMax=8G")
	}
}

func (c *checker) limitNOFILE() {
	s, ok := c.get("LimitNOFILE")
	if !ok || s.Value == "" {
		c.add("systemd.limit_nofile", finding.Medium, s, "No open-file limit", "LimitNOFILE is not set", "unset", "≤ 1048576", "set LimitNOFILE=1048576")
		return
	}
	worst := 0.0
	for _, part := range strings.Split(s.Value, ":") { // soft:hard
		if strings.EqualFold(part, "infinity") {
			worst = math.Inf(1)
			continue
		}
		n, err := strconv.ParseFloat(part, 64)
		if err != nil {
			c.add("systemd.limit_nofile", finding.Medium, s, "Unreadable open-file limit", "LimitNOFILE="+s.Value+" is not a number", s.Value, "≤ 1048576", "set LimitNOFILE=1048576")
			return
		}
		worst = math.Max(worst, n)
	}
	if worst > maxNOFILE {
		c.add("systemd.limit_nofile", finding.Medium, s, "Open-file limit above limit", fmt.Sprintf("LimitNOFILE=%s is above the documented 1048576", s.Value), s.Value, "≤ 1048576", "set LimitNOFILE=1048576")
	}
}

// parseBytes reads systemd's sizes: bytes or K/M/G/T (base 1024); infinity is unbounded.
func parseBytes(v string) (float64, error) {
	if strings.EqualFold(v, "infinity") {
		return math.Inf(1), nil
	}
	mult := 1.0
	switch strings.ToUpper(v[len(v)-1:]) {
	case "K":
		mult = 1 << 10
	case "M":
		mult = 1 << 20
	case "G":
		mult = 1 << 30
	case "T":
		mult = 1 << 40
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a size")
	}
	return n * mult, nil
}

func valueOr(s Setting, ok bool, def string) string {
	if !ok {
		return def
	}
	return s.Value
}

// sortedKeys is used for stable "missing" lists.
func sortedKeys(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
