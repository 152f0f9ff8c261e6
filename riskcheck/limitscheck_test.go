package riskcheck

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/riskcheck/limits"
)

func newTestChecker() *limitChecker {
	o := DefaultOptions()
	return &limitChecker{opt: &o, production: true, seen: map[string]bool{}}
}

// TestEveryLimitPassesAndFails checks each documented limit with a value that
// holds and one that breaks it, as a risk.yaml would deploy them.
func TestEveryLimitPassesAndFails(t *testing.T) {
	tests := []struct {
		key        string
		good, bad  any
		wantRule   string
		wantDeploy string
	}{
		{"max_position_value", "$1,000,000", "1.5M", "risk.max_position_value", "$1,500,000"},
		{"max_daily_loss", 50000, "75_000", "risk.max_daily_loss", "$75,000"},
		{"max_drawdown", "15%", 0.2, "risk.max_drawdown", "20%"},
		{"max_leverage", 3.0, "10x", "risk.max_leverage", "10.0x"},
		{"var_95", 100000, 250000, "risk.var_limit", "$250,000"},
		{"max_concentration", 0.3, "45%", "risk.max_concentration", "45%"},
		{"max_orders_per_second", 10, "1200/min", "risk.max_order_rate", "20 orders/s"},
		{"monitoring_frequency", "10Hz", "1Hz", "risk.monitoring_frequency", "1 Hz"},
		{"risk_event_buffer", "10,000", 500, "risk.risk_event_buffer", "500"},
		{"max_slippage", 0.03, "5%", "risk.max_slippage", "5%"},
		{"max_price_impact", "3%", 0.1, "risk.max_price_impact", "10%"},
		{"execution_timeout", "5m", "600s", "risk.execution_timeout", "10m0s"},
		{"max_retries", 3, -1, "risk.max_retries", "-1"},
		{"gas_price_limit", "200 gwei", 0, "risk.gas_price_limit", "0"},
		{"protection_level", "EMERGENCY", "NONE", "risk.protection_level", "NONE"},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			good := newTestChecker()
			good.check(source{path: "risk.yaml", strict: true, settings: []Setting{{Path: "risk.yaml", Line: 3, Key: tc.key, Value: tc.good}}})
			if len(good.out) != 0 {
				t.Errorf("good value %v reported: %+v", tc.good, good.out)
			}
			bad := newTestChecker()
			bad.check(source{path: "risk.yaml", strict: true, settings: []Setting{{Path: "risk.yaml", Line: 3, Key: tc.key, Value: tc.bad}}})
			if len(bad.out) != 1 {
				t.Fatalf("bad value %v: %d findings %+v", tc.bad, len(bad.out), bad.out)
			}
			f := bad.out[0]
			if f.RuleID != tc.wantRule || f.StartLine != 3 || f.Detail["deployed"] != tc.wantDeploy {
				t.Errorf("got %s line %d deployed %v; want %s %s", f.RuleID, f.StartLine, f.Detail["deployed"], tc.wantRule, tc.wantDeploy)
			}
			if f.Detail["fix"] == "" || !strings.Contains(f.Message, tc.key) {
				t.Errorf("finding lacks fix or key: %+v", f)
			}
		})
	}
}

func TestAbsentAmbiguousUnknownAndOverrides(t *testing.T) {
	o := options(t, "riskcheck:\n  environment: staging\n  limits:\n    max_leverage: {value: 2}\n    max_daily_loss: {value: 80000, reason: desk approved}\n")
	c := &limitChecker{opt: &o, production: false, seen: map[string]bool{}}
	c.check(source{path: "risk.yaml", strict: true, settings: []Setting{
		{Path: "risk.yaml", Line: 1, Key: "max_leverage", Value: 2.5},        // over the tightened 2x
		{Path: "risk.yaml", Line: 2, Key: "max_daily_loss", Value: 70000},    // inside the loosened 80k
		{Path: "risk.yaml", Line: 3, Key: "max_drawdown_pct", Value: 0.15},   // ambiguous
		{Path: "risk.yaml", Line: 4, Key: "max_margin_usage", Value: 0.5},    // unknown, risk-looking
		{Path: "risk.yaml", Line: 5, Key: "protection_level", Value: "NONE"}, // fine outside production
		{Path: "risk.yaml", Line: 6, Key: "max_slippage", Value: "a lot"},    // unreadable
		{Path: "risk.yaml", Line: 7, Key: "strategy", Value: "momentum"},     // unrelated
		{Path: "risk.yaml", Line: 8, Key: "max_retries", Value: "None"},      // unbounded
	}})
	c.absent("risk.yaml")
	c.loosened()
	got := map[string]int{}
	for _, f := range c.out {
		got[f.RuleID]++
	}
	want := map[string]int{
		"risk.max_leverage": 1, "risk.ambiguous_value": 1, "risk.unknown_key": 1, "risk.invalid_value": 1,
		"risk.max_retries": 1, "risk.limit_loosened": 1,
	}
	for _, l := range limits.Table { // absent: everything not set above
		switch l.ID {
		case "max_leverage", "max_daily_loss", "max_drawdown", "protection_level", "max_slippage", "max_retries":
		default:
			want[l.Rule()]++
		}
	}
	for rule, n := range want {
		if got[rule] != n {
			t.Errorf("%s: %d findings, want %d", rule, got[rule], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("unexpected rules: %v", got)
	}
	for _, f := range c.out {
		if f.RuleID == "risk.max_leverage" && f.Detail["limit"] != "2.0x" {
			t.Errorf("tightened limit not applied: %+v", f.Detail)
		}
		if f.RuleID == "risk.limit_loosened" && (f.Severity != finding.Low || f.StartLine != 5 || !strings.Contains(f.Message, "desk approved")) {
			t.Errorf("loosened finding: %+v", f)
		}
	}
}

// A secret typed where a limit belongs is never quoted whole: a value that
// is not of the limit's type is shown as a short prefix and its length.
func TestInvalidLimitValuesAreNotEchoed(t *testing.T) {
	const secret = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
	c := newTestChecker()
	c.check(source{path: "risk.yaml", strict: true, settings: []Setting{
		{Path: "risk.yaml", Line: 1, Key: "protection_level", Value: secret},
		{Path: "risk.yaml", Line: 2, Key: "max_leverage", Value: "sk_live_" + secret},
		{Path: "risk.yaml", Line: 3, Key: "max_slippage", Value: secret},
	}})
	if len(c.out) != 3 {
		t.Fatalf("%d findings, want 3", len(c.out))
	}
	for _, f := range c.out {
		all := f.Title + f.Message + fmt.Sprint(f.Detail)
		for i := 0; i+8 <= len(secret); i += 4 {
			if strings.Contains(all, secret[i:i+8]) {
				t.Errorf("%s quotes part of the secret: %s", f.RuleID, f.Message)
				break
			}
		}
	}
}
