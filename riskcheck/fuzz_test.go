package riskcheck

import (
	"context"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/pyparse"
)

// FuzzRiskConfig feeds arbitrary bytes to the risk-config readers (YAML,
// JSON, TOML and Python) and the limit checker: no panic, no hang, and every
// setting points at a line inside the input.
func FuzzRiskConfig(f *testing.F) {
	for _, seed := range []string{
		"risk:\n  max_leverage: 5x\n  max_drawdown: 15\n",
		"{\"maxLeverage\": 3, \"limits\": {\"var95\": \"$100k\"}}",
		"[limits]\nmax_leverage = 2.5\n",
		"MAX_LEVERAGE = 3.0\nself.max_slippage = float('inf')\n",
		"a: &a [*a, *a]\nb: *a\n",
		"x: !!binary AAAA\n",
	} {
		f.Add("risk.yaml", []byte(seed))
		f.Add("risk.toml", []byte(seed))
		f.Add("limits.py", []byte(seed))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		var ss []Setting
		if len(name) > 0 && name[len(name)-1] == 'y' {
			tree, err := pyparse.Parse(context.Background(), data, pyparse.Options{})
			if err != nil {
				t.Skip(err) // the parse budget ran out: not this reader's input
			}
			ss = pythonSettings(name, tree)
		} else {
			ss, _ = structuredSettings(name, data)
		}
		lines := 1 // YAML breaks lines at \n, \r\n and a lone \r
		for i, b := range data {
			if b == '\n' || (b == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
				lines++
			}
		}
		for _, s := range ss {
			if s.Line < 0 || s.Line > lines {
				t.Fatalf("setting %q at line %d of a %d-line input", s.Key, s.Line, lines)
			}
		}
		c := newTestChecker()
		c.check(source{path: name, strict: true, settings: ss})
		c.absent(name)
	})
}
