package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

func TestRules(t *testing.T) {
	rs := Rules()
	want := []string{"secrets.aws_credentials_file", "secrets.binance_api_key", "secrets.bip39_mnemonic", "secrets.bitget_api_key", "secrets.bybit_api_key", "secrets.coinbase_api_key",
		"secrets.docker_auth", "secrets.env_plaintext_key", "secrets.evm_private_key", "secrets.framework_secret_key", "secrets.gate_api_key", "secrets.git_credentials", "secrets.kraken_api_key", "secrets.kucoin_api_key",
		"secrets.netrc_password", "secrets.npmrc_token", "secrets.okx_api_key", "secrets.password_hash_file", "secrets.pgpass_password", "secrets.putty_private_key", "secrets.pypirc_password", "secrets.rails_master_key", "secrets.telegram_bot_token",
		"secrets.uri_password"}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
		if r.Title == "" || len(r.Description) < 40 || (r.Severity != Critical && r.Severity != High && r.Severity != Medium) {
			t.Errorf("rule %s is incomplete: %+v", r.ID, r)
		}
	}
	if !slices.Equal(ids, want) {
		t.Errorf("rules %v, want %v", ids, want)
	}
	for _, r := range rs {
		wantSev := map[bool]finding.Severity{true: Critical, false: High}[r.ID == "secrets.evm_private_key" || r.ID == "secrets.bip39_mnemonic"]
		if r.ID == "secrets.password_hash_file" {
			wantSev = Medium // hashes, not passwords: cracking comes first
		}
		if r.Severity != wantSev {
			t.Errorf("%s: severity %s, want %s", r.ID, r.Severity, wantSev)
		}
	}
	rs[0].ID = "changed"
	if Rules()[0].ID == "changed" {
		t.Error("Rules returns shared state")
	}
}

// TestScanOrder: matches of several rules in one file come sorted by
// offset with the right lines.
func TestScanOrder(t *testing.T) {
	r := newRand(1)
	data := "# bot config\n" +
		"telegram_token: " + gen(r, "123456789", 9) + ":AA" + gen(r, tokenChars, 33) + "\n" +
		"signer_private_key: 0x" + genEVMKey(r) + "\n\n" +
		"seed: \"" + genMnemonic(t, r, 12) + "\"\n" +
		"BYBIT_API_KEY=" + gen(r, alnumChars, 18) + "\nBYBIT_API_SECRET=" + gen(r, alnumChars, 36) + "\n"
	ms := scan(t, "config/bot.yml", data)
	got := rulesOf(ms)
	want := []string{"secrets.telegram_bot_token", "secrets.evm_private_key", "secrets.bip39_mnemonic", "secrets.bybit_api_key"}
	if !slices.Equal(got, want) {
		t.Fatalf("rules %v, want %v:%s", got, want, show(ms))
	}
	for i, line := range []int{2, 3, 5, 7} {
		if ms[i].Line != line {
			t.Errorf("%s on line %d, want %d", ms[i].Rule, ms[i].Line, line)
		}
	}
	if !strings.Contains(ms[3].Evidence, "next to BYBIT_API_KEY") {
		t.Errorf("evidence %q does not name the key", ms[3].Evidence)
	}
}

// TestSpecificWins: a 64-hex Gate.io or Bitget secret named *_SECRET would
// also satisfy the EVM rule, and in an env file the env rule; only the
// exchange rule reports it.
func TestSpecificWins(t *testing.T) {
	r := newRand(2)
	for _, tc := range []struct{ name, data, want string }{
		{"gate", "GATE_API_KEY=" + gen(r, hexChars, 32) + "\nGATE_API_SECRET=" + gen(r, hexChars, 64) + "\n", "secrets.gate_api_key"},
		{"bitget", "BITGET_API_KEY=bg_" + gen(r, hexChars, 32) + "\nBITGET_SECRET_KEY=" + gen(r, hexChars, 64) + "\n", "secrets.bitget_api_key"},
		{"evm over env", "WALLET_PRIVATE_KEY=0x" + genEVMKey(r) + "\n", "secrets.evm_private_key"},
		{"evm over a lone generic name", "# trades on gate.io\nprivate_key: " + genEVMKey(r) + "\n", "secrets.evm_private_key"},
		{"a generic pair is the exchange's", "# gate.io\napi_key: " + gen(r, hexChars, 32) + "\napi_secret: " + genEVMKey(r) + "\n", "secrets.gate_api_key"},
	} {
		ms := scan(t, ".env", tc.data)
		if got := rulesOf(ms); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%s: %v, want [%s]:%s", tc.name, got, tc.want, show(ms))
		}
	}
}

// TestEvidenceWithheld: a name that holds the value itself does not carry
// it into the evidence.
func TestEvidenceWithheld(t *testing.T) {
	key := genEVMKey(newRand(3))
	data := "signer_" + key + "_private_key: " + key + "\n"
	ms := scan(t, "x.yml", data)
	if len(ms) != 1 || strings.Contains(ms[0].Evidence, key) {
		t.Fatalf("matches:%s", show(ms))
	}
}

// TestNoSecretsInNoise: ordinary code, prose and binary bytes give nothing.
func TestNoSecretsInNoise(t *testing.T) {
	r := newRand(4)
	bin := make([]byte, 1<<16)
	for i := range bin {
		bin[i] = byte(r.UintN(256))
	}
	for name, data := range map[string]string{
		"go":     "package main\n\nfunc main() {\n\tkey := os.Getenv(\"PRIVATE_KEY\")\n\tfmt.Println(len(key))\n}\n",
		"prose":  "The quick brown fox jumps over the lazy dog, and then it runs away into the forest again.\n",
		"binary": string(bin),
		"empty":  "",
	} {
		if ms := scan(t, name, data); len(ms) != 0 || ms == nil {
			t.Errorf("%s (nil %v):%s", name, ms == nil, show(ms))
		}
	}
}
