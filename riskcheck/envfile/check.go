package envfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

// Rule IDs.
const (
	rulePermissions  = "env.permissions"
	ruleParseError   = "env.parse_error"
	ruleUnencrypted  = "env.unencrypted_secret"
	rulePlaceholder  = "env.placeholder_secret"
	rulePassword     = "env.password_missing"
	ruleDebug        = "env.debug_enabled"
	ruleWeakHash     = "env.weak_password_hash"
	rulePlaintextKey = "config.plaintext_private_key"
)

var (
	debugKeyRe = regexp.MustCompile(`(?i)^(?:DEBUG|DEBUG_MODE|[A-Z0-9_]+_DEBUG)$`)
	hashKeyRe  = regexp.MustCompile(`(?i)^(?:[A-Z0-9_]*PASSWORD_HASH[A-Z0-9_]*|PASSWORD_HASHERS?|PASSWORD_(?:ALGORITHM|SCHEME)|[A-Z0-9_]*HASH(?:ING)?_ALGORITHM|AUTH_HASH[A-Z0-9_]*)$`)
)

// checker collects the findings for one file.
type checker struct {
	path string
	out  []finding.Finding
}

func (c *checker) add(rule string, sev finding.Severity, from, to int, title, msg, identity string, detail map[string]any) {
	c.out = append(c.out, finding.Finding{Scanner: "riskcheck", RuleID: rule, Severity: sev, Title: title, Message: msg,
		Location: finding.Location{Path: c.path, StartLine: from, EndLine: to}, Identity: identity, Detail: detail})
}

// Check applies every .env rule to one file. mode is its permission bits (0
// when unknown: not judged). The production-only rules run when production
// is true or the file itself declares a production environment.
func Check(path string, data []byte, mode fs.FileMode, production bool) []finding.Finding {
	c := &checker{path: path}
	if perm := mode.Perm(); perm&0o077 != 0 {
		fix := "chmod 600 " + path + " (owned by the service user)"
		c.add(rulePermissions, finding.High, 0, 0, "Environment file readable by other users",
			fmt.Sprintf("%s has mode %04o; required is 0600 or stricter (seed 4.3: chmod 600), since other users on the host can read its credentials; fix: %s", path, perm, fix),
			"permissions", map[string]any{"deployed": fmt.Sprintf("%04o", perm), "limit": "0600 or stricter", "fix": fix})
	}
	f, err := Parse(data)
	if err != nil {
		line, msg := 0, err.Error()
		var pe *ParseError
		if errors.As(err, &pe) {
			line, msg = pe.Line, pe.Msg
		}
		fix := "fix the dotenv syntax at that line (KEY=value, quotes closed)"
		c.add(ruleParseError, finding.Medium, line, line, "Environment file cannot be parsed",
			fmt.Sprintf("%s line %d: %s; required is valid dotenv syntax, or its credentials and settings go unchecked (and the application may read them differently); fix: %s", path, line, msg, fix),
			"parse", map[string]any{"deployed": msg, "limit": "valid dotenv syntax", "fix": fix})
		return c.out
	}
	if env, ok := Environment(f); ok && env == "production" {
		production = true
	}
	last := map[string]int{} // key -> index of its effective (last) assignment
	for i, e := range f.Entries {
		last[e.Key] = i
		c.secret(e) // every assignment: an overridden secret is still in the file
	}
	for i, e := range f.Entries {
		if last[e.Key] != i || e.Bare {
			continue
		}
		if hashKeyRe.MatchString(e.Key) {
			c.weakHash(e)
		}
		if production && debugKeyRe.MatchString(e.Key) && truthy(e.Value) {
			fix := "set " + e.Key + "=false"
			c.add(ruleDebug, finding.High, e.Line, e.EndLine, "Debug mode on in production",
				fmt.Sprintf("%s=%s in a production environment; required is false (seed 3.1: debug controls for production), since debug mode leaks stack traces, settings and sometimes a console; fix: %s", e.Key, clip(e.Value), fix),
				e.Key, map[string]any{"deployed": clip(e.Value), "limit": "false", "fix": fix})
		}
	}
	if production {
		c.passwords(f, last)
	}
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].StartLine < c.out[j].StartLine })
	return c.out
}

// weakHash reports a declared password hashing scheme weaker than bcrypt,
// scrypt or argon2.
func (c *checker) weakHash(e Entry) {
	weak, why := WeakHashScheme(e.Value)
	if !weak {
		return
	}
	fix := "set " + e.Key + " to argon2id (or bcrypt/scrypt) and re-hash passwords at next login"
	c.add(ruleWeakHash, finding.High, e.Line, e.EndLine, "Weak password hashing",
		fmt.Sprintf("%s=%s: %s; required is argon2id, bcrypt, scrypt or PBKDF2 with at least 600,000 iterations (seed 2.1 hashes with unsalted SHA-256); fix: %s", e.Key, displayScheme(e.Value), why, fix),
		e.Key, map[string]any{"deployed": displayScheme(e.Value), "limit": "argon2id, bcrypt, scrypt, or PBKDF2 ≥ 600,000 iterations", "fix": fix})
}

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on", "y", "t", "enabled", "enable":
		return true
	}
	return false
}

// hashValue is the identity of a secret: a short SHA-256, never the value.
func hashValue(v string) string {
	sum := sha256.Sum256([]byte(v))
	return hex.EncodeToString(sum[:12])
}

// clip bounds a non-secret value (a flag, a scheme name) quoted in a finding.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
