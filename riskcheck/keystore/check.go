package keystore

import (
	"fmt"
	"io/fs"
	"math/bits"
	"strings"

	ethks "github.com/ethereum/go-ethereum/accounts/keystore"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Check applies every keystore rule to one file. passphrase, when not nil,
// is used to decrypt the key in memory and prove it intact.
func Check(path string, data []byte, mode fs.FileMode, passphrase *string) []finding.Finding {
	var out []finding.Finding
	id := path
	add := func(rule string, sev finding.Severity, title, msg string, detail map[string]any) {
		out = append(out, finding.Finding{RuleID: rule, Severity: sev, Title: title, Message: msg,
			Location: finding.Location{Path: path}, Identity: rule + " " + id, Detail: detail})
	}
	if perm := mode.Perm(); perm&0o077 != 0 {
		add("keystore.permissions", finding.High, "Keystore readable by others",
			fmt.Sprintf("%s has mode %04o: other users can copy the encrypted key and brute-force it offline; run chmod 600 %s", path, perm, path),
			map[string]any{"deployed": fmt.Sprintf("%04o", perm), "limit": "0600", "fix": "chmod 600 " + path})
	}
	f, err := Parse(data)
	if err != nil {
		add("keystore.malformed", finding.High, "Malformed keystore",
			fmt.Sprintf("%s: %v; the key cannot be decrypted as it is", path, err),
			map[string]any{"deployed": "malformed", "limit": "a valid V3 keystore", "fix": "re-export the key with geth account import/export"})
		return out
	}
	if f.Address != "" {
		id = strings.ToLower(strings.TrimPrefix(f.Address, "0x"))
	}
	c := f.Crypto
	if c.Cipher != "aes-128-ctr" {
		add("keystore.cipher", finding.High, "Unexpected keystore cipher",
			fmt.Sprintf("cipher %q: V3 keystores use aes-128-ctr; re-encrypt the key", c.Cipher),
			map[string]any{"deployed": c.Cipher, "limit": "aes-128-ctr", "fix": "re-encrypt with geth (aes-128-ctr)"})
	}
	if mac := strings.TrimPrefix(c.MAC, "0x"); len(mac) != 64 || !isHex(mac) {
		add("keystore.mac_missing", finding.Critical, "Keystore MAC missing",
			"the keystore has no valid 32-byte MAC, so tampering with the ciphertext cannot be detected",
			map[string]any{"deployed": "missing or malformed", "limit": "32-byte keccak256 MAC", "fix": "re-export the key from a trusted copy"})
		return out
	}
	kdf, hostile := kdfFindings(c)
	for _, k := range kdf {
		k.Location = finding.Location{Path: path}
		k.Identity = k.RuleID + " " + id
		out = append(out, k)
	}
	if passphrase != nil && !hostile && c.Cipher == "aes-128-ctr" {
		if msg := verify(data, *passphrase, f.Address); msg != "" {
			add("keystore.tampered", finding.Critical, "Keystore does not decrypt",
				msg+"; restore the keystore from a trusted backup and check who changed it",
				map[string]any{"deployed": "undecryptable", "limit": "decrypts with the configured passphrase", "fix": "restore the keystore from a trusted backup"})
		}
	}
	return out
}

// kdfFindings judges the KDF parameters. hostile is true when a decrypt
// must not be attempted.
func kdfFindings(c *ethks.CryptoJSON) ([]finding.Finding, bool) {
	params := map[string]any{"kdf": c.KDF}
	for k, v := range c.KDFParams {
		if k != "salt" {
			params[k] = v
		}
	}
	mk := func(rule, title, msg, deployed, limit, fix string) finding.Finding {
		d := map[string]any{"deployed": deployed, "limit": limit, "fix": fix, "kdfparams": params}
		return finding.Finding{RuleID: rule, Severity: finding.High, Title: title, Message: msg + "; " + fix, Detail: d}
	}
	const fix = "re-encrypt with geth's standard scrypt parameters (N=262144, r=8, p=1)"
	switch c.KDF {
	case "scrypt":
		n, okN := param(c, "n")
		r, okR := param(c, "r")
		p, okP := param(c, "p")
		dk, okD := param(c, "dklen")
		if !okN || !okR || !okP || !okD {
			return []finding.Finding{mk("keystore.malformed", "Malformed scrypt parameters", "kdfparams must hold integer n, r, p and dklen", "missing", "n, r, p, dklen", fix)}, true
		}
		deployed := fmt.Sprintf("N=%.0f r=%.0f p=%.0f dklen=%.0f", n, r, p, dk)
		if n < 2 || n > maxScryptN || bits.OnesCount64(uint64(n)) != 1 || r < 1 || p < 1 || p > maxScryptP || 128*r*n > maxScryptMemory {
			return []finding.Finding{mk("keystore.hostile_kdf", "Hostile keystore KDF parameters",
				fmt.Sprintf("scrypt %s would need %.0f MiB or is invalid; Bulwark did not try to decrypt it", deployed, 128*r*n/(1<<20)),
				deployed, "N a power of two ≤ 2^22, 128·r·N ≤ 1 GiB, p ≤ 16", fix)}, true
		}
		if n < minScryptN || r != scryptR || dk != 32 {
			return []finding.Finding{mk("keystore.weak_kdf", "Weak keystore KDF",
				fmt.Sprintf("scrypt %s is weaker than geth's standard (N=262144, r=8, dklen=32): a stolen file is cheaper to brute-force", deployed),
				deployed, "N ≥ 262144, r = 8, p ≥ 1, dklen = 32", fix)}, false
		}
	case "pbkdf2":
		iter, okC := param(c, "c")
		dk, okD := param(c, "dklen")
		prf, _ := c.KDFParams["prf"].(string)
		if !okC || !okD {
			return []finding.Finding{mk("keystore.malformed", "Malformed pbkdf2 parameters", "kdfparams must hold integer c and dklen", "missing", "c, dklen", fix)}, true
		}
		deployed := fmt.Sprintf("c=%.0f dklen=%.0f prf=%s", iter, dk, prf)
		if iter < 1 || iter > maxPBKDF2Iter {
			return []finding.Finding{mk("keystore.hostile_kdf", "Hostile keystore KDF parameters",
				fmt.Sprintf("pbkdf2 %s is out of range; Bulwark did not try to decrypt it", deployed), deployed, "1 ≤ c ≤ 10,000,000", fix)}, true
		}
		if prf != "hmac-sha256" {
			return []finding.Finding{mk("keystore.malformed", "Unsupported pbkdf2 PRF", fmt.Sprintf("prf %q: V3 keystores use hmac-sha256", prf), prf, "hmac-sha256", fix)}, true
		}
		if iter < minPBKDF2Iter || dk != 32 {
			return []finding.Finding{mk("keystore.weak_kdf", "Weak keystore KDF",
				fmt.Sprintf("pbkdf2 %s is below OWASP's 600,000 iterations for PBKDF2-HMAC-SHA256", deployed),
				deployed, "c ≥ 600,000, dklen = 32", fix)}, false
		}
	default:
		return []finding.Finding{mk("keystore.weak_kdf", "Unknown keystore KDF", fmt.Sprintf("kdf %q is neither scrypt nor pbkdf2", c.KDF), c.KDF, "scrypt or pbkdf2", fix)}, true
	}
	return nil, false
}

// verify decrypts in memory and checks the address; "" means intact. The
// decrypted key is zeroed before returning, and go-ethereum's panics on
// malformed input are contained.
func verify(data []byte, passphrase, address string) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = "decryption failed on malformed parameters"
		}
	}()
	key, err := ethks.DecryptKey(data, passphrase)
	if err != nil {
		if err == ethks.ErrDecrypt {
			return "the MAC does not match: the keystore was modified, or the configured passphrase is wrong"
		}
		return "decryption failed: " + err.Error()
	}
	defer zero(key)
	if address != "" && !strings.EqualFold(strings.TrimPrefix(address, "0x"), strings.TrimPrefix(key.Address.Hex(), "0x")) {
		return "the decrypted key belongs to a different address than the file claims"
	}
	return ""
}

func zero(k *ethks.Key) {
	if k == nil || k.PrivateKey == nil || k.PrivateKey.D == nil {
		return
	}
	b := k.PrivateKey.D.Bits()
	for i := range b {
		b[i] = 0
	}
}
