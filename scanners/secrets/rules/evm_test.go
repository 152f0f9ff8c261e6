package rules

import (
	"math/big"
	"strings"
	"testing"
)

func TestEVMPrivateKey(t *testing.T) {
	r := newRand(10)
	key := genEVMKey(r)
	other := genEVMKey(r)
	upper := strings.ToUpper(genEVMKey(r))
	nMinus1 := new(big.Int).Sub(secp256k1N, big.NewInt(1)).Text(16)
	for _, tc := range []struct {
		name, path, in string
		want           int
		why            string // a word the evidence must hold
	}{
		// Positives.
		{"env", ".env", "PRIVATE_KEY=0x" + key + "\n", 1, "PRIVATE_KEY"},
		{"yaml without 0x", "cfg.yml", "signer_private_key: \"" + key + "\"\n", 1, "signer_private_key"},
		{"json camel case", "keys.json", `{"privateKey": "0x` + key + `"}`, 1, "privateKey"},
		{"minified json two keys", "k.json", `{"a":{"privKey":"` + key + `"},"b":{"walletKey":"0x` + other + `"}}`, 2, ""},
		{"python kwarg", "bot.py", `acct = Account.from_key(private_key="0x` + key + `")`, 1, "private_key"},
		{"toml", "c.toml", "secret_key = '" + key + "'\n", 1, "secret_key"},
		{"pk segment", ".env", "DEPLOYER_PK=" + key + "\n", 1, "DEPLOYER_PK"},
		{"eth key", "a.ini", "eth_key = " + key + "\n", 1, "eth_key"},
		{"cli flag", "deploy.sh", "cast send --private-key 0x" + key + " $TO\n", 1, "--private-key"},
		{"trailing comment", "w.yml", "value: 0x" + key + "  # signer key\n", 1, "signer"},
		{"go", "main.go", `signer, _ := crypto.HexToECDSA("` + key + `") // signer`, 1, "signer"},
		{"upper case hex", ".env", "SIGNER=0X" + upper + "\n", 1, "SIGNER"},
		{"n-1 is a key", "k.yml", "private_key: " + strings.Repeat("0", 64-len(nMinus1)) + nMinus1 + "\n", 1, "private_key"},
		{"mnemonic-ish name", "k.yml", "wallet_seed: " + key + "\n", 1, "wallet_seed"},
		{"go.mod-like name is not a lockfile", "go.mod.bak", "private_key = " + key + "\n", 1, ""},
		// Negatives.
		{"poetry.lock", "poetry.lock", "private = \"" + key + "\"\n", 0, ""},
		{"poetry hash", "sub/poetry.lock", "{file = \"x.whl\", hash = \"sha256:" + key + "\"},\n", 0, ""},
		{"package-lock", "package-lock.json", `"integrity": "sha512-abc", "secret": "` + key + `"`, 0, ""},
		{"requirements", "requirements-dev.txt", "web3==6.0 --hash=sha256:" + key + " # private\n", 0, ""},
		{"requirements dir", "requirements/prod.txt", "private_key " + key + "\n", 0, ""},
		{"go.sum", "go.sum", "private " + key + "\n", 0, ""},
		{"Pipfile.lock", "Pipfile.lock", `"hashes": ["sha256:` + key + `"], "secret": 1`, 0, ""},
		{"sha256: prefix anywhere", "x.yml", "private_key: sha256:" + key + "\n", 0, ""},
		{"sha256= prefix", "x.cfg", "signer_secret=sha256=" + key + "\n", 0, ""},
		{"tx hash", "x.yml", "signer_tx_hash: 0x" + key + "\n", 0, ""},
		{"txid", "x.yml", "private_txid: " + key + "\n", 0, ""},
		{"commit", "x.yml", "secret_commit: " + key + "\n", 0, ""},
		{"checksum", "x.yml", "wallet_key_checksum: " + key + "\n", 0, ""},
		{"digest", "x.yml", "signer_digest: " + key + "\n", 0, ""},
		{"block hash on the line", "x.log", "signer block hash 0x" + key + "\n", 0, ""},
		{"unnamed", "x.yml", "value: " + key + "\n", 0, ""},
		{"hpke public key", "rfc9180.json", `"pkRm": "` + key + `",`, 0, ""},
		{"ecdh shared secret", "ecdh_test.go", `SharedSecret: "` + key + `",`, 0, ""},
		// Go's own zip_sums.csv: module path, version, base64 h1 sum, hex
		// sha256. Path parts and base64 that spell pk/seed/wallet are not names.
		{"module sums csv", "zip_sums.csv", "github.com/tyler-smith/go-bip39/seed,v1.0.2,h1:1sL9950m4R9PkZlw63LSiYEHYHoE6j=," + key + "\n", 0, ""},
		{"module path names a wallet", "sums.csv", "github.com/openwallet/wallet-interface,v0.1.0,h1:abc=," + key + "\n", 0, ""},
		{"next line", "x.yml", "private_key:\n  " + key + "\n", 0, ""},
		{"128 hex", "x.yml", "private_key: 0x" + key + other + "\n", 0, ""},
		{"65 hex", "x.yml", "private_key: 0x" + key + "a\n", 0, ""},
		{"63 hex", "x.yml", "private_key: 0x" + key[1:] + "\n", 0, ""},
		{"glued to a word", "x.yml", "private_key: z" + key + "\n", 0, ""},
		{"zero", "x.yml", "private_key: 0x" + strings.Repeat("0", 64) + "\n", 0, ""},
		{"one digit repeated", "x.yml", "private_key: " + strings.Repeat("a", 64) + "\n", 0, ""},
		{"n itself", "x.yml", "private_key: " + secp256k1N.Text(16) + "\n", 0, ""},
		{"above n", "x.yml", "private_key: " + strings.Repeat("f", 63) + "e\n", 0, ""},
		{"placeholder pattern", "x.yml", "private_key: " + strings.Repeat("deadbeef", 8) + "\n", 0, ""},
		{"public key", "x.yml", "signer_public_key: " + key + "\n", 0, ""},
		{"address-ish name", "x.yml", "wallet_address_secret: " + key + "\n", 0, ""},
		{"sha inside a word is not sha", "x.yml", "shadow_signer: " + key + "\n", 1, "shadow_signer"},
		{"tls traffic secret", "key_schedule_test.go", `clientHandshakeTrafficSecret = "` + key + `"`, 0, ""},
		{"pkg is not pk", "x.yml", "pkg: " + key + "\n", 0, ""},
	} {
		ms := scan(t, tc.path, tc.in)
		n := 0
		for _, m := range ms {
			if m.Rule == "secrets.evm_private_key" {
				n++
				if !strings.Contains(m.Evidence, tc.why) || m.Severity != Critical {
					t.Errorf("%s: evidence %q lacks %q", tc.name, m.Evidence, tc.why)
				}
			}
		}
		if n != tc.want {
			t.Errorf("%s: %d EVM keys, want %d:%s", tc.name, n, tc.want, show(ms))
		}
	}
}

// TestEVMSpan: the secret includes its 0x, and only the value.
func TestEVMSpan(t *testing.T) {
	key := genEVMKey(newRand(11))
	ms := scan(t, "a.yml", "a: 1\nprivate_key: \"0x"+key+"\"\n")
	if len(ms) != 1 || string(ms[0].Secret) != "0x"+key || ms[0].Line != 2 {
		t.Fatalf("matches:%s", show(ms))
	}
}

func TestIsLockfile(t *testing.T) {
	for p, want := range map[string]bool{
		"poetry.lock": true, "a/b/package-lock.json": true, "yarn.lock": true, "go.sum": true, "Pipfile.lock": true,
		"requirements.txt": true, "requirements-dev.txt": true, "reqs/requirements/base.txt": true, "Cargo.lock": true,
		"constraints.txt": true, "go.mod": false, "config.yml": false, ".env": false, "notes.txt": false, "lock.py": false,
	} {
		if got := isLockfile(p); got != want {
			t.Errorf("isLockfile(%q) = %v", p, got)
		}
	}
}
