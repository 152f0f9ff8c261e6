package riskcheck

import (
	"context"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/testutil"
	"github.com/bulwark-sec/bulwark/scanners"
)

// frameworkShape is a trading framework's source with no deployment in it:
// drawdown as a computed metric, a docstring and a dict used as a schema,
// a regression test asserting metric values.
var frameworkShape = map[string]string{
	"framework/metrics.py": `"""Backtest metrics.

Returns a dict like {"max_drawdown": float, "max_leverage": float}.
"""
import numpy as np

SCHEMA = {"max_drawdown": float, "sharpe": float}


def _calculate_max_drawdown(values):
    peak = np.maximum.accumulate(values)
    return float(np.min(values / peak - 1))


def report(values):
    max_drawdown = _calculate_max_drawdown(values)
    max_dd = max_drawdown
    stats = {"max_drawdown": max_drawdown, "max_leverage": 0}
    if max_drawdown == 0.5:
        return None
    return stats
`,
	"framework/montecarlo.py": "class MonteCarlo:\n    def run(self, trades):\n        self.max_drawdown = min(t.dd for t in trades)\n        return self.max_drawdown\n",
	"tests/test_metrics.py":   "EXPECTED = {'max_drawdown': -31.454717, 'max_leverage': 12}\n\ndef test_metrics():\n    assert report([1, 2])['max_drawdown'] == -31.454717\n",
}

func scanTree(t *testing.T, files map[string]string, yml string) (*scanners.Result, error) {
	t.Helper()
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, files)
	o := DefaultOptions()
	if yml != "" {
		o = options(t, yml)
	}
	return New(o).Scan(context.Background(), &scanners.Target{Inventory: walk(t, dir), Counter: &scanners.Counter{}, Shared: scanners.NewShared(0)})
}

// TestFrameworkShapeIsQuiet: metrics, schemas and regression tests are not
// risk limits, and a tree with no risk configuration gets no "absent"
// findings.
func TestFrameworkShapeIsQuiet(t *testing.T) {
	res, err := scanTree(t, frameworkShape, "")
	if why, ok := scanners.IsSkip(err); ok {
		t.Logf("skipped: %s", why)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		t.Errorf("finding on framework code: %s %s:%d %s", f.RuleID, f.Path, f.StartLine, f.Message)
	}
}

// TestPythonLimitsStillFound: a strategy's literal limit is checked where it
// stands; a module with two documented limits is a risk configuration, so
// its computed values and the limits it leaves out are reported at line 1;
// a test file named in riskcheck.paths is read.
func TestPythonLimitsStillFound(t *testing.T) {
	res, err := scanTree(t, map[string]string{
		"strategies/momentum.py": "class Momentum:\n    max_leverage = 5.0\n\n    def step(self):\n        max_drawdown = 0.9\n",
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := testutil.Rules(res.Findings); got != "risk.max_leverage" {
		t.Errorf("strategy findings = %s, want only risk.max_leverage (the body's local is not a limit, nothing absent)", got)
	}

	res, err = scanTree(t, map[string]string{
		"bot/limits.py": "MAX_LEVERAGE = 2.0\nMAX_DRAWDOWN = 0.10\nVAR_95 = compute()\n",
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]finding.Finding{}
	for _, f := range res.Findings {
		by[f.RuleID] = f
	}
	if f, ok := by["risk.unverifiable"]; !ok || f.StartLine != 3 {
		t.Errorf("computed VaR in a limits module: %+v", f)
	}
	if f, ok := by["risk.max_daily_loss"]; !ok || f.Path != "bot/limits.py" || f.StartLine != 1 {
		t.Errorf("absent daily loss = %+v, want at bot/limits.py:1", f)
	}

	res, err = scanTree(t, map[string]string{"tests/prod_limits.py": "MAX_LEVERAGE = 9.0\n"}, "riskcheck:\n  paths: [\"tests/prod_limits.py\"]\n")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := byRule(res.Findings)["risk.max_leverage"]; !ok {
		t.Errorf("a test-looking file named in riskcheck.paths was not read: %s", testutil.Rules(res.Findings))
	}
}

func byRule(fs []finding.Finding) map[string]finding.Finding {
	out := map[string]finding.Finding{}
	for _, f := range fs {
		out[f.RuleID] = f
	}
	return out
}
