package limits

import (
	"errors"
	"math"
	"testing"
)

func lim(t *testing.T, id string) *Limit {
	t.Helper()
	l, ok := ByID(id)
	if !ok {
		t.Fatalf("no limit %s", id)
	}
	return l
}

func TestParseUnits(t *testing.T) {
	tests := []struct {
		limit string
		raw   any
		hint  Hint
		want  float64
		err   error
	}{
		{"max_position_value", "$1,000,000", NoHint, 1e6, nil},
		{"max_position_value", "1e6", NoHint, 1e6, nil},
		{"max_position_value", "1_000_000", NoHint, 1e6, nil},
		{"max_position_value", 1000000, NoHint, 1e6, nil},
		{"max_position_value", "2.5M", NoHint, 2.5e6, nil},
		{"max_position_value", "-5", NoHint, 0, ErrInvalid},
		{"max_position_value", "unlimited", NoHint, 0, ErrUnbounded},
		{"max_position_value", nil, NoHint, 0, ErrUnbounded},
		{"max_drawdown", 0.15, NoHint, 0.15, nil},
		{"max_drawdown", "15%", NoHint, 0.15, nil},
		{"max_drawdown", 15, NoHint, 0.15, nil},
		{"max_drawdown", 1, NoHint, 0, ErrAmbiguous},
		{"max_drawdown", 0.15, HintPct, 0, ErrAmbiguous},
		{"max_drawdown", 15, HintPct, 0.15, nil},
		{"max_drawdown", 15, HintFrac, 0, ErrAmbiguous},
		{"max_drawdown", 250, NoHint, 0, ErrInvalid},
		{"max_leverage", "3x", NoHint, 3, nil},
		{"max_leverage", 3.0, NoHint, 3, nil},
		{"max_leverage", "inf", NoHint, 0, ErrUnbounded},
		{"max_leverage", true, NoHint, 0, ErrInvalid},
		{"max_order_rate", "600/min", NoHint, 10, nil},
		{"max_order_rate", "10 per second", NoHint, 10, nil},
		{"max_order_rate", 20, NoHint, 20, nil},
		{"monitoring_frequency", "10Hz", NoHint, 10, nil},
		{"monitoring_frequency", "100ms", NoHint, 10, nil},
		{"monitoring_frequency", 100, HintMS, 10, nil},
		{"monitoring_frequency", 0.1, HintInterval, 0, ErrAmbiguous},
		{"monitoring_frequency", 5, NoHint, 5, nil},
		{"risk_event_buffer", "10,000", NoHint, 10000, nil},
		{"risk_event_buffer", 10.5, NoHint, 0, ErrInvalid},
		{"execution_timeout", 300, NoHint, 300, nil},
		{"execution_timeout", "300s", NoHint, 300, nil},
		{"execution_timeout", "5m", NoHint, 300, nil},
		{"execution_timeout", "5 minutes", NoHint, 300, nil},
		{"execution_timeout", "timedelta(minutes=5)", NoHint, 300, nil},
		{"execution_timeout", 5, HintMin, 300, nil},
		{"execution_timeout", 300000, HintMS, 300, nil},
		{"max_retries", 3, NoHint, 3, nil},
		{"max_retries", -1, NoHint, 0, ErrUnbounded},
		{"max_retries", "None", NoHint, 0, ErrUnbounded},
		{"max_retries", 2.5, NoHint, 0, ErrInvalid},
		{"gas_price_limit", "150 gwei", NoHint, 150, nil},
		{"gas_price_limit", 0, NoHint, 0, ErrUnbounded},
	}
	for _, tc := range tests {
		got, err := Parse(lim(t, tc.limit), tc.raw, tc.hint)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s %v (%s): err = %v, want %v", tc.limit, tc.raw, tc.hint, err, tc.err)
			}
			continue
		}
		if err != nil || math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s %v (%s) = %v, %v; want %v", tc.limit, tc.raw, tc.hint, got, err, tc.want)
		}
	}
}

func TestMatchAliases(t *testing.T) {
	tests := []struct {
		parent, key string
		strict      bool
		want        string
		hint        Hint
	}{
		{"", "max_leverage", false, "max_leverage", NoHint},
		{"", "maxLeverage", false, "max_leverage", NoHint},
		{"", "MAX_LEVERAGE", false, "max_leverage", NoHint},
		{"", "leverage_limit", false, "max_leverage", NoHint},
		{"", "MAX_DRAWDOWN_PCT", false, "max_drawdown", HintPct},
		{"", "monitoring_interval_ms", false, "monitoring_frequency", HintMS},
		{"", "monitoring_interval", false, "monitoring_frequency", HintInterval},
		{"", "leverage", true, "max_leverage", NoHint},
		{"", "leverage", false, "", NoHint},
		{"", "timeout", false, "", NoHint},
		{"limits", "drawdown", true, "max_drawdown", NoHint},
		{"max", "slippage", false, "max_slippage", NoHint},
		{"", "strategy_name", true, "", NoHint},
	}
	for _, tc := range tests {
		l, hint, ok := Match(tc.parent, tc.key, tc.strict)
		got := ""
		if ok {
			got = l.ID
		}
		if got != tc.want || (ok && hint != tc.hint) {
			t.Errorf("Match(%q, %q, %v) = %q %q, want %q %q", tc.parent, tc.key, tc.strict, got, hint, tc.want, tc.hint)
		}
	}
}

func TestLevelsAndFormat(t *testing.T) {
	for raw, want := range map[any]string{"conservative": "CONSERVATIVE", "ProtectionLevel.EMERGENCY": "EMERGENCY", false: "NONE", true: "ENABLED", "NONE": "NONE"} {
		if got, err := ParseLevel(raw); err != nil || got != want {
			t.Errorf("ParseLevel(%v) = %q, %v; want %q", raw, got, err, want)
		}
	}
	if _, err := ParseLevel("YOLO"); err == nil {
		t.Error("ParseLevel accepted an unknown level")
	}
	for _, tc := range []struct {
		id   string
		v    float64
		want string
	}{{"max_position_value", 1e6, "$1,000,000"}, {"max_drawdown", 0.15, "15%"}, {"max_leverage", 3, "3.0x"},
		{"execution_timeout", 300, "5m0s"}, {"risk_event_buffer", 10000, "10,000"}, {"monitoring_frequency", 10, "10 Hz"}} {
		if got := lim(t, tc.id).Format(tc.v); got != tc.want {
			t.Errorf("Format(%s, %v) = %q, want %q", tc.id, tc.v, got, tc.want)
		}
	}
}

func TestRiskLooking(t *testing.T) {
	for key, want := range map[string]bool{"max_margin_usage": true, "stop_loss_pct": true, "strategy": false, "max_open_trades": false, "max_gas_price_multiplier": true} {
		if got := RiskLooking(key); got != want {
			t.Errorf("RiskLooking(%q) = %v, want %v", key, got, want)
		}
	}
}

// FuzzParse feeds arbitrary deployed values to every limit: no panic, and a
// value that parses is finite and non-negative.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"$1,000,000", "15%", "0.15", "3x", "600/min", "100ms", "10Hz", "5m", "timedelta(minutes=5)", "1e308", "NaN", "-0", "∞"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range Table {
			l := &Table[i]
			for _, h := range []Hint{NoHint, HintPct, HintFrac, HintMS, HintSec, HintMin, HintInterval} {
				v, err := Parse(l, s, h)
				if err == nil && (math.IsNaN(v) || math.IsInf(v, 0) || v < 0) {
					t.Fatalf("Parse(%s, %q, %s) = %v with no error", l.ID, s, h, v)
				}
			}
		}
		_, _ = ParseLevel(s)
		_ = Words(s)
	})
}
