package riskcheck

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

func describeSettings(ss []Setting) string {
	var b strings.Builder
	for _, s := range ss {
		fmt.Fprintf(&b, "%d %s.%s=%v", s.Line, s.Parent, s.Key, s.Value)
		if s.Code {
			b.WriteString(" (code)")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestStructuredSettings(t *testing.T) {
	tests := []struct {
		path, in, want string
	}{
		{"risk.yaml", "risk:\n  limits:\n    max_leverage: 3.0x\n    max_drawdown: 0.1\n  level: CONSERVATIVE\n",
			"3 limits.max_leverage=3.0x\n4 limits.max_drawdown=0.1\n5 risk.level=CONSERVATIVE\n"},
		{"risk.json", "{\n  \"maxLeverage\": 2,\n  \"limits\": {\"var95\": 90000}\n}\n",
			"2 .maxLeverage=2\n3 limits.var95=90000\n"},
		{"risk.toml", "protection_level = \"AGGRESSIVE\"\n\n[limits]\nmax_leverage = 2.5\nmax_drawdown = \"10%\"\n",
			"4 limits.max_leverage=2.5\n5 limits.max_drawdown=10%\n1 .protection_level=AGGRESSIVE\n"},
		{"risk.yaml", "- max_slippage: 0.01\n- max_slippage: null\n", "1 .max_slippage=0.01\n2 .max_slippage=<nil>\n"},
	}
	for _, tc := range tests {
		ss, err := structuredSettings(tc.path, []byte(tc.in))
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		got := describeSettings(ss)
		if tc.path == "risk.toml" { // TOML keys come back in the library's order
			if len(strings.Split(got, "\n")) != len(strings.Split(tc.want, "\n")) {
				t.Errorf("%s:\n%s", tc.path, got)
			}
			for _, l := range strings.Split(strings.TrimSpace(tc.want), "\n") {
				if !strings.Contains(got, l) {
					t.Errorf("%s: missing %q in\n%s", tc.path, l, got)
				}
			}
			continue
		}
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.path, got, tc.want)
		}
	}
	for _, bad := range []string{"risk: [\n", "\x00\x01\x02\xff", "a: b: c\n"} {
		if _, err := structuredSettings("risk.yaml", []byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	if _, err := structuredSettings("risk.toml", []byte("a = [1,\n")); err == nil {
		t.Error("accepted broken TOML")
	}
}

func TestPythonSettings(t *testing.T) {
	src := `from datetime import timedelta
MAX_LEVERAGE = 3.0  # documented
MAX_DRAWDOWN: float = 0.15

@dataclass
class Limits:
    max_daily_loss: float = 50_000
    execution_timeout: timedelta = timedelta(minutes=5)

    def __init__(self):
        self.max_slippage = 0.03
        self.events = deque(maxlen=10000)
        self.var_limit = compute_var()
        risk = {"max_price_impact": 0.03, 'max_orders_per_second': 10}
        self.client = Client(timeout=30, max_retries=5)
        if x == 3:
            pass
# MAX_LEVERAGE = 100
`
	// The local dict in __init__ is computation, not configuration: only
	// self.x there is read; a call's keyword literals sit under its name.
	want := `2 .MAX_LEVERAGE=3.0
3 .MAX_DRAWDOWN=0.15
7 .max_daily_loss=50_000
8 .execution_timeout=timedelta(minutes=5)
11 .max_slippage=0.03
12 .risk_event_buffer=10000
13 .var_limit=compute_var() (code)
15 .client=Client(timeout=30, max_retries=5) (code)
15 client.timeout=30
15 client.max_retries=5
`
	got := describeSettings(pySettings(t, "limits.py", src))
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func pySettings(t testing.TB, path, src string) []Setting {
	t.Helper()
	tree, err := pyparse.Parse(context.Background(), []byte(src), pyparse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return pythonSettings(path, tree)
}
