package limits

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Why a deployed value could not be read as a number of the limit's kind.
var (
	ErrAmbiguous = errors.New("ambiguous value")
	ErrUnbounded = errors.New("unbounded value")
	ErrInvalid   = errors.New("invalid value")
)

// ValueError explains a value that is ambiguous, unbounded or invalid.
type ValueError struct {
	Kind error // ErrAmbiguous, ErrUnbounded or ErrInvalid
	Why  string
}

func (e *ValueError) Error() string { return fmt.Sprintf("%v: %s", e.Kind, e.Why) }
func (e *ValueError) Unwrap() error { return e.Kind }

func bad(kind error, format string, args ...any) error {
	return &ValueError{Kind: kind, Why: fmt.Sprintf(format, args...)}
}

var unboundedWords = map[string]bool{
	"none": true, "null": true, "nil": true, "inf": true, "+inf": true, "infinity": true, "unlimited": true,
	"float('inf')": true, `float("inf")`: true, "math.inf": true, "~": true, "unbounded": true, "": true,
}

// Parse reads a deployed value (a YAML/JSON/TOML scalar, or Python/env literal
// text) as a number in the limit's base unit: dollars, a fraction, a ratio,
// orders per second, hertz, a count or seconds. Units are read, never guessed:
// a value that could mean two things is ErrAmbiguous.
func Parse(l *Limit, raw any, hint Hint) (float64, error) {
	v, err := parse(l, raw, hint)
	if err == nil && (math.IsInf(v, 0) || math.IsNaN(v)) {
		return 0, bad(ErrInvalid, "%v is out of range", raw)
	}
	return v, err
}

func parse(l *Limit, raw any, hint Hint) (float64, error) {
	s, err := scalarText(raw)
	if err != nil {
		return 0, err
	}
	t := strings.ToLower(strings.TrimSpace(s))
	if l.Kind == Level {
		return 0, bad(ErrInvalid, "a protection level is a name, not a number")
	}
	if unboundedWords[t] {
		return 0, bad(ErrUnbounded, "%q sets no limit", s)
	}
	switch l.Kind {
	case Money:
		return parseMoney(t)
	case Percent:
		return parsePercent(t, hint)
	case Ratio:
		return nonNeg(strings.TrimSuffix(strings.TrimSuffix(t, "x"), ":1"))
	case Rate:
		return parseRate(t)
	case Frequency:
		return parseFrequency(t, hint)
	case Count:
		v, err := nonNeg(stripGroups(t))
		if err == nil && v != math.Trunc(v) {
			return 0, bad(ErrInvalid, "%q is not a whole number", s)
		}
		return v, err
	case Duration:
		return parseDuration(t, hint)
	case Bounded:
		v, err := strconv.ParseFloat(stripGroups(t), 64)
		if err != nil || v != math.Trunc(v) {
			return 0, bad(ErrInvalid, "%q is not a whole number of attempts", s)
		}
		if v < 0 || math.IsInf(v, 0) {
			return 0, bad(ErrUnbounded, "%q means retry forever", s)
		}
		return v, nil
	case Present:
		v, err := nonNeg(strings.TrimSpace(strings.TrimSuffix(stripGroups(t), "gwei")))
		if err == nil && v == 0 {
			return 0, bad(ErrUnbounded, "0 sets no gas price limit")
		}
		return v, err
	}
	return 0, bad(ErrInvalid, "unknown kind")
}

// scalarText turns a decoded scalar into the text Parse reads.
func scalarText(raw any) (string, error) {
	switch v := raw.(type) {
	case nil:
		return "none", nil
	case string:
		return strings.Trim(strings.TrimSpace(v), `"'`), nil
	case bool:
		return "", bad(ErrInvalid, "%t is a switch, not a limit", v)
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), nil
	}
	return "", bad(ErrInvalid, "a %T is not a scalar value", raw)
}

// stripGroups removes digit grouping: 1,000,000 and 1_000_000.
func stripGroups(s string) string { return strings.NewReplacer(",", "", "_", "", " ", "").Replace(s) }

func nonNeg(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(stripGroups(s)), 64)
	switch {
	case err != nil || math.IsNaN(v):
		return 0, bad(ErrInvalid, "%q is not a number", s)
	case math.IsInf(v, 1):
		return 0, bad(ErrUnbounded, "%q sets no limit", s)
	case v < 0:
		return 0, bad(ErrInvalid, "%q is negative", s)
	}
	return v, nil
}

func parseMoney(t string) (float64, error) {
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, "$"), "usd"))
	t = strings.TrimPrefix(t, "$")
	mult := 1.0
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 1e3, strings.TrimSuffix(t, "k")
	case strings.HasSuffix(t, "m"):
		mult, t = 1e6, strings.TrimSuffix(t, "m")
	case strings.HasSuffix(t, "b"):
		mult, t = 1e9, strings.TrimSuffix(t, "b")
	}
	v, err := nonNeg(t)
	return v * mult, err
}

func parsePercent(t string, hint Hint) (float64, error) {
	if strings.HasSuffix(t, "%") {
		v, err := nonNeg(strings.TrimSuffix(t, "%"))
		return v / 100, err
	}
	v, err := nonNeg(t)
	if err != nil {
		return 0, err
	}
	switch {
	case hint == HintPct && v > 0 && v < 1:
		return 0, bad(ErrAmbiguous, "%s under a percent-named key could be %s%% or %s%%; write it as \"%s%%\"", t, t, trimFloat(v*100), trimFloat(v*100))
	case hint == HintPct:
		return v / 100, nil
	case hint == HintFrac && v > 1:
		return 0, bad(ErrAmbiguous, "%s under a fraction-named key is over 100%%; write \"%s%%\" or %s", t, t, trimFloat(v/100))
	case hint == HintFrac:
		return v, nil
	case v < 1:
		return v, nil // a fraction: 0.15 is 15%
	case v == 1:
		return 0, bad(ErrAmbiguous, "1 could be 100%% (a fraction) or 1%%; write \"100%%\" or \"1%%\"")
	case v <= 100:
		return v / 100, nil // a percentage: 15 is 15%
	}
	return 0, bad(ErrInvalid, "%s is over 100%%", t)
}

var rateRe = regexp.MustCompile(`^([0-9][0-9_,.e+]*)\s*(?:orders?)?\s*(?:/|per)\s*(s|sec|second|m|min|minute|h|hour)s?$`)

func parseRate(t string) (float64, error) {
	if m := rateRe.FindStringSubmatch(t); m != nil {
		v, err := nonNeg(m[1])
		switch m[2][0] {
		case 'm':
			v /= 60
		case 'h':
			v /= 3600
		}
		return v, err
	}
	return nonNeg(t) // a bare number is per second
}

func parseFrequency(t string, hint Hint) (float64, error) {
	if strings.HasSuffix(t, "hz") {
		return nonNeg(strings.TrimSuffix(t, "hz"))
	}
	if d, err := time.ParseDuration(strings.ReplaceAll(t, " ", "")); err == nil {
		return perSecond(d.Seconds())
	}
	v, err := nonNeg(t)
	if err != nil {
		return 0, err
	}
	switch hint {
	case HintMS:
		return perSecond(v / 1000)
	case HintSec:
		return perSecond(v)
	case HintHz:
		return v, nil
	case HintInterval:
		return 0, bad(ErrAmbiguous, "interval %s has no unit; write \"100ms\" or \"0.1s\"", t)
	}
	return v, nil
}

func perSecond(sec float64) (float64, error) {
	if sec <= 0 {
		return 0, bad(ErrInvalid, "an interval must be positive")
	}
	return 1 / sec, nil
}

var timedeltaRe = regexp.MustCompile(`^timedelta\((seconds|minutes|milliseconds)\s*=\s*([0-9.]+)\)$`)

func parseDuration(t string, hint Hint) (float64, error) {
	if m := timedeltaRe.FindStringSubmatch(t); m != nil {
		v, err := nonNeg(m[2])
		return v * map[string]float64{"seconds": 1, "minutes": 60, "milliseconds": 0.001}[m[1]], err
	}
	long := strings.NewReplacer(" minutes", "m", " minute", "m", " min", "m", " seconds", "s", " second", "s", " sec", "s")
	if d, err := time.ParseDuration(strings.ReplaceAll(long.Replace(t), " ", "")); err == nil {
		if d < 0 {
			return 0, bad(ErrInvalid, "%q is negative", t)
		}
		return d.Seconds(), nil
	}
	v, err := nonNeg(t)
	switch hint {
	case HintMS:
		v /= 1000
	case HintMin:
		v *= 60
	}
	return v, err
}

// ParseLevel reads a protection level: a name such as CONSERVATIVE, an enum
// reference such as ProtectionLevel.AGGRESSIVE, or for an emergency-stop
// switch a boolean (true is armed, false is NONE).
func ParseLevel(raw any) (string, error) {
	if b, ok := raw.(bool); ok {
		if b {
			return "ENABLED", nil
		}
		return "NONE", nil
	}
	s, err := scalarText(raw)
	if err != nil {
		return "", err
	}
	s = strings.ToUpper(strings.TrimSpace(s))
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = s[i+1:]
	}
	switch s {
	case "TRUE", "YES", "ON", "ENABLED":
		return "ENABLED", nil
	case "FALSE", "NO", "OFF", "DISABLED", "NULL", "":
		return "NONE", nil
	}
	for _, l := range Levels {
		if s == l {
			return s, nil
		}
	}
	return "", bad(ErrInvalid, "%q is not a protection level (want one of %s)", s, strings.Join(Levels, ", "))
}

func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func format(k Kind, v float64) string {
	switch k {
	case Money:
		return "$" + group(v)
	case Percent:
		return trimFloat(math.Round(v*10000)/100) + "%"
	case Ratio:
		return strconv.FormatFloat(v, 'f', 1, 64) + "x"
	case Rate:
		return trimFloat(v) + " orders/s"
	case Frequency:
		return trimFloat(math.Round(v*1000)/1000) + " Hz"
	case Count:
		return group(v)
	case Duration:
		return (time.Duration(v * float64(time.Second))).String()
	}
	return trimFloat(v)
}

// group writes a number with thousands separators: 1000000 → 1,000,000.
func group(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}
