package envfile

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/bulwark-sec/bulwark/internal/finding"
)

var (
	// A 64-hex-digit value assigned to a key-named field, in YAML, JSON,
	// TOML, INI, dotenv or Python syntax.
	hexKeyRe = regexp.MustCompile(`(?i)["']?([a-z0-9_.\-]*(?:private[_\-.]?key|priv[_\-.]?key|secret[_\-.]?key|mnemonic|seed|wallet[_\-.]?key|signer[_\-.]?key|signing[_\-.]?key)[a-z0-9_.\-]*)["']?\s*[:=]\s*["']?((?:0x)?[0-9a-f]{64})\b`)
	pemRe    = regexp.MustCompile(`-----BEGIN ((?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY(?: BLOCK)?)-----`)
)

// PlaintextKeys finds private keys written in clear in any config-like text:
// 64-hex-digit values in key-named fields and PEM private key blocks
// (`ENCRYPTED PRIVATE KEY` blocks are encrypted and pass). The key itself is
// never put in a finding; its hash is the identity.
func PlaintextKeys(path string, data []byte) []finding.Finding {
	var out []finding.Finding
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > 8192 {
			continue // minified blobs: not hand-written config
		}
		if m := hexKeyRe.FindSubmatch(line); m != nil {
			out = append(out, keyFinding(path, i+1, string(m[1]), "64-hex-digit private key", string(m[2])))
		}
		if m := pemRe.FindSubmatch(line); m != nil {
			out = append(out, keyFinding(path, i+1, string(m[1]), "PEM "+string(m[1]), path+string(m[1])))
		}
	}
	return out
}

func keyFinding(path string, line int, field, kind, secret string) finding.Finding {
	return finding.Finding{
		RuleID: "secrets.plaintext_private_key", Severity: finding.Critical, Title: "Plaintext private key",
		Message: fmt.Sprintf("%s holds a %s in clear text: anyone with the repository controls the funds or identity it guards; move it to an encrypted keystore or secret manager and rotate it",
			field, kind),
		Location: finding.Location{Path: path, StartLine: line, EndLine: line},
		Identity: field + " " + hashValue(secret),
		Detail:   map[string]any{"deployed": "plaintext " + kind, "limit": "encrypted keystore or encrypted: value", "fix": "move the key to a keystore (chmod 600) or an encrypted: value, and rotate it"},
	}
}
