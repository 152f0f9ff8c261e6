package systemd

import (
	"sort"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
)

var read = testutil.Fixture

func ruleSet(fs []finding.Finding) string {
	var r []string
	for _, f := range fs {
		if f.RuleID != "systemd.exposure" {
			r = append(r, f.RuleID)
		}
	}
	sort.Strings(r)
	return strings.Join(r, " ")
}

func TestParse(t *testing.T) {
	u, err := Parse([]byte("# c\n[Service]\n; c\nExecStart=/bin/run \\\n  --flag \\\n  # skipped\n  --other\nUser=a\nUser=b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := u.Get("Service", "ExecStart"); s.Value != "/bin/run --flag --other" || s.Line != 4 {
		t.Errorf("continuation: %+v", s)
	}
	if s, _ := u.Get("Service", "User"); s.Value != "b" || s.Line != 9 {
		t.Errorf("repeated key: %+v", s)
	}
	for _, bad := range []struct {
		in   string
		line int
	}{{"User=root\n", 1}, {"[Service\n", 1}, {"[Service]\njunk line\n", 2}, {"[Service]\n=x\n", 2}, {"[Service]\nA=\x00\n", 2}} {
		_, err := Parse([]byte(bad.in))
		pe, ok := err.(*ParseError)
		if !ok || pe.Line != bad.line {
			t.Errorf("%q: %v, want line %d", bad.in, err, bad.line)
		}
	}
}

func TestRules(t *testing.T) {
	hardened := string(read(t, "hardened.service"))
	tests := []struct {
		name    string
		unit    string
		dropins []DropIn
		want    string
	}{
		{"hardened", hardened, nil, ""},
		{"weak demo unit", string(read(t, "weak.service")), nil, "systemd.cpu_quota systemd.limit_nofile systemd.memory_max systemd.no_new_privileges systemd.protect_system systemd.user"},
		{"drop-in weakens", hardened, []DropIn{{"bot.service.d/10-debug.conf", []byte("[Service]\nUser=root\nNoNewPrivileges=no\nMemoryMax=infinity\n")}}, "systemd.memory_max systemd.no_new_privileges systemd.user"},
		{"drop-in hardens", strings.Replace(hardened, "User=jesse", "User=root", 1), []DropIn{{"bot.service.d/override.conf", []byte("[Service]\nUser=jesse\n")}}, ""},
		{"dynamic user", strings.Replace(hardened, "User=jesse", "DynamicUser=yes", 1), nil, ""},
		{"limits over", strings.NewReplacer("CPUQuota=80%", "CPUQuota=200%", "MemoryMax=8G", "MemoryMax=9216M", "LimitNOFILE=1048576", "LimitNOFILE=1024:2097152").Replace(hardened), nil, "systemd.cpu_quota systemd.limit_nofile systemd.memory_max"},
		{"relative memory", strings.Replace(hardened, "MemoryMax=8G", "MemoryMax=50%", 1), nil, "systemd.memory_max"},
		{"protect full", strings.Replace(hardened, "ProtectSystem=strict", "ProtectSystem=full", 1), nil, "systemd.protect_system"},
		{"no service section", "[Unit]\nDescription=x\n", nil, "systemd.no_service_section"},
		{"parse error in drop-in", hardened, []DropIn{{"bot.service.d/bad.conf", []byte("[Service]\nthis is not a setting\n")}}, "systemd.parse_error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := Check("deploy/bot.service", []byte(tc.unit), tc.dropins)
			if got := ruleSet(fs); got != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			for _, f := range fs {
				if f.Detail["fix"] == "" || f.Detail["deployed"] == nil {
					t.Errorf("%s lacks deployed value or fix", f.RuleID)
				}
			}
		})
	}
	fs := Check("deploy/bot.service", []byte(hardened), []DropIn{{"deploy/bot.service.d/10-debug.conf", []byte("[Service]\nUser=root\n")}})
	if fs[0].Path != "deploy/bot.service.d/10-debug.conf" || fs[0].StartLine != 2 {
		t.Errorf("finding does not point at the drop-in line: %+v", fs[0].Location)
	}
	pe := Check("deploy/bot.service", []byte(hardened), []DropIn{{"d/bad.conf", []byte("[Service]\nnope\n")}})
	if pe[0].Path != "d/bad.conf" || pe[0].StartLine != 2 {
		t.Errorf("parse error location %+v", pe[0].Location)
	}
}

func TestExposureScore(t *testing.T) {
	fs := Check("a.service", []byte("[Service]\nExecStart=/bin/true\n"), nil)
	var exp finding.Finding
	for _, f := range fs {
		if f.RuleID == "systemd.exposure" {
			exp = f
		}
	}
	if exp.Detail["score"] != 10.0 || exp.Severity != finding.Medium || len(exp.Detail["missing"].([]string)) != len(exposureWeights) {
		t.Errorf("bare unit exposure: %+v", exp.Detail)
	}
	total := 0.0
	for _, w := range exposureWeights {
		total += w
	}
	if total < 9.999 || total > 10.001 {
		t.Errorf("weights add up to %v, not 10", total)
	}
	hardened := Check("a.service", read(t, "hardened.service"), nil)
	for _, f := range hardened {
		if f.RuleID == "systemd.exposure" {
			t.Errorf("hardened unit still exposed: %+v", f.Detail)
		}
	}
}

func TestGolden(t *testing.T) {
	testutil.GoldenJSON(t, "weak.golden.json", Check("deploy/trading-bot.service", read(t, "weak.service"), nil))
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[Service]\nUser=jesse\nExecStart=/bin/a \\\n  b\n"))
	f.Add([]byte("[Unit]\n[Service]\nCPUQuota=80%\nMemoryMax=8G\nLimitNOFILE=1:2\n"))
	f.Add([]byte("[Service]\nMemoryMax=\nLimitNOFILE=infinity\nCapabilityBoundingSet=~CAP_SYS_ADMIN\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		u, err := Parse(data)
		if err == nil {
			for _, s := range u.Settings {
				if s.Line < 1 || s.Key == "" {
					t.Fatalf("bad setting %+v", s)
				}
			}
		}
		for _, f := range Check("f.service", data, []DropIn{{"f.service.d/x.conf", data}}) {
			if f.RuleID == "" || f.Path == "" {
				t.Fatalf("finding without rule or path: %+v", f)
			}
		}
	})
}
