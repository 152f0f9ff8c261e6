package systemd

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// exposureWeights are how much each setting adds to the exposure score when
// it is not hardened, in the spirit of `systemd-analyze security` (which
// weighs privilege, file-system and kernel access highest). They add up to
// 10, so a unit with none of them scores 10: fully exposed.
var exposureWeights = map[string]float64{
	"User":                    1.0, // non-root, or DynamicUser=yes
	"NoNewPrivileges":         1.0,
	"ProtectSystem":           1.0, // strict; full or yes earn half
	"CapabilityBoundingSet":   1.0, // no privileged capability; keeping some but not CAP_SYS_ADMIN earns half
	"ProtectHome":             0.8, // yes, read-only or tmpfs
	"PrivateTmp":              0.6,
	"PrivateDevices":          0.6,
	"ProtectKernelTunables":   0.6,
	"ProtectKernelModules":    0.6,
	"RestrictAddressFamilies": 0.6, // an allow-list; a ~deny-list earns half
	"ProtectControlGroups":    0.5,
	"RestrictNamespaces":      0.5, // yes or an allow-list; a ~deny-list earns half
	"MemoryDenyWriteExecute":  0.4,
	"SystemCallFilter":        0.4, // an allow-list such as @system-service; a ~deny-list earns half
	"LockPersonality":         0.2,
	"RestrictRealtime":        0.2,
}

// hardenedValue is the value each setting should have, for the fix.
var hardenedValue = map[string]string{
	"User": "jesse", "ProtectSystem": "strict", "CapabilityBoundingSet": " (empty)",
	"RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "SystemCallFilter": "@system-service",
}

// privileged are the capabilities that let a compromised service break out
// of its sandbox or take over the host.
var privileged = []string{"CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_BOOT",
	"CAP_SYS_TIME", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_SETUID",
	"CAP_SETGID", "CAP_SETPCAP", "CAP_CHOWN", "CAP_FOWNER", "CAP_BPF", "CAP_PERFMON", "CAP_MKNOD",
	"CAP_LINUX_IMMUTABLE", "CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE", "CAP_SYS_CHROOT", "CAP_KILL"}

// protects are the non-boolean values that count as hardened:
// ProtectHome=read-only|tmpfs, PrivateTmp=disconnected,
// ProtectControlGroups=private|strict.
var protects = map[string]bool{"read-only": true, "tmpfs": true, "disconnected": true, "private": true, "strict": true}

// hardened is the share (0–1) of a setting's weight the unit earns.
func (c *checker) hardened(key string) float64 {
	all := c.all(key)
	switch key {
	case "User":
		if _, on := boolSetting(c.all("DynamicUser")); on {
			return 1
		}
		v := effective(all, userName)
		if name := strings.TrimSpace(v.Value); v.active() && name != "root" && name != "0" {
			return 1
		}
	case "ProtectSystem":
		v := effective(all, protect)
		on, _ := parseBool(v.Value)
		switch {
		case v.active() && v.Value == "strict":
			return 1
		case v.active() && (v.Value == "full" || on):
			return 0.5
		}
	case "ProtectHome", "PrivateTmp", "ProtectControlGroups":
		v := effective(all, kind{"a boolean, read-only, tmpfs, disconnected, private or strict", func(s string) bool { return isBool(s) || protects[s] }})
		on, _ := parseBool(v.Value)
		if v.active() && (on || protects[v.Value]) {
			return 1
		}
	case "CapabilityBoundingSet":
		set, ok := boundingSet(all)
		if !ok || set.has("CAP_SYS_ADMIN") {
			return 0
		}
		for _, cp := range privileged {
			if set.has(cp) {
				return 0.5
			}
		}
		return 1
	case "RestrictAddressFamilies", "SystemCallFilter", "RestrictNamespaces":
		var mode listMode
		switch key {
		case "RestrictAddressFamilies":
			mode = listSetting(all, "none")
		case "SystemCallFilter":
			mode = listSetting(all, "")
		default:
			mode = namespaces(all)
		}
		switch mode {
		case listAllow:
			return 1
		case listDeny:
			return 0.5
		}
	default:
		if _, on := boolSetting(all); on {
			return 1
		}
	}
	return 0
}

// exposure sums the weights of what is not hardened and reports the score
// with the missing settings: 7 or more is medium, 4 or more low, else info.
// A unit with every setting hardened has no exposure finding.
func (c *checker) exposure() {
	keys := make([]string, 0, len(exposureWeights))
	for k := range exposureWeights {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a fixed order keeps the float sum, and so the score, stable
	score, missing, fixes := 0.0, []string{}, []string{}
	for _, k := range keys {
		if got := c.hardened(k); got < 1 {
			score += exposureWeights[k] * (1 - got)
			missing = append(missing, k)
			want, ok := hardenedValue[k]
			if !ok {
				want = "yes"
			}
			fixes = append(fixes, k+"="+want)
		}
	}
	if len(missing) == 0 {
		return
	}
	score = math.Round(score*10) / 10
	sev := finding.Info
	switch {
	case score >= 7:
		sev = finding.Medium
	case score >= 4:
		sev = finding.Low
	}
	c.add(verdict{rule: "systemd.exposure", key: "exposure", sev: sev, title: fmt.Sprintf("Service exposure %.1f/10", score),
		why:      fmt.Sprintf("exposure score %.1f/10 (10 = fully exposed), not hardened: %s", score, strings.Join(missing, ", ")),
		deployed: fmt.Sprintf("%.1f/10", score), limit: "every sandboxing setting hardened (score 0)", fix: "set " + strings.Join(fixes, ", "),
		extra: map[string]any{"score": score, "missing": missing}})
}
