package keystore

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Rule IDs.
const (
	rulePermissions = "keystore.permissions"
	ruleMalformed   = "keystore.malformed"
	ruleCipher      = "keystore.cipher"
	ruleMAC         = "keystore.mac_missing"
	ruleWeakKDF     = "keystore.weak_kdf"
	ruleHostileKDF  = "keystore.hostile_kdf"
	ruleTampered    = "keystore.tampered"
)

const (
	fixReexport = "restore the keystore from a trusted backup, or re-import the key with `geth account import` and delete this file"
	fixWeak     = "re-encrypt with geth's standard parameters: `geth account update <address>` writes scrypt N=262144, r=8, p=1, dklen=32"
	fixHostile  = "replace the file with a keystore re-exported from a trusted copy with geth's standard parameters (scrypt N=262144, r=8, p=1)"
)

// Check applies every keystore rule to one file. mode is its permission
// bits (0 when unknown: not judged). passphrase, when not nil, is used to
// decrypt the key in memory and prove the file intact; it never appears in
// a finding.
func Check(path string, data []byte, mode fs.FileMode, passphrase *string) []finding.Finding {
	var out []finding.Finding
	subject := path // the identity: the address once known, else the path
	add := func(rule string, sev finding.Severity, title, msg string, detail map[string]any) {
		out = append(out, finding.Finding{Scanner: "riskcheck", RuleID: rule, Severity: sev, Title: title, Message: msg,
			Location: finding.Location{Path: path}, Identity: rule + " " + subject, Detail: detail})
	}
	if perm := mode.Perm(); perm&0o077 != 0 {
		fix := "chmod 600 " + path + " (and keep it owned by the service user)"
		add(rulePermissions, finding.High, "Keystore readable or writable by other users",
			fmt.Sprintf("%s has mode %04o; required is 0600 or stricter (0400), since any other user on the host can copy the encrypted key and brute-force it offline, or replace it; fix: %s", path, perm, fix),
			map[string]any{"deployed": fmt.Sprintf("%04o", perm), "limit": "0600 or stricter", "fix": fix})
	}
	f, err := Parse(data)
	if err != nil {
		field, problem := "(file)", err.Error()
		var fe *FieldError
		if errors.As(err, &fe) {
			field, problem = fe.Field, fe.Problem
		}
		add(ruleMalformed, finding.High, "Malformed keystore",
			fmt.Sprintf("%s: %s %s; required is a V3 keystore with every field go-ethereum needs, or the key cannot be decrypted (and some tools crash on it); fix: %s", path, field, problem, fixReexport),
			map[string]any{"deployed": field + " " + problem, "limit": "a valid V3 keystore", "fix": fixReexport, "field": field})
		return out
	}
	if f.Address != "" {
		subject = f.Address
	}
	c := f.Crypto
	if c.Cipher != "aes-128-ctr" {
		name := clipName(c.Cipher)
		add(ruleCipher, finding.High, "Unsupported keystore cipher",
			fmt.Sprintf("cipher is %q; required is aes-128-ctr, the only cipher of V3 keystores (go-ethereum cannot decrypt anything else); fix: %s", name, fixReexport),
			map[string]any{"deployed": name, "limit": "aes-128-ctr", "fix": fixReexport})
	}
	macOK := len(c.MAC) == 64 && isHex(c.MAC)
	if !macOK {
		deployed := "missing"
		if c.MAC != "" {
			deployed = fmt.Sprintf("%d characters, not 64 hex digits", len(c.MAC))
		}
		add(ruleMAC, finding.Critical, "Keystore MAC missing or malformed",
			fmt.Sprintf("crypto.mac is %s; required is a 32-byte hex keccak-256 MAC, without which a tampered ciphertext cannot be detected; fix: %s", deployed, fixReexport),
			map[string]any{"deployed": deployed, "limit": "32 bytes of hex", "fix": fixReexport})
	}
	v := judgeKDF(f)
	switch v.rule {
	case ruleHostileKDF:
		add(ruleHostileKDF, finding.High, "Hostile keystore KDF parameters",
			fmt.Sprintf("%s: %s; required is %s, or decrypting would hang or exhaust memory, so Bulwark did not try; fix: %s", v.deployed, strings.Join(v.problems, "; "), v.limit, fixHostile),
			v.detail(f, fixHostile))
	case ruleWeakKDF:
		fix := fixWeak
		if f.Address != "" {
			fix = strings.Replace(fix, "<address>", "0x"+f.Address, 1)
		}
		add(ruleWeakKDF, finding.High, "Weak keystore KDF",
			fmt.Sprintf("%s: %s; required is %s, or a stolen copy is cheap to brute-force; fix: %s", v.deployed, strings.Join(v.problems, "; "), v.limit, fix),
			v.detail(f, fix))
	}
	if passphrase == nil || !macOK || !v.decrypt || c.Cipher != "aes-128-ctr" {
		return out
	}
	if deployed := verify(f, *passphrase); deployed != "" {
		fix := fixReexport + "; find out who changed it, and check the configured passphrase"
		add(ruleTampered, finding.Critical, "Keystore does not decrypt to its address",
			fmt.Sprintf("%s; required is that the file decrypts with the configured passphrase to the address it names; fix: %s", deployed, fix),
			map[string]any{"deployed": deployed, "limit": "MAC verifies and the key matches the address field", "fix": fix})
	}
	return out
}
