package rules

import (
	"fmt"
	"math/big"
	"path"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/textscan"
)

var evmRule = Rule{
	ID:    "secrets.evm_private_key",
	Title: "Ethereum/EVM private key",
	Description: "64 hex digits (with or without 0x) named as a private key, signer, wallet key or secret on the same line, " +
		"that are a valid secp256k1 private key (1 ≤ k < n). Hashes are told apart by their names (hash, tx, digest, " +
		"checksum, commit…), a sha256: prefix, lockfiles and longer hex runs. Anyone holding the key controls the account.",
	Severity: Critical,
}

// secp256k1N is the order n of the secp256k1 group: a private key is a
// scalar k with 1 ≤ k < n.
var secp256k1N, _ = new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)

var (
	// evmKeyWords in a name make a 64-hex value a key. "pk" must be the last
	// segment (DEPLOYER_PK, ownerPk): not part of a word (pkg), and not a
	// leading pk, which in HPKE and other test vectors means public key (pkRm).
	evmKeyWords    = []string{"private", "privkey", "secret", "signer", "signing", "wallet", "ethkey", "mnemonic", "seed", "fromkey", "deployerkey", "ownerkey", "accountkey"}
	evmKeySegments = []string{"pk"}
	// evmLooseKeyWords are the words that make a key of a value from
	// elsewhere on its line (a flag, a comment) rather than from its name.
	evmLooseKeyWords = []string{"private", "privkey", "secret", "signer", "signing", "ethkey"}
	// evmNotKeyWords in a name say the value is about something else: a
	// hash, an address, a salt, an ID.
	evmNotKeyWords    = []string{"hash", "checksum", "digest", "commit", "txid", "integrity", "address", "public", "pubkey", "signature", "topic", "merkle", "proof", "salt", "nonce", "slot", "selector", "uuid", "shared", "exporter", "traffic", "handshake", "resumption", "sha1", "sha256", "sha3", "sha512", "keccak", "blake", "md5", "fingerprint", "root"}
	evmNotKeySegments = []string{"tx", "id", "sig", "addr", "block", "iv", "sha"}
)

// lockfiles hold package hashes, never keys: the EVM rule skips them.
var lockfiles = map[string]bool{
	"poetry.lock": true, "package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true, "pnpm-lock.yaml": true,
	"bun.lock": true, "go.sum": true, "pipfile.lock": true, "cargo.lock": true, "composer.lock": true, "gemfile.lock": true,
	"uv.lock": true, "pdm.lock": true, "flake.lock": true, "packages.lock.json": true, "gradle.lockfile": true,
	"mix.lock": true, "pubspec.lock": true, "package.resolved": true, "conda-lock.yml": true, "podfile.lock": true,
}

// isLockfile reports a dependency lockfile or a pip requirements file (whose
// --hash=sha256:… pins look like keys).
func isLockfile(p string) bool {
	base := strings.ToLower(path.Base(p))
	if lockfiles[base] {
		return true
	}
	if strings.HasSuffix(base, ".txt") && (strings.Contains(base, "requirements") || strings.Contains(base, "constraints") ||
		strings.Contains(strings.ToLower(p), "requirements/")) {
		return true
	}
	return false
}

// evmKeys finds runs of exactly 64 hex digits, not glued to other word
// characters (a 0x before them is fine), in a key-like context.
func evmKeys(p string, data []byte) []Match {
	if isLockfile(p) {
		return nil
	}
	var out []Match
	for i, j := range textscan.HexRuns(data, 64) {
		if m, ok := evmCandidate(data, i, j); ok {
			out = append(out, m)
		}
	}
	return out
}

func evmCandidate(data []byte, s, e int) (Match, bool) {
	start := s
	if s >= 2 && data[s-1]|0x20 == 'x' && data[s-2] == '0' {
		start = s - 2
	}
	if start > 0 && textscan.IsWord(data[start-1]) {
		return Match{}, false
	}
	if start > 0 && (data[start-1] == ':' || data[start-1] == '=' || data[start-1] == '-') {
		// sha256:…, --hash=sha256=…, sha512-…: a digest, whatever the field.
		if adj := strings.ToLower(textscan.IdentBefore(data, start-1)); strings.Contains(adj, "sha") || strings.Contains(adj, "hash") ||
			strings.Contains(adj, "keccak") || strings.Contains(adj, "blake") || strings.Contains(adj, "md5") {
			return Match{}, false
		}
	}
	why, ok := evmContext(data, start, e)
	if !ok {
		return Match{}, false
	}
	hex := string(data[s:e])
	if placeholder(hex) {
		return Match{}, false
	}
	k, _ := new(big.Int).SetString(hex, 16)
	if k.Sign() == 0 || k.Cmp(secp256k1N) >= 0 {
		return Match{}, false
	}
	return Match{Rule: evmRule.ID, Title: evmRule.Title, Severity: evmRule.Severity, Start: start, End: e,
		Evidence: why + ": 64 hex digits that are a valid secp256k1 private key (1 ≤ k < n)"}, true
}

// evmContext decides from names whether the value at [s, e) is a key. The
// name the value is assigned to decides alone when it says key or says
// hash/ID/address; otherwise the other names on the line (the flag in
// `--private-key 0x…`, a trailing `# signer key` comment) decide, and any
// hash-like name among them vetoes.
func evmContext(data []byte, s, e int) (string, bool) {
	if name := textscan.AssignedName(data, s); name != "" {
		segs := segments(name)
		if nameHas(segs, evmNotKeyWords, evmNotKeySegments) != "" {
			return "", false
		}
		if nameHas(segs, evmKeyWords, nil) != "" || lastIs(segs, evmKeySegments) {
			return fmt.Sprintf("field %q", name), true
		}
	}
	before, after := window(data, s, e)
	found := ""
	veto := false
	scan := func(n string, prev byte) bool {
		segs := segments(n)
		if nameHas(segs, evmNotKeyWords, evmNotKeySegments) != "" {
			veto = true
			return false
		}
		// Away from the assignment, only a word that reads as a name counts:
		// not a piece of a path or URL (module/openwallet), not a run of
		// base64 (h1:…9Pk=), and not the two-letter "pk", which random
		// base64 spells once in a few hundred characters.
		if found == "" && prev != '/' && prev != ':' && prev != '+' && !randomLooking(n) &&
			nameHas(segs, evmLooseKeyWords, nil) != "" {
			found = n
		}
		return true
	}
	namesAfter(before, scan)
	if !veto {
		namesAfter(after, scan)
	}
	if veto || found == "" {
		return "", false
	}
	return fmt.Sprintf("%q on the same line", found), true
}

// lastIs reports whether the name's last segment is one of words.
func lastIs(segs, words []string) bool {
	if len(segs) == 0 {
		return false
	}
	for _, w := range words {
		if segs[len(segs)-1] == w {
			return true
		}
	}
	return false
}

// randomLooking reports a token that is more likely a slice of base64 or a
// hash than a name: 12 or more characters mixing digits with upper- and
// lower-case letters and no separator.
func randomLooking(n string) bool {
	if len(n) < 12 || strings.ContainsAny(n, "_-.") {
		return false
	}
	var digit, upper, lower bool
	for i := 0; i < len(n); i++ {
		switch c := n[i]; {
		case isDigit(c):
			digit = true
		case isUpper(c):
			upper = true
		case isLower(c):
			lower = true
		}
	}
	return digit && upper && lower
}
