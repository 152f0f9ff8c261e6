package limits

import (
	"strings"
	"unicode"
)

// Hint is a unit a key name carries, such as the "pct" of max_drawdown_pct.
type Hint string

// The unit hints a key name can carry.
const (
	NoHint   Hint = ""
	HintPct  Hint = "percent"
	HintFrac Hint = "fraction"
	HintMS   Hint = "ms"
	HintSec  Hint = "s"
	HintMin  Hint = "min"
	HintHz   Hint = "hz"
	// HintInterval marks a key that holds a period (monitoring_interval), so
	// a bare number under it has no unit.
	HintInterval Hint = "interval"
)

var unitWords = map[string]Hint{
	"pct": HintPct, "percent": HintPct, "perc": HintPct, "percentage": HintPct,
	"ratio": HintFrac, "fraction": HintFrac, "frac": HintFrac,
	"ms": HintMS, "millis": HintMS, "milliseconds": HintMS,
	"s": HintSec, "sec": HintSec, "secs": HintSec, "seconds": HintSec,
	"min": HintMin, "mins": HintMin, "minutes": HintMin,
	"hz": HintHz, "usd": NoHint, "dollars": NoHint,
}

// generic aliases are common words that mean a risk limit only inside a file
// that is itself a risk configuration (risk.yaml, hft_risk.py), never in an
// arbitrary Python module or .env file where `timeout = 30` is an HTTP timeout.
var generic = map[string]bool{
	"timeout": true, "retries": true, "max_attempts": true, "check_interval": true,
	"leverage": true, "drawdown": true, "slippage": true, "price_impact": true,
	"daily_loss": true, "max_position": true, "order_rate": true,
}

var aliasIndex = func() map[string]*Limit {
	m := map[string]*Limit{}
	for i := range Table {
		for _, a := range Table[i].Aliases {
			m[a] = &Table[i]
		}
	}
	return m
}()

// Words splits a key such as maxDrawdownPct, MAX-DRAWDOWN or max_drawdown into
// lower-case words.
func Words(key string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(key)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) ||
			(i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// Match resolves a key (and optionally its parent key) to a documented limit.
// strict is true inside dedicated risk-config files, where generic aliases
// such as "leverage" count too. The hint is the unit the key name carries.
func Match(parent, key string, strict bool) (*Limit, Hint, bool) {
	words, hint := stripUnits(Words(key))
	name := strings.Join(words, "_")
	if l, ok := lookup(name, strict); ok {
		return l, hint, true
	}
	// "limits: {leverage: 3}" or "max: {drawdown: 0.1}": join the parent in.
	if parent != "" {
		pw := Words(parent)
		if len(pw) > 0 && (pw[len(pw)-1] == "max" || pw[len(pw)-1] == "limit" || pw[len(pw)-1] == "limits") {
			if l, ok := lookup("max_"+name, strict); ok {
				return l, hint, true
			}
		}
	}
	return nil, hint, false
}

func lookup(name string, strict bool) (*Limit, bool) {
	l, ok := aliasIndex[name]
	if !ok || (generic[name] && !strict) {
		return nil, false
	}
	return l, true
}

func stripUnits(words []string) ([]string, Hint) {
	hint := NoHint
	out := words[:0:0]
	for _, w := range words {
		if w == "interval" || w == "period" {
			hint = HintInterval
		}
	}
	for i, w := range words {
		if h, ok := unitWords[w]; ok && i > 0 {
			if h != NoHint {
				hint = h
			}
			continue
		}
		out = append(out, w)
	}
	return out, hint
}

// riskWords mark a key as risk-looking even when no alias matches.
var riskWords = map[string]bool{
	"leverage": true, "drawdown": true, "slippage": true, "var": true, "exposure": true,
	"concentration": true, "loss": true, "margin": true, "notional": true, "stop": true,
	"risk": true, "liquidation": true, "impact": true,
}

// RiskLooking reports whether an unmatched key looks like a risk limit, so it
// can be reported at info level rather than silently ignored.
func RiskLooking(key string) bool {
	ws := Words(key)
	limitish := false
	for _, w := range ws {
		if w == "max" || w == "min" || w == "limit" || w == "threshold" || w == "cap" {
			limitish = true
		}
	}
	for _, w := range ws {
		if riskWords[w] {
			return true
		}
	}
	return limitish && len(ws) > 1 && (containsAny(ws, "position", "order", "orders", "daily", "price", "gas"))
}

func containsAny(ws []string, any ...string) bool {
	for _, w := range ws {
		for _, a := range any {
			if w == a {
				return true
			}
		}
	}
	return false
}
