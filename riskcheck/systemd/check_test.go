package systemd

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

var read = testutil.Fixture

// unit reads testdata/name and its drop-ins (testdata/name.d/*.conf) in
// systemd's order, as the caller does.
func unit(t *testing.T, name string) ([]byte, []DropIn) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", name+".d", "*.conf"))
	sort.Strings(paths)
	var ds []DropIn
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, DropIn{Path: "deploy/" + name + ".d/" + filepath.Base(p), Data: b})
	}
	return read(t, name), ds
}

// verdicts lists rule:severity, sorted, so a case states all it expects.
func verdicts(fs []finding.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.RuleID+":"+f.Severity.String())
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

const low1 = "systemd.exposure:info" // the exposure of one missing setting

func TestUnits(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"hardened.service", ""},
		{"weak.service", "systemd.cpu_quota:medium systemd.exposure:medium systemd.limit_nofile:medium systemd.memory_max:medium systemd.no_new_privileges:high systemd.protect_system:medium systemd.user:high"},
		{"weakened.service", "systemd.exposure:info systemd.limit_nofile:medium systemd.memory_max:medium systemd.no_new_privileges:high systemd.user:high"},
		{"continuation.service", "systemd.exposure:info systemd.no_new_privileges:high"},
		{"repeated.service", "systemd.exposure:info systemd.protect_system:medium"},
		{"no-service.service", "systemd.no_service_section:medium"},
	} {
		data, ds := unit(t, tc.name)
		fs := Check("deploy/"+tc.name, data, ds)
		if got := verdicts(fs); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
		checkShape(t, fs)
	}
}

// TestRules applies each testdata/cases/*.conf as a drop-in over the
// hardened unit: one passing and one failing case per rule at least.
func TestRules(t *testing.T) {
	hardened := read(t, "hardened.service")
	for _, tc := range []struct{ name, want string }{
		{"user-root", low1 + " systemd.user:high"},
		{"user-uid0", low1 + " systemd.user:high"},
		{"user-reset", low1 + " systemd.user:high"},
		{"user-uid", ""},
		{"user-dynamic", ""},
		{"nnp-no", low1 + " systemd.no_new_privileges:high"},
		{"nnp-reset", low1 + " systemd.no_new_privileges:high"},
		{"nnp-one", ""},
		{"nnp-typo-ignored", ""},
		{"protect-full", low1 + " systemd.protect_system:medium"},
		{"protect-yes", low1 + " systemd.protect_system:medium"},
		{"protect-off", low1 + " systemd.protect_system:high"},
		{"cpu-over", "systemd.cpu_quota:medium"},
		{"cpu-reset", "systemd.cpu_quota:medium"},
		{"cpu-invalid", "systemd.cpu_quota:medium"},
		{"cpu-permille", ""},
		{"cpu-fraction", ""},
		{"memory-over", "systemd.memory_max:medium"},
		{"memory-infinity", "systemd.memory_max:medium"},
		{"memory-percent", "systemd.memory_max:low"},
		{"memory-lowercase", "systemd.memory_max:medium"},
		{"memory-reset", "systemd.memory_max:medium"},
		{"memory-nan", "systemd.memory_max:medium"},
		{"memory-mebibytes", ""},
		{"memory-bytes", ""},
		{"nofile-over", "systemd.limit_nofile:medium"},
		{"nofile-infinity", "systemd.limit_nofile:medium"},
		{"nofile-reset", "systemd.limit_nofile:medium"},
		{"nofile-pair", ""},
		{"caps-sys-admin", low1},
		{"caps-deny-list", low1},
		{"lists-reset", low1},
		{"lists-deny", low1},
		{"bad-line", low1 + " systemd.parse_error:medium systemd.user:high"},
		{"no-header", "systemd.parse_error:medium"},
	} {
		conf := "deploy/bot.service.d/" + tc.name + ".conf"
		fs := Check("deploy/bot.service", hardened, []DropIn{{conf, read(t, "cases/"+tc.name+".conf")}})
		if got := verdicts(fs); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
		for _, f := range fs {
			if f.RuleID != "systemd.exposure" && f.Path != conf {
				t.Errorf("%s: %s points at %s:%d, not at the drop-in that set it", tc.name, f.RuleID, f.Path, f.StartLine)
			}
		}
		checkShape(t, fs)
	}
}

// checkShape holds every finding to the contract: scanner, a location,
// deployed/limit/fix in Detail and a message that names them.
func checkShape(t *testing.T, fs []finding.Finding) {
	t.Helper()
	for _, f := range fs {
		if f.Scanner != "riskcheck" || f.Path == "" || f.Identity == "" || f.HelpURI == "" || f.Title == "" {
			t.Errorf("%s: incomplete finding %+v", f.RuleID, f)
		}
		for _, k := range []string{"deployed", "limit", "fix"} {
			if s, _ := f.Detail[k].(string); s == "" {
				t.Errorf("%s: detail %q is empty", f.RuleID, k)
			}
		}
		if fix := f.Detail["fix"].(string); !strings.Contains(f.Message, "; required is ") || !strings.HasSuffix(f.Message, "fix: "+fix) {
			t.Errorf("%s: message does not give the requirement and fix: %s", f.RuleID, f.Message)
		}
	}
}

func TestLocations(t *testing.T) {
	data, ds := unit(t, "weakened.service")
	got := map[string]string{}
	for _, f := range Check("deploy/weakened.service", data, ds) {
		got[f.RuleID] = f.Path + ":" + strconv.Itoa(f.StartLine)
	}
	for rule, want := range map[string]string{
		"systemd.user":              "deploy/weakened.service.d/10-debug.conf:3",
		"systemd.no_new_privileges": "deploy/weakened.service.d/10-debug.conf:4",
		"systemd.memory_max":        "deploy/weakened.service.d/20-perf.conf:2",
		"systemd.limit_nofile":      "deploy/weakened.service.d/20-perf.conf:3",
		"systemd.exposure":          "deploy/weakened.service:4",
	} {
		if got[rule] != want {
			t.Errorf("%s at %s, want %s", rule, got[rule], want)
		}
	}
	// an unset setting points at the [Service] header
	for _, f := range Check("deploy/weak.service", read(t, "weak.service"), nil) {
		if f.RuleID == "systemd.limit_nofile" && f.StartLine != 5 {
			t.Errorf("unset LimitNOFILE at line %d, want the [Service] header (5)", f.StartLine)
		}
	}
}

// TestIdentityStable moves every line down and reorders nothing else: the
// fingerprints must not change.
func TestIdentityStable(t *testing.T) {
	data, ds := unit(t, "weakened.service")
	seal := func(fs []finding.Finding) []string {
		var out []string
		for _, f := range fs {
			f.Seal()
			out = append(out, f.Fingerprint)
		}
		return out
	}
	before := seal(Check("deploy/weakened.service", data, ds))
	moved := append([]byte("# moved\n\n\n"), data...)
	for i := range ds {
		ds[i].Data = append([]byte("# a new comment\n\n"), ds[i].Data...)
	}
	if after := seal(Check("deploy/weakened.service", moved, ds)); strings.Join(before, " ") != strings.Join(after, " ") {
		t.Errorf("fingerprints changed with line numbers:\n%v\n%v", before, after)
	}
}

func TestExposureScore(t *testing.T) {
	total := 0.0
	for _, w := range exposureWeights {
		total += w
	}
	if total < 9.999 || total > 10.001 {
		t.Errorf("weights add up to %v, not 10", total)
	}
	for _, tc := range []struct {
		unit  string
		score float64
		sev   finding.Severity
	}{
		{"[Service]\nExecStart=/bin/true\n", 10, finding.Medium},
		{"[Service]\nUser=bot\nNoNewPrivileges=yes\nProtectSystem=strict\nCapabilityBoundingSet=\nProtectHome=yes\nPrivateTmp=yes\n", 4.6, finding.Low},
		{"[Service]\nUser=bot\nNoNewPrivileges=yes\nProtectSystem=full\nCapabilityBoundingSet=~CAP_SYS_ADMIN\nProtectHome=yes\nPrivateTmp=yes\nPrivateDevices=yes\n", 5, finding.Low},
		{"[Service]\nDynamicUser=yes\nNoNewPrivileges=yes\nProtectSystem=strict\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE\nProtectHome=read-only\nPrivateTmp=yes\nPrivateDevices=yes\nProtectKernelTunables=yes\n", 3.4, finding.Info},
	} {
		var exp *finding.Finding
		fs := Check("a.service", []byte(tc.unit), nil)
		for i := range fs {
			if fs[i].RuleID == "systemd.exposure" {
				exp = &fs[i]
			}
		}
		if exp == nil || exp.Detail["score"] != tc.score || exp.Severity != tc.sev {
			t.Errorf("%q: exposure %+v, want %.1f %s", tc.unit, exp, tc.score, tc.sev)
			continue
		}
		if m := exp.Detail["missing"].([]string); !sort.StringsAreSorted(m) {
			t.Errorf("missing list not sorted: %v", m)
		}
	}
}

func TestGolden(t *testing.T) {
	testutil.GoldenJSON(t, "weak.golden.json", Check("deploy/trading-bot.service", read(t, "weak.service"), nil))
	data, ds := unit(t, "weakened.service")
	testutil.GoldenJSON(t, "weakened.golden.json", Check("deploy/weakened.service", data, ds))
}
