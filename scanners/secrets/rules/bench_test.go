package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bulwark-sec/bulwark/internal/testutil"
)

// benchFile is one file of the benchmark corpus.
type benchFile struct {
	path string
	data []byte
}

// benchCorpus builds about 1 MB of realistic text: Python and Go source of
// a trading bot, a poetry.lock and a package-lock.json full of hashes, YAML
// config and an env file, with a few secrets planted.
func benchCorpus(tb testing.TB) []benchFile {
	r := newRand(80)
	var py, lock, npm, env strings.Builder
	for i := 0; py.Len() < 400<<10; i++ {
		fmt.Fprintf(&py, "def handle_order_%d(exchange, symbol: str, amount: float) -> dict:\n", i)
		fmt.Fprintf(&py, "    \"\"\"Place a limit order and return the exchange's answer.\"\"\"\n")
		fmt.Fprintf(&py, "    price = exchange.fetch_ticker(symbol)[\"last\"] * (1 - SLIPPAGE)\n")
		fmt.Fprintf(&py, "    tx_hash = \"0x%s\"  # last settlement\n", gen(r, hexChars, 64))
		fmt.Fprintf(&py, "    api_key = os.getenv(\"BINANCE_API_KEY\")\n    if not api_key:\n        raise RuntimeError(\"missing key\")\n")
		fmt.Fprintf(&py, "    log.info(\"order %%s at %%s: the quick brown fox jumps over the lazy dog\", symbol, price)\n")
		fmt.Fprintf(&py, "    return exchange.create_order(symbol, \"limit\", \"buy\", amount, price, {\"timeInForce\": \"GTC\"})\n\n")
		if i%200 == 0 {
			fmt.Fprintf(&py, "SIGNER_PRIVATE_KEY = \"0x%s\"\n", genEVMKey(r))
		}
	}
	for i := 0; lock.Len() < 300<<10; i++ {
		fmt.Fprintf(&lock, "[[package]]\nname = \"pkg%d\"\nversion = \"1.%d.0\"\ndescription = \"A library\"\noptional = false\n", i, i%40)
		fmt.Fprintf(&lock, "files = [\n    {file = \"pkg%d-1.0-py3-none-any.whl\", hash = \"sha256:%s\"},\n", i, gen(r, hexChars, 64))
		fmt.Fprintf(&lock, "    {file = \"pkg%d-1.0.tar.gz\", hash = \"sha256:%s\"},\n]\n\n", i, gen(r, hexChars, 64))
	}
	for i := 0; npm.Len() < 200<<10; i++ {
		fmt.Fprintf(&npm, "    \"node_modules/pkg%d\": {\n      \"version\": \"2.%d.1\",\n", i, i%30)
		fmt.Fprintf(&npm, "      \"resolved\": \"https://registry.npmjs.org/pkg%d/-/pkg%d-2.0.1.tgz\",\n", i, i)
		fmt.Fprintf(&npm, "      \"integrity\": \"sha512-%s\"\n    },\n", genBase64(r, 64))
	}
	for env.Len() < 100<<10 {
		fmt.Fprintf(&env, "# exchange credentials\nBYBIT_API_KEY=%s\nBYBIT_API_SECRET=%s\n", gen(r, alnumChars, 18), gen(r, alnumChars, 36))
		// bulwark:ignore trufflehog.postgres -- a fake credential the tests plant on purpose
		fmt.Fprintf(&env, "TELEGRAM_BOT_TOKEN=%d:AA%s\nDATABASE_URL=postgres://bot:pw@db:5432/bot\nLOG_LEVEL=info\n", 1000000000+r.IntN(1e9), gen(r, tokenChars, 33))
		fmt.Fprintf(&env, "OKX_API_KEY=${OKX_API_KEY}\nOKX_SECRET_KEY=encrypted:%s\nRISK_MAX_POSITION=0.25\n", genBase64(r, 48))
		fmt.Fprintf(&env, "RECOVERY=\"%s\"\n", genMnemonic(tb, r, 12))
	}
	return []benchFile{{"bot/strategy.py", []byte(py.String())}, {"poetry.lock", []byte(lock.String())},
		{"web/package-lock.json", []byte(npm.String())}, {"deploy/.env", []byte(env.String())}}
}

func BenchmarkScan(b *testing.B) {
	files := benchCorpus(b)
	total := 0
	for _, f := range files {
		total += len(f.data)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Scan(f.path, f.data)
		}
	}
}

// TestBenchCorpus checks the benchmark finds what was planted, and bounds
// the time of a scan so a regression to quadratic work fails a plain test.
func TestBenchCorpus(t *testing.T) {
	files := benchCorpus(t)
	counts := map[string]int{}
	start := time.Now()
	for _, f := range files {
		ms := Scan(f.path, f.data)
		checkInvariants(t, f.data, ms)
		for _, m := range ms {
			counts[m.Rule]++
		}
	}
	if took := time.Since(start); took > 5*time.Second*testutil.Slowdown {
		t.Errorf("1 MB took %s", took)
	}
	if counts["secrets.evm_private_key"] == 0 || counts["secrets.bybit_api_key"] == 0 || counts["secrets.telegram_bot_token"] == 0 ||
		counts["secrets.bip39_mnemonic"] == 0 || counts["secrets.env_plaintext_key"] != 0 || len(counts) != 4 {
		t.Errorf("counts %v", counts)
	}
}
