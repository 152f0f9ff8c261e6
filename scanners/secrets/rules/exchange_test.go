package rules

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"
)

// creds are a generated key and secret in one exchange's format.
type creds struct{ key, secret string }

func exchangeCreds(r *rand.Rand) map[string]creds {
	return map[string]creds{
		"binance":  {gen(r, alnumChars, 64), gen(r, alnumChars, 64)},
		"bybit":    {gen(r, alnumChars, 18), gen(r, alnumChars, 36)},
		"okx":      {genUUID(r), strings.ToUpper(gen(r, hexChars, 32))},
		"kraken":   {genBase64(r, 42), genBase64(r, 64)},
		"coinbase": {"organizations/" + genUUID(r) + "/apiKeys/" + genUUID(r), fakeECPEM(r, `\n`)},
		"kucoin":   {gen(r, hexChars, 24), genUUID(r)},
		"bitget":   {"bg_" + gen(r, hexChars, 32), gen(r, hexChars, 64)},
		"gate":     {gen(r, hexChars, 32), gen(r, hexChars, 64)},
	}
}

// fakeECPEM is a PEM block of the right shape around random bytes (not a
// parsable key), with nl between its lines.
func fakeECPEM(r *rand.Rand, nl string) string {
	body := genBase64(r, 121)
	return "-----BEGIN EC PRIVATE KEY-----" + nl + body[:64] + nl + body[64:] + nl + "-----END EC PRIVATE KEY-----" + nl
}

func ruleMatches(ms []Match, rule string) []Match {
	var out []Match
	for _, m := range ms {
		if m.Rule == rule {
			out = append(out, m)
		}
	}
	return out
}

// TestExchangePairs: each exchange's pair, written the common ways, gives
// one match: the secret, with evidence naming its key.
func TestExchangePairs(t *testing.T) {
	r := newRand(30)
	for ex, c := range exchangeCreds(r) {
		up := strings.ToUpper(ex)
		rule := "secrets." + ex + "_api_key"
		for _, tc := range []struct{ name, path, in, keyName string }{
			{"env", ".env", up + "_API_KEY=" + c.key + "\n" + up + "_API_SECRET=\"" + c.secret + "\"\n", up + "_API_KEY"},
			{"export", "deploy/prod.env", "export " + up + "_KEY='" + c.key + "'\nexport " + up + "_SECRET='" + c.secret + "'\n", up + "_KEY"},
			{"yaml nested", "config.yml", ex + ":\n  api_key: " + c.key + "\n  api_secret: \"" + c.secret + "\"\n", "api_key"},
			{"json one line", "keys.json", `{"` + ex + `": {"apiKey": "` + c.key + `", "secret": "` + c.secret + `"}}`, "apiKey"},
			{"python ccxt", "bot.py", "ex = ccxt." + ex + "({'apiKey': '" + c.key + "', 'secret': '" + c.secret + "'})\n", "apiKey"},
			{"getenv default", "bot.py", "K = os.getenv(\"" + up + "_API_KEY\", \"" + c.key + "\")\nS = os.getenv(\"" + up + "_API_SECRET\", \"" + c.secret + "\")\n", up + "_API_KEY"},
			{"camel case", "bot.ts", "const " + ex + "ApiKey = '" + c.key + "';\nconst " + ex + "ApiSecret = '" + c.secret + "';\n", ex + "ApiKey"},
		} {
			ms := scan(t, tc.path, tc.in)
			got := ruleMatches(ms, rule)
			if len(got) != 1 || string(got[0].Secret) != c.secret || len(ms) != 1 {
				t.Errorf("%s %s: want the secret only:%s", ex, tc.name, show(ms))
				continue
			}
			if ev := got[0].Evidence; !strings.Contains(ev, "next to "+tc.keyName) || !strings.Contains(ev, "secret format") {
				t.Errorf("%s %s: evidence %q", ex, tc.name, ev)
			}
		}
	}
}

// TestExchangeEvidence is the example of the brief, word for word.
func TestExchangeEvidence(t *testing.T) {
	r := newRand(31)
	ms := scan(t, ".env", "BYBIT_API_KEY="+gen(r, alnumChars, 18)+"\nBYBIT_API_SECRET="+gen(r, alnumChars, 36)+"\n")
	if len(ms) != 1 || ms[0].Evidence != "BYBIT_API_SECRET: 36 alphanumerics (Bybit secret format) next to BYBIT_API_KEY" {
		t.Fatalf("matches:%s", show(ms))
	}
}

func TestExchangeKeyAlone(t *testing.T) {
	r := newRand(32)
	key := gen(r, alnumChars, 64)
	ms := scan(t, "config.yml", "binance_api_key: "+key+"\nbinance_api_secret: encrypted:AAAA\n")
	if len(ms) != 1 || string(ms[0].Secret) != key || !strings.Contains(ms[0].Evidence, "(Binance API key format); no secret") {
		t.Fatalf("matches:%s", show(ms))
	}
}

// TestCoinbaseFormats: CDP key files (ECDSA and Ed25519), a multi-line
// PEM in an env file, and the legacy Exchange key.
func TestCoinbaseFormats(t *testing.T) {
	r := newRand(33)
	name := "organizations/" + genUUID(r) + "/apiKeys/" + genUUID(r)
	pemEsc, pemReal := fakeECPEM(r, `\n`), fakeECPEM(r, "\n")
	ed := genBase64(r, 64)
	for _, tc := range []struct{ name, path, in, secret string }{
		{"cdp json", "cdp_api_key.json", "{\n  \"name\": \"" + name + "\",\n  \"privateKey\": \"" + pemEsc + "\"\n}\n", pemEsc},
		{"cdp ed25519", "cdp_api_key.json", "{\"id\": \"" + genUUID(r) + "\", \"privateKey\": \"" + ed + "\"} // coinbase\n", ed},
		{"pem across lines", ".env", "COINBASE_API_KEY_NAME=" + name + "\nCOINBASE_API_SECRET=\"" + pemReal + "\"\n", pemReal},
		{"legacy", "settings.py", "COINBASE_KEY = '" + gen(r, hexChars, 32) + "'\nCOINBASE_SECRET = '" + ed + "'\n", ed},
	} {
		ms := scan(t, tc.path, tc.in)
		got := ruleMatches(ms, "secrets.coinbase_api_key")
		if len(got) != 1 || string(got[0].Secret) != tc.secret || len(ms) != 1 {
			t.Errorf("%s:%s", tc.name, show(ms))
		}
	}
}

func TestExchangeNegatives(t *testing.T) {
	r := newRand(34)
	c := exchangeCreds(r)
	b, y := c["binance"], c["bybit"]
	for _, tc := range []struct{ name, path, in string }{
		{"wrong length", "c.yml", "BYBIT_API_SECRET: " + y.secret[:35] + "\n"},
		{"other exchange's format", "c.yml", "BINANCE_API_SECRET: " + y.secret + "\n"},
		{"okx secret not hex", "c.yml", "OKX_SECRET_KEY: " + strings.Repeat("G", 32) + "\n"},
		{"encrypted", "c.yml", "binance_secret: encrypted:" + b.secret + "\n"},
		{"env reference", "c.yml", "BINANCE_API_SECRET: ${BINANCE_API_SECRET}\n"},
		{"shell reference", ".env.prod", "BINANCE_API_SECRET=$VAULT_BINANCE\n"},
		{"os.environ", "bot.py", "BINANCE_API_SECRET = os.environ[\"BINANCE_API_SECRET\"]\n"},
		{"os.getenv", "bot.py", "BINANCE_API_SECRET = os.getenv(\"BINANCE_API_SECRET\")\n"},
		{"placeholder", "c.yml", "bybit_api_secret: your_bybit_api_secret_here_0000000\n"},
		{"placeholder x", "c.yml", "BINANCE_API_SECRET=" + strings.Repeat("x", 64) + "\n"},
		{"no exchange anywhere", "c.yml", "api_key: " + b.key + "\napi_secret: " + b.secret + "\n"},
		{"unrelated name", "c.yml", "# binance\ncache_token: " + b.secret + "\n"},
		{"passphrase alone", "c.yml", "OKX_PASSPHRASE: " + gen(r, alnumChars, 12) + "\n"},
		{"gateway is not gate", "c.yml", "gateway:\n  api_key: " + c["gate"].key + "\n  api_secret: " + c["gate"].secret + "\n"},
		{"glued value", "c.yml", "BYBIT_API_SECRET: " + y.secret + "$$\n"},
		{"comparison", "bot.py", "if BYBIT_API_SECRET == '" + y.secret + "':\n"},
	} {
		for _, m := range scan(t, tc.path, tc.in) {
			if strings.HasSuffix(m.Rule, "_api_key") {
				t.Errorf("%s:%s", tc.name, show([]Match{m}))
			}
		}
	}
}

// TestExchangeInference: a generic name takes its exchange from its own
// line first, then from the only exchange the file names, then from the
// nearest mention above.
func TestExchangeInference(t *testing.T) {
	r := newRand(35)
	c := exchangeCreds(r)
	for _, tc := range []struct{ name, in, rule string }{
		{"same line beats file", "# gate and kucoin below\nkucoin: {key: " + c["kucoin"].key + ", secret: " + c["kucoin"].secret + "}\n", "secrets.kucoin_api_key"},
		{"only exchange, named after", "api_key: " + c["kraken"].key + "\napi_secret: " + c["kraken"].secret + "\nexchange: kraken\n", "secrets.kraken_api_key"},
		{"nearest above", "binance:\n  testnet: true\nbitget:\n  api_key: " + c["bitget"].key + "\n  api_secret: " + c["bitget"].secret + "\n", "secrets.bitget_api_key"},
		{"camel hump", "const ex = new ccxt.pro.Okx({ apiKey: '" + c["okx"].key + "', secret: '" + c["okx"].secret + "' })\n", "secrets.okx_api_key"},
	} {
		ms := scan(t, "x.ts", tc.in)
		if len(ms) != 1 || ms[0].Rule != tc.rule || !strings.Contains(ms[0].Evidence, "named nearby") {
			t.Errorf("%s:%s", tc.name, show(ms))
		}
	}
}

func TestFormats(t *testing.T) {
	r := newRand(36)
	good := map[string]format{
		"18 alnum": alnum(18), "uuid": uuidFormat, "base64 88": base64Of(88, 64), "bg": bitgetKey, "hex 24": hexDigits(24),
	}
	vals := map[string]string{
		"18 alnum": gen(r, alnumChars, 18), "uuid": genUUID(r), "base64 88": genBase64(r, 64),
		"bg": "bg_" + gen(r, hexChars, 32), "hex 24": gen(r, hexChars, 24),
	}
	for name, f := range good {
		v := vals[name]
		if !f.match([]byte(v)) {
			t.Errorf("%s does not match its format", name)
		}
		if f.match([]byte(v[1:])) || f.match([]byte(v+"A")) {
			t.Errorf("%s matches at the wrong length", name)
		}
	}
	raw := base64.StdEncoding.EncodeToString(make([]byte, 63)) + "A"
	if base64Of(88, 64).match([]byte(raw)) {
		t.Error("88 characters that are not base64 of 64 bytes match")
	}
	if ecPEM.match([]byte("-----BEGIN EC PRIVATE KEY-----\\n...\\n-----END EC PRIVATE KEY-----")) {
		t.Error("a PEM without a body matches")
	}
}
