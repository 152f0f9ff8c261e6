package systemd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// A 64-hex private key and a live-looking payment token, planted where a
// value belongs (issue #10: a secret pasted as MemoryMax= was printed whole
// in every report).
const (
	plantedKey   = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	plantedToken = "sk_live_51HxQ2dLkW8pZr7TqY3vNcMb"
)

// TestNoValueEchoed plants the secrets in the settings riskcheck judges, in
// a drop-in and in the main unit, and in lines that do not parse: no
// finding's title, message or detail may hold any 8 characters of either.
func TestNoValueEchoed(t *testing.T) {
	hardened := read(t, "hardened.service")
	settings := []string{"MemoryMax", "MemoryLimit", "CPUQuota", "LimitNOFILE", "NoNewPrivileges", "ProtectSystem",
		"DynamicUser", "ProtectHome", "PrivateTmp", "ProtectControlGroups", "PrivateDevices", "User",
		"CapabilityBoundingSet", "RestrictAddressFamilies", "SystemCallFilter", "RestrictNamespaces"}
	for _, secret := range []string{plantedKey, plantedToken} {
		for _, key := range settings {
			for _, tc := range []struct {
				name, unit, dropin string
			}{
				{"drop-in", string(hardened), "[Service]\n" + key + "=" + secret + "\n"},
				{"after a reset", string(hardened), "[Service]\n" + key + "=\n" + key + "=" + secret + "\n"},
				{"main unit", "[Service]\n" + key + "=" + secret + "\nExecStart=/bin/true\n", ""},
			} {
				var ds []DropIn
				if tc.dropin != "" {
					ds = []DropIn{{"deploy/bot.service.d/10-x.conf", []byte(tc.dropin)}}
				}
				assertNoSecret(t, key+" in "+tc.name, Check("deploy/bot.service", []byte(tc.unit), ds), secret)
			}
		}
		for name, unit := range map[string]string{
			"bare line":             "[Service]\n" + secret + "\n",
			"key with a space":      "[Service]\n" + secret + " x=1\n",
			"before a header":       secret + "=1\n[Service]\nUser=bot\n",
			"bad header":            "[" + secret + "\n[Service]\n",
			"header and junk":       "[Service]\nUser=bot\n[" + secret + "]x\n",
			"continued into a line": "[Service]\nMemoryMax=8G\\\n" + secret + "\n",
		} {
			assertNoSecret(t, name, Check("deploy/bot.service", []byte(unit), []DropIn{{"deploy/bot.service.d/x.conf", []byte(unit)}}), secret)
		}
	}
}

func assertNoSecret(t *testing.T, name string, fs []finding.Finding, secret string) {
	t.Helper()
	var texts []string
	for _, f := range fs {
		texts = append(texts, f.Title, f.Message)
		for _, v := range f.Detail {
			b, _ := json.Marshal(v)
			texts = append(texts, string(b))
		}
	}
	all := strings.Join(texts, "\n")
	for i := 0; i+8 <= len(secret); i++ {
		if strings.Contains(all, secret[i:i+8]) {
			t.Errorf("%s: %q of the planted secret is in a finding:\n%s", name, secret[i:i+8], all)
			return
		}
	}
}

// TestInvalidValuesGolden shows how values systemd ignores are reported.
func TestInvalidValuesGolden(t *testing.T) {
	testutil.GoldenJSON(t, "invalid.golden.json", Check("deploy/invalid.service", read(t, "invalid.service"), nil))
}
