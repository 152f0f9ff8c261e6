package systemd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// The documented resource limits (seed 4.3: CPU 80%, memory 8 GB, files 1M).
const (
	maxCPUPercent = 80
	maxMemory     = 8 << 30
	maxNOFILE     = 1 << 20
)

// The kinds of the limits' values, as systemd parses them.
var (
	percentKind = kind{"a percentage above 0", func(s string) bool { p, ok := percent(s); return ok && p > 0 }}
	memoryKind  = kind{"a size (a number with a K, M, G, T, P or E suffix, upper case), a percentage up to 100 or infinity",
		func(s string) bool {
			_, size := bytesize(s)
			p, pct := percent(s)
			return s == "infinity" || size || pct && p <= 100
		}}
	nofileKind = kind{"a number, infinity or soft:hard", func(s string) bool { _, ok := rlimit(s); return ok }}
)

func (c *checker) cpuQuota() {
	v := effective(c.all("CPUQuota"), percentKind)
	f := verdict{rule: "systemd.cpu_quota", key: "CPUQuota", sev: finding.Medium, at: v.where(), deployed: v.deployed(),
		limit: "CPUQuota ≤ 80%", fix: "set CPUQuota=80%"}
	if !v.active() {
		f.title = "No CPU quota"
		f.why = v.shown("CPUQuota", "unlimited") + ": a runaway strategy loop can take every core and starve the risk monitor"
		c.add(f)
		return
	}
	if p, _ := percent(v.Value); p > maxCPUPercent {
		f.title = "CPU quota above 80%"
		f.why = fmt.Sprintf("CPUQuota=%s lets the service use %.2f CPUs' worth of time", v.Value, p/100)
		c.add(f)
	}
}

func (c *checker) memoryMax() {
	key, all := "MemoryMax", c.all("MemoryMax")
	if len(all) == 0 && len(c.all("MemoryLimit")) > 0 {
		key, all = "MemoryLimit", c.all("MemoryLimit") // the deprecated cgroup-v1 name
	}
	v := effective(all, memoryKind)
	f := verdict{rule: "systemd.memory_max", key: "MemoryMax", sev: finding.Medium, at: v.where(), deployed: v.deployed(),
		limit: "MemoryMax ≤ 8G", fix: "set MemoryMax=8G"}
	n, _ := bytesize(v.Value)
	switch _, pct := percent(v.Value); {
	case !v.active() || v.Value == "infinity":
		f.title = "No memory limit"
		f.why = v.shown(key, "infinity") + ": a leak or runaway order book can exhaust the host and get other services OOM-killed"
		if v.active() {
			f.why = key + "=infinity: a leak or runaway order book can exhaust the host and get other services OOM-killed"
		}
	case pct:
		f.sev, f.title = finding.Low, "Memory limit relative to RAM"
		f.why = key + "=" + v.Value + " is a share of the host's RAM, which a repository scan cannot see, so it is unverifiable against 8G"
		f.fix = "set an absolute MemoryMax=8G"
	case n > maxMemory:
		f.title = "Memory limit above 8G"
		f.why = fmt.Sprintf("%s=%s allows %.1f GiB", key, v.Value, n/(1<<30))
	default:
		return
	}
	c.add(f)
}

func (c *checker) limitNOFILE() {
	v := effective(c.all("LimitNOFILE"), nofileKind)
	f := verdict{rule: "systemd.limit_nofile", key: "LimitNOFILE", sev: finding.Medium, at: v.where(), deployed: v.deployed(),
		limit: "LimitNOFILE ≤ 1048576", fix: "set LimitNOFILE=1048576"}
	if !v.active() {
		f.title = "No open-file limit"
		f.why = v.shown("LimitNOFILE", "from the host's DefaultLimitNOFILE=") + ": the limit is whatever the host configures"
		c.add(f)
		return
	}
	if n, _ := rlimit(v.Value); n > maxNOFILE {
		f.title = "Open-file limit above 1048576"
		f.why = "LimitNOFILE=" + v.Value + " lets a descriptor leak grow past the documented 1048576 open files"
		c.add(f)
	}
}

// decimal reads an unsigned decimal number with an optional fraction, and
// nothing else: no sign, exponent, hex, Inf or NaN, which ParseFloat would
// accept and a limit check must not.
func decimal(s string) (float64, bool) {
	if s == "" || len(s) > 32 || s == "." {
		return 0, false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '.' && !dot:
			dot = true
		case s[i] < '0' || s[i] > '9':
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// percent reads systemd's percentages: N%, N‰ (permille) or N‱ (permyriad),
// in percent.
func percent(s string) (float64, bool) {
	for _, u := range []struct {
		suffix string
		div    float64
	}{{"%", 1}, {"‰", 10}, {"‱", 100}} {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			n, ok := decimal(num)
			return n / u.div, ok
		}
	}
	return 0, false
}

// bytesize reads systemd's sizes (parse_size, base 1024): a number with an
// optional fraction and one of the suffixes B K M G T P E. systemd's
// suffixes are case-sensitive: "8g" is invalid and the setting ignored.
func bytesize(s string) (float64, bool) {
	mult := 1.0
	if s != "" {
		if i := strings.IndexByte("BKMGTPE", s[len(s)-1]); i >= 0 {
			mult = float64(uint64(1) << (10 * i)) // B=1, K=2^10 … E=2^60
			s = s[:len(s)-1]
		}
	}
	n, ok := decimal(s)
	return n * mult, ok
}

// rlimit reads LimitNOFILE=: a number or infinity, or soft:hard with
// soft ≤ hard. It returns the larger of the two.
func rlimit(s string) (float64, bool) {
	one := func(p string) (float64, bool) {
		if p == "infinity" {
			return 1 << 64, true
		}
		n, err := strconv.ParseUint(p, 10, 64)
		return float64(n), err == nil
	}
	soft, hard, pair := strings.Cut(s, ":")
	a, ok := one(soft)
	if !pair || !ok {
		return a, ok
	}
	b, ok := one(hard)
	return b, ok && a <= b
}
