package systemd

import (
	"fmt"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// exposureWeights are how much each setting lowers the exposure score when
// it is hardened, in the spirit of `systemd-analyze security`: the weights
// add up to 10, so a unit with none of them scores 10 (fully exposed).
var exposureWeights = map[string]float64{
	"User":                    1.0, // non-root
	"NoNewPrivileges":         1.0,
	"ProtectSystem":           1.0, // strict; full counts half
	"CapabilityBoundingSet":   1.0, // empty, or without CAP_SYS_ADMIN
	"ProtectHome":             0.8,
	"PrivateTmp":              0.6,
	"PrivateDevices":          0.6,
	"ProtectKernelTunables":   0.6,
	"ProtectKernelModules":    0.6,
	"RestrictAddressFamilies": 0.6,
	"ProtectControlGroups":    0.5,
	"RestrictNamespaces":      0.5,
	"MemoryDenyWriteExecute":  0.4,
	"SystemCallFilter":        0.4,
	"LockPersonality":         0.2,
	"RestrictRealtime":        0.2,
}

// hardened returns the share (0–1) of a setting's weight the unit earns.
func (c *checker) hardened(key string) float64 {
	s, ok := c.get(key)
	v := strings.ToLower(s.Value)
	switch key {
	case "User":
		if d, ok := c.get("DynamicUser"); ok && yes(d.Value) {
			return 1
		}
		if ok && v != "" && v != "root" && v != "0" {
			return 1
		}
	case "ProtectSystem":
		switch {
		case v == "strict":
			return 1
		case v == "full" || yes(v):
			return 0.5
		}
	case "ProtectHome":
		if ok && (yes(v) || v == "read-only" || v == "tmpfs") {
			return 1
		}
	case "CapabilityBoundingSet":
		// empty means the empty set: the most restrictive
		if ok && (v == "" || (!strings.HasPrefix(v, "~") && !strings.Contains(v, "cap_sys_admin"))) {
			return 1
		}
	case "RestrictAddressFamilies", "SystemCallFilter":
		if ok && v != "" && !strings.HasPrefix(v, "~") {
			return 1
		}
		if ok && strings.HasPrefix(v, "~") {
			return 0.5 // a deny-list is weaker than an allow-list
		}
	default:
		if ok && yes(v) {
			return 1
		}
	}
	return 0
}

// exposure sums the weights of what is not hardened and reports the score
// with the missing settings: 7 or more medium, 4 or more low, else info.
func (c *checker) exposure() {
	score := 0.0
	missing := map[string]float64{}
	for key, w := range exposureWeights {
		if got := c.hardened(key); got < 1 {
			score += w * (1 - got)
			missing[key] = w
		}
	}
	if len(missing) == 0 {
		return
	}
	score = float64(int(score*10+0.5)) / 10
	sev := finding.Info
	switch {
	case score >= 7:
		sev = finding.Medium
	case score >= 4:
		sev = finding.Low
	}
	names := sortedKeys(missing)
	c.out = append(c.out, finding.Finding{RuleID: "systemd.exposure", Severity: sev, Title: fmt.Sprintf("Service exposure %.1f/10", score),
		Message: fmt.Sprintf("exposure score %.1f of 10 (10 = fully exposed): not hardened: %s; set them as in the README's hardened unit",
			score, strings.Join(names, ", ")),
		Location: finding.Location{Path: c.path, StartLine: c.u.Sections["Service"], EndLine: c.u.Sections["Service"]}, Identity: "exposure",
		Detail: map[string]any{"score": score, "missing": names, "deployed": fmt.Sprintf("%.1f", score), "limit": "0.0",
			"fix": "harden: " + strings.Join(names, ", ")}})
}
