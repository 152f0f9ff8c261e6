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
	ruleOversized   = "keystore.oversized"
	ruleDuplicate   = "keystore.duplicate_key"
)

const (
	fixReexport = "restore the keystore from a trusted backup, or re-import the key with `geth account import` and delete this file"
	fixWeak     = "re-encrypt with geth's standard parameters: `geth account update <address>` writes scrypt N=262144, r=8, p=1, dklen=32"
	fixHostile  = "replace the file with a keystore re-exported from a trusted copy with geth's standard parameters (scrypt N=262144, r=8, p=1)"
)

// Check applies every keystore rule to one file. mode is its permission
// bits (0 when unknown: not judged). passphrase, when not nil, is used to
// decrypt the key in memory and prove the file intact; it never appears in
// a finding, and neither does a field value that is not of its field's
// type or shape.
func Check(path string, data []byte, mode fs.FileMode, passphrase *string) []finding.Finding {
	c := newChecker(path, mode)
	c.file(data, passphrase)
	return c.out
}

// TooLarge is Check for a file where a keystore is Expected that the caller
// did not read because it is over MaxSize bytes: the permission rule and
// keystore.oversized, so that padding a key file cannot hide it.
func TooLarge(path string, mode fs.FileMode) []finding.Finding {
	c := newChecker(path, mode)
	c.oversized(&FieldError{Field: "(file)", Problem: fmt.Sprintf("is over %d bytes; a keystore is about 500, and Bulwark did not read it", MaxSize), Oversized: true})
	return c.out
}

// checker gathers the findings for one file.
type checker struct {
	path    string
	subject string // the identity: the address once known, else the path
	out     []finding.Finding
}

func newChecker(path string, mode fs.FileMode) *checker {
	c := &checker{path: path, subject: path}
	if perm := mode.Perm(); perm&0o077 != 0 {
		fix := "chmod 600 " + path + " (and keep it owned by the service user)"
		c.add(rulePermissions, finding.High, "Keystore readable or writable by other users",
			fmt.Sprintf("%s has mode %04o; required is 0600 or stricter (0400), since any other user on the host can copy the encrypted key and brute-force it offline, or replace it; fix: %s", path, perm, fix),
			map[string]any{"deployed": fmt.Sprintf("%04o", perm), "limit": "0600 or stricter", "fix": fix})
	}
	return c
}

func (c *checker) add(rule string, sev finding.Severity, title, msg string, detail map[string]any) {
	c.out = append(c.out, finding.Finding{Scanner: "riskcheck", RuleID: rule, Severity: sev, Title: title, Message: msg,
		Location: finding.Location{Path: c.path}, Identity: rule + " " + c.subject, Detail: detail})
}

func (c *checker) file(data []byte, passphrase *string) {
	path := c.path
	f, dups, err := parse(data)
	if f != nil && f.Address != "" {
		c.subject = f.Address
	}
	if len(dups) > 0 {
		list, verb := strings.Join(dups, ", "), "appears"
		if len(dups) > 1 {
			verb = "appear"
		}
		c.add(ruleDuplicate, finding.High, "Keystore field appears more than once",
			fmt.Sprintf("%s: %s %s more than once (exactly or in other letter case); go-ethereum reads the last of each, merging objects, and ethers the first, so tools disagree on which key this file holds and how it is protected; Bulwark judged the first; required is each field once; fix: %s", path, list, verb, fixReexport),
			map[string]any{"deployed": list + " more than once", "limit": "each field once", "fix": fixReexport, "fields": dups})
	}
	var fe *FieldError
	if errors.As(err, &fe) && fe.Oversized {
		c.oversized(fe)
		return
	}
	if err != nil {
		field, problem := "(file)", err.Error()
		if fe != nil {
			field, problem = fe.Field, fe.Problem
		}
		where := ""
		if Expected(path) && !Looks(data) {
			where = " (it is where go-ethereum keeps key files: a UTC--… name or a .json file in a keystore directory)"
		}
		c.add(ruleMalformed, finding.High, "Malformed keystore",
			fmt.Sprintf("%s%s: %s %s; required is a V3 keystore with every field go-ethereum needs, or the key cannot be decrypted (and some tools crash on it); fix: %s", path, where, field, problem, fixReexport),
			map[string]any{"deployed": field + " " + problem, "limit": "a valid V3 keystore", "fix": fixReexport, "field": field})
		return
	}
	c.judge(f, passphrase)
}

var sizeLimit = fmt.Sprintf("a file of at most %d bytes with no field over %d characters", MaxSize, 2*maxFieldBytes)

func (c *checker) oversized(fe *FieldError) {
	c.add(ruleOversized, finding.High, "Keystore of absurd size",
		fmt.Sprintf("%s: %s %s; required is %s: padding like this only serves to slow, exhaust or crash what reads the file, so Bulwark checked nothing else in it; fix: %s", c.path, fe.Field, fe.Problem, sizeLimit, fixReexport),
		map[string]any{"deployed": fe.Field + " " + fe.Problem, "limit": sizeLimit, "fix": fixReexport, "field": fe.Field})
}

// judge applies the rules to a well-formed keystore.
func (c *checker) judge(f *File, passphrase *string) {
	cj := f.Crypto
	if cj.Cipher != "aes-128-ctr" {
		name := nameOf(cj.Cipher, knownCiphers)
		c.add(ruleCipher, finding.High, "Unsupported keystore cipher",
			fmt.Sprintf("cipher is %s; required is aes-128-ctr, the only cipher of V3 keystores (go-ethereum cannot decrypt anything else); fix: %s", name, fixReexport),
			map[string]any{"deployed": name, "limit": "aes-128-ctr", "fix": fixReexport})
	}
	macOK := len(cj.MAC) == 64 && isHex(cj.MAC)
	if !macOK {
		deployed := "missing"
		if cj.MAC != "" {
			deployed = fmt.Sprintf("%d characters, not 64 hex digits", len(cj.MAC))
		}
		c.add(ruleMAC, finding.Critical, "Keystore MAC missing or malformed",
			fmt.Sprintf("crypto.mac is %s; required is a 32-byte hex keccak-256 MAC, without which a tampered ciphertext cannot be detected; fix: %s", deployed, fixReexport),
			map[string]any{"deployed": deployed, "limit": "32 bytes of hex", "fix": fixReexport})
	}
	v := judgeKDF(f)
	switch v.rule {
	case ruleHostileKDF:
		c.add(ruleHostileKDF, finding.High, "Hostile keystore KDF parameters",
			fmt.Sprintf("%s: %s; required is %s, or decrypting would hang or exhaust memory, so Bulwark did not try; fix: %s", v.deployed, strings.Join(v.problems, "; "), v.limit, fixHostile),
			v.detail(f, fixHostile))
	case ruleWeakKDF:
		fix := fixWeak
		if f.Address != "" {
			fix = strings.Replace(fix, "<address>", "0x"+f.Address, 1)
		}
		c.add(ruleWeakKDF, finding.High, "Weak keystore KDF",
			fmt.Sprintf("%s: %s; required is %s, or a stolen copy is cheap to brute-force; fix: %s", v.deployed, strings.Join(v.problems, "; "), v.limit, fix),
			v.detail(f, fix))
	}
	if passphrase == nil || !macOK || !v.decrypt || cj.Cipher != "aes-128-ctr" {
		return
	}
	if deployed := verify(f, *passphrase); deployed != "" {
		fix := fixReexport + "; find out who changed it, and check the configured passphrase"
		c.add(ruleTampered, finding.Critical, "Keystore does not decrypt to its address",
			fmt.Sprintf("%s; required is that the file decrypts with the configured passphrase to the address it names; fix: %s", deployed, fix),
			map[string]any{"deployed": deployed, "limit": "MAC verifies and the key matches the address field", "fix": fix})
	}
}
