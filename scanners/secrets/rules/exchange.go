package rules

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/riskcheck/envfile"
)

// exchange is one exchange's detector: the words that name it and the
// documented shapes of its credentials.
type exchange struct {
	id, name string
	words    []string // lower-case names; a word that starts with one (binanceus) names it
	exact    []string // names that must be whole words (okx, not tokx; gate, not gateway)
	keys     []format // the API key (or key name) beside the secret
	secrets  []format // the signing secret
	keyNames []format // values of a field called name or id (Coinbase CDP key files)
}

// exchanges are the detectors with the format each enforces, checked
// against the exchanges' API documentation and SDK examples. Hex is
// accepted in either case. Passphrases (OKX, KuCoin, Bitget, Coinbase
// Exchange) are chosen by the user, have no format and are not reported
// here; secrets.env_plaintext_key reports them in env files.
var exchanges = []exchange{
	// Binance: the API key and the HMAC secret key are each 64
	// alphanumerics. (Ed25519 and RSA keys are PEM files the user makes.)
	{id: "secrets.binance_api_key", name: "Binance", words: []string{"binance"},
		keys: []format{alnum(64)}, secrets: []format{alnum(64)}},
	// Bybit: system-generated HMAC keys are an 18-alphanumeric API key and
	// a 36-alphanumeric secret.
	{id: "secrets.bybit_api_key", name: "Bybit", words: []string{"bybit"},
		keys: []format{alnum(18)}, secrets: []format{alnum(36)}},
	// OKX (formerly OKEx): the API key is a UUID, the secret key 32 hex
	// digits (issued upper-case), plus a passphrase.
	{id: "secrets.okx_api_key", name: "OKX", exact: []string{"okx", "okex"},
		keys: []format{uuidFormat}, secrets: []format{hexDigits(32)}},
	// Kraken: the API key is 56 base64 characters (42 bytes); the private
	// key is 88 base64 characters, the 64-byte HMAC-SHA512 secret.
	{id: "secrets.kraken_api_key", name: "Kraken", words: []string{"kraken"},
		keys: []format{base64Of(56, 42)}, secrets: []format{base64Of(88, 64)}},
	// Coinbase: a CDP (Developer Platform, Advanced Trade) ECDSA key is
	// named organizations/<uuid>/apiKeys/<uuid> with an EC PRIVATE KEY PEM
	// secret; a CDP Ed25519 key has a UUID id and an 88-character base64
	// secret (64 bytes); a legacy Coinbase Exchange (Pro) key is 32
	// characters with the same base64 secret and a passphrase; a legacy v2
	// API secret is 32 alphanumerics (its 16-character key is too generic
	// a shape to report alone).
	{id: "secrets.coinbase_api_key", name: "Coinbase", words: []string{"coinbase"}, exact: []string{"cdp"},
		keys:     []format{cdpKeyName, uuidFormat, alnum(32)},
		secrets:  []format{ecPEM, base64Of(88, 64), alnum(32)},
		keyNames: []format{cdpKeyName, uuidFormat}},
	// KuCoin: the API key is 24 hex digits, the secret a UUID, plus a
	// passphrase.
	{id: "secrets.kucoin_api_key", name: "KuCoin", words: []string{"kucoin"},
		keys: []format{hexDigits(24)}, secrets: []format{uuidFormat}},
	// Bitget: the API key is "bg_" and 32 hex digits, the secret 64 hex
	// digits, plus a passphrase.
	{id: "secrets.bitget_api_key", name: "Bitget", words: []string{"bitget"},
		keys: []format{bitgetKey}, secrets: []format{hexDigits(64)}},
	// Gate (Gate.io) APIv4: the key is 32 hex digits, the secret 64.
	{id: "secrets.gate_api_key", name: "Gate.io", exact: []string{"gate", "gateio"},
		keys: []format{hexDigits(32)}, secrets: []format{hexDigits(64)}},
}

func (x exchange) rule() Rule {
	return Rule{ID: x.id, Title: x.name + " API key and secret", Severity: High,
		Description: "A variable or field that names " + x.name + " (or a generic api_key/api_secret in a file that names it) " +
			"holding a value of " + x.name + "'s documented format: API key " + descs(x.keys) + "; secret " + descs(x.secrets) +
			". The secret signs orders and withdrawals for the account."}
}

func descs(fs []format) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.desc)
	}
	return strings.Join(out, " or ")
}

// Roles a field name gives its value.
const (
	roleNone = iota
	roleKey
	roleSecret
	rolePassphrase
	roleKeyName
)

func roleOf(segs []string) int {
	j := strings.Join(segs, "")
	switch {
	case strings.Contains(j, "passphrase") || strings.Contains(j, "password"):
		return rolePassphrase
	case strings.Contains(j, "secret") || strings.Contains(j, "private") || strings.Contains(j, "privkey"):
		return roleSecret
	case strings.Contains(j, "key") || strings.Contains(j, "access"):
		return roleKey
	case len(segs) > 0 && (segs[len(segs)-1] == "name" || segs[len(segs)-1] == "id"):
		return roleKeyName
	}
	return roleNone
}

// genericNames are field names that hold an exchange credential without
// naming the exchange (after an optional "exchange" prefix): the exchange
// is then taken from the text around them.
var genericNames = map[string]bool{
	"key": true, "apikey": true, "accesskey": true, "secret": true, "apisecret": true, "secretkey": true,
	"apisecretkey": true, "privatekey": true, "apiprivatekey": true, "name": true, "keyname": true,
	"apikeyname": true, "id": true, "keyid": true, "apikeyid": true,
}

func isGeneric(segs []string) bool {
	return genericNames[strings.TrimPrefix(strings.Join(segs, ""), "exchange")]
}

// hit is one value of an exchange's format.
type hit struct {
	a        assign
	name     string
	role     int
	f        format
	inferred bool
}

// exchangeKeys reports exchange secrets (and keys found without a secret).
// A match is weak when a generic field took its exchange from the text
// around and no key of that exchange stands beside it: a lone
// private_key of 64 hex digits in a file that names Gate.io is more likely
// a wallet key. It also returns the spans of keys reported as part of a
// pair.
func exchangeKeys(data, lower []byte) (strong, weak, paired []Match) {
	ms := findMentions(data, lower)
	distinct := map[int]bool{}
	for _, m := range ms {
		distinct[m.ex] = true
	}
	hits := make([][]hit, len(exchanges))
	for _, a := range assignments(data) {
		if !possibleSize(a.ve - a.vs) {
			continue
		}
		name := string(data[a.ns:a.ne])
		segs := segments(name)
		role := roleOf(segs)
		if role == roleNone || role == rolePassphrase {
			continue
		}
		ex, inferred := firstMention(data[a.ns:a.ne], lower[a.ns:a.ne]), false
		if ex < 0 && isGeneric(segs) {
			ex, inferred = inferExchange(ms, len(distinct), a), true
		}
		if ex < 0 {
			continue
		}
		v := data[a.vs:a.ve]
		if envfile.IsEncrypted(string(v)) || placeholder(string(v)) {
			continue
		}
		x := exchanges[ex]
		fs := x.keys
		switch role {
		case roleSecret:
			fs = x.secrets
		case roleKeyName:
			fs = x.keyNames
		}
		for _, f := range fs {
			if f.match(v) {
				hits[ex] = append(hits[ex], hit{a, name, role, f, inferred})
				break
			}
		}
	}
	for ex, hs := range hits {
		pairUp(exchanges[ex], hs, &strong, &weak, &paired)
	}
	byStart := func(a, b Match) int { return a.Start - b.Start }
	for _, ms := range [][]Match{strong, weak, paired} {
		slices.SortFunc(ms, byStart)
	}
	return strong, weak, paired
}

// pairUp reports each secret of one exchange, naming the nearest key as
// its partner; keys are reported only when no secret was found.
func pairUp(x exchange, hs []hit, strong, weak, paired *[]Match) {
	var keys, secrets []hit
	for _, h := range hs {
		if h.role == roleSecret {
			secrets = append(secrets, h)
		} else {
			keys = append(keys, h)
		}
	}
	report := func(h hit, what, tail string, alone bool) {
		ev := fmt.Sprintf("%s: %s (%s %s format)%s", h.name, h.f.desc, x.name, what, tail)
		to := strong
		if h.inferred {
			ev += "; the exchange is named nearby"
			if alone {
				to = weak
			}
		}
		*to = append(*to, Match{Rule: x.id, Title: x.name + " API key and secret", Severity: High, Start: h.a.vs, End: h.a.ve, Evidence: ev})
	}
	for _, s := range secrets {
		if k := nearest(keys, s.a.vs); k >= 0 {
			report(s, "secret", " next to "+keys[k].name, false)
		} else {
			report(s, "secret", "", true)
		}
	}
	for _, k := range keys {
		if len(secrets) > 0 {
			*paired = append(*paired, Match{Start: k.a.vs, End: k.a.ve})
		} else {
			report(k, "API key", "; no secret of this exchange found in the file", true)
		}
	}
}

// nearest is the index of the hit closest to offset at (hs sorted by
// offset), or -1.
func nearest(hs []hit, at int) int {
	j := sort.Search(len(hs), func(i int) bool { return hs[i].a.vs >= at })
	switch {
	case len(hs) == 0:
		return -1
	case j == 0:
		return 0
	case j == len(hs) || at-hs[j-1].a.vs <= hs[j].a.vs-at:
		return j - 1
	}
	return j
}

// mention is an exchange named at an offset.
type mention struct{ off, ex int }

// findMentions lists where each exchange is named, sorted by offset. A CDP
// key name (organizations/<uuid>/apiKeys/<uuid>) names Coinbase too.
func findMentions(data, lower []byte) []mention {
	var out []mention
	for ex, x := range exchanges {
		for _, w := range x.words {
			out = wordMentions(out, data, lower, w, false, ex)
		}
		for _, w := range x.exact {
			out = wordMentions(out, data, lower, w, true, ex)
		}
	}
	const org = "organizations/"
	coinbase := slices.IndexFunc(exchanges, func(x exchange) bool { return x.id == "secrets.coinbase_api_key" })
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte(org))
		if i < 0 {
			break
		}
		off += i
		if end := off + len(org) + 36 + len("/apiKeys/") + 36; end <= len(data) && cdpKeyName.match(data[off:end]) {
			out = append(out, mention{off, coinbase})
		}
		off += len(org)
	}
	slices.SortFunc(out, func(a, b mention) int { return a.off - b.off })
	return out
}

func wordMentions(out []mention, data, lower []byte, w string, exact bool, ex int) []mention {
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte(w))
		if i < 0 {
			return out
		}
		i += off
		off = i + len(w)
		if wordEdge(data, lower, i) && (!exact || wordEnd(data, lower, off)) {
			out = append(out, mention{i, ex})
		}
	}
}

// wordEdge reports a word boundary before i: not inside a run of letters,
// unless at a camelCase hump (ccxtBinance).
func wordEdge(data, lower []byte, i int) bool {
	return i == 0 || !isLower(lower[i-1]) || isUpper(data[i]) && isLower(data[i-1])
}

// wordEnd reports a word boundary at j, the end of a name.
func wordEnd(data, lower []byte, j int) bool {
	return j == len(data) || !isLower(lower[j]) || isUpper(data[j]) && isLower(data[j-1])
}

// firstMention is the exchange a name mentions, or -1.
func firstMention(data, lower []byte) int {
	if ms := findMentions(data, lower); len(ms) > 0 {
		return ms[0].ex
	}
	return -1
}

// inferExchange takes the exchange of a generic name from the nearest
// mention before it on its line, else after it on its line, else the only
// exchange the file names, else the nearest mention above it.
func inferExchange(ms []mention, distinct int, a assign) int {
	j := sort.Search(len(ms), func(i int) bool { return ms[i].off >= a.ns })
	switch {
	case j > 0 && ms[j-1].off >= a.ls:
		return ms[j-1].ex
	case j < len(ms) && ms[j].off < a.le:
		return ms[j].ex
	case distinct == 1:
		return ms[0].ex
	case j > 0:
		return ms[j-1].ex
	}
	return -1
}

// asciiLower lower-cases ASCII letters only, so offsets stay those of the
// input whatever its encoding.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if isUpper(c) {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
