package envfile

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/redact"
)

// EncryptedPrefix marks a value the deployment decrypts at start-up (seed
// 4.3: encrypted API key storage with the `encrypted:` prefix).
const EncryptedPrefix = "encrypted:"

// IsEncrypted reports a value that carries the encrypted: prefix (any case).
func IsEncrypted(v string) bool {
	return len(v) >= len(EncryptedPrefix) && strings.EqualFold(v[:len(EncryptedPrefix)], EncryptedPrefix)
}

var (
	// credentialRe names exchange keys and other secrets (*_API_KEY, …).
	credentialRe = regexp.MustCompile(`(?i)(?:^|_)(?:API_KEY|API_SECRET|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|PASSPHRASE)$`)
	// privateNameRe names wallet keys: their value is never previewed.
	privateNameRe = regexp.MustCompile(`(?i)(?:private[_.-]?key|priv[_.-]?key|mnemonic|seed[_.-]?phrase|wallet[_.-]?key|signer[_.-]?key|signing[_.-]?key)`)
	// aboutKeyRe names a setting about a key, not the key: WALLET_PRIVATE_KEY_PATH.
	aboutKeyRe = regexp.MustCompile(`(?i)(?:^|_)(?:PATH|FILE|DIR|ID|ADDRESS|ADDR|URL|URI|NAME|TYPE|HASH|FORMAT|ALGORITHM|LENGTH|SIZE|VERSION|ENABLED)$|PUBLIC|PUBKEY`)
	hex64Re    = regexp.MustCompile(`^(?:0[xX])?[0-9a-fA-F]{64}$`)
)

// secret reports a credential or private key that is not `encrypted:`, or
// notes a placeholder. Nothing of a private key is shown; of a credential,
// at most its first 4 characters (Detail["preview"]).
func (c *checker) secret(e Entry) {
	v := strings.TrimSpace(e.Value)
	if e.Bare || v == "" || IsEncrypted(v) {
		return
	}
	pem, credential := pemPrivateKey(v), credentialRe.MatchString(e.Key)
	named := privateNameRe.MatchString(e.Key) && !aboutKeyRe.MatchString(e.Key)
	private := named || pem || credential && hex64Re.MatchString(v)
	if !private && !credential {
		return
	}
	id := e.Key + " " + hashValue(v)
	if !pem && Placeholder(v) {
		fix := "set the real value as " + e.Key + "=" + EncryptedPrefix + "<ciphertext> in the deployed file"
		c.add(rulePlaceholder, finding.Info, e.Line, e.EndLine, "Placeholder credential",
			fmt.Sprintf("%s holds a placeholder or a variable reference, not a credential; required in a deployed file is an %s value; fix: %s", e.Key, EncryptedPrefix, fix),
			id, map[string]any{"deployed": "placeholder", "limit": EncryptedPrefix + "<ciphertext>", "fix": fix})
		return
	}
	kind, sev := "credential", finding.High
	if private {
		kind = "private key"
	}
	if pem || hex64Re.MatchString(v) {
		sev = finding.Critical
	}
	fix := "store it as " + e.Key + "=" + EncryptedPrefix + "<ciphertext> (or in a secret manager), and rotate the exposed value"
	if private {
		fix = "move the key to an encrypted keystore (chmod 600) or an " + EncryptedPrefix + " value, and move the funds to a new key: this one must be assumed compromised"
	}
	detail := map[string]any{"deployed": fmt.Sprintf("plaintext %s, %d characters", kind, len(v)), "limit": EncryptedPrefix + "<ciphertext>", "fix": fix}
	if !private {
		detail["preview"] = redact.Redact([]byte(v))
	}
	c.add(ruleUnencrypted, sev, e.Line, e.EndLine, "Unencrypted "+kind+" in environment file",
		fmt.Sprintf("%s holds a plaintext %s; required is the %s prefix (seed 4.3, 6.1), since anyone who reads the file, a backup or a log of the environment gets it; fix: %s", e.Key, kind, EncryptedPrefix, fix),
		id, detail)
	c.out[len(c.out)-1].Subject = redact.Subject([]byte(v))
}

// Placeholder reports a value that only stands in for a credential
// (redact.IsPlaceholder, the one placeholder check).
func Placeholder(v string) bool { return redact.IsPlaceholder(v) }
