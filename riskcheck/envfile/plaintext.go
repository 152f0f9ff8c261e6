package envfile

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/bulwark-sec/bulwark/internal/finding"
	"github.com/bulwark-sec/bulwark/internal/redact"
	"github.com/bulwark-sec/bulwark/internal/textscan"
)

// maxKeys bounds the findings for one file: past a hundred keys, more
// findings tell nothing new and only cost time.
const maxKeys = 100

var (
	// keyNameRe is a field name that says it holds a private key.
	keyNameRe = regexp.MustCompile(`(?i)private[_.-]?key|priv[_.-]?key|secret[_.-]?key|mnemonic|seed|wallet[_.-]?key|signer[_.-]?key|signing[_.-]?key`)
	// notKeyRe are field names that hold something about a key, not the key.
	notKeyRe  = regexp.MustCompile(`(?i)hash|digest|checksum|fingerprint|public|pubkey|address|_id$`)
	pemEnd    = []byte("PRIVATE KEY-----")
	pemBegin  = []byte("-----BEGIN ")
	nonBase64 = regexp.MustCompile(`\\[nr]|[^A-Za-z0-9+/=]`)
)

// PlaintextKeys finds private keys written in clear in config-like text
// (YAML, JSON, TOML, INI, dotenv, Python): a 64-hex-digit value, with or
// without 0x, in a field whose name says private key, secret key, mnemonic,
// seed, wallet/signer key; and PEM private key blocks, unless encrypted
// (ENCRYPTED PRIVATE KEY, a Proc-Type: 4,ENCRYPTED header, or an OpenSSH key
// with a cipher). Placeholders (one digit repeated, a PEM block without a
// body) pass. It runs in linear time; the key itself never enters a
// finding, only its hash. A file yields at most maxKeys findings.
func PlaintextKeys(path string, data []byte) []finding.Finding {
	// No "binary" early exit: one NUL byte must not hide a key.
	var out []finding.Finding
	lines := &lineCounter{data: data, line: 1}
	for s, e := range textscan.HexRuns(data, 64) {
		if len(out) == maxKeys {
			break
		}
		field := fieldBefore(data, s)
		if field == "" || !keyNameRe.MatchString(field) || notKeyRe.MatchString(field) || repeated(data[s:e]) {
			continue
		}
		f := keyFinding(path, lines.at(s), "field "+field, "a 64-hex-digit private key",
			field+" "+hashValue(strings.ToLower(string(data[s:e]))))
		f.Subject = redact.Subject(data[s:e])
		out = append(out, f)
	}
	lines = &lineCounter{data: data, line: 1}
	for _, k := range pemKeys(data, maxKeys-len(out)) {
		out = append(out, keyFinding(path, lines.at(k.at), "a PEM block (-----BEGIN "+k.label+"-----)", "an unencrypted private key", "pem "+k.label+" "+hashValue(k.body)))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartLine < out[j].StartLine })
	return out
}

// pemPrivateKey reports whether s holds an unencrypted PEM private key.
func pemPrivateKey(s string) bool { return len(pemKeys([]byte(s), 1)) > 0 }

// pemKey is an unencrypted PEM private key block: its offset, its label
// ("EC PRIVATE KEY") and its base64 body.
type pemKey struct {
	at          int
	label, body string
}

// pemKeys finds up to limit unencrypted PEM private key blocks in data.
func pemKeys(data []byte, limit int) []pemKey {
	var out []pemKey
	for off := 0; len(out) < limit; {
		i := bytes.Index(data[off:], pemEnd)
		if i < 0 {
			break
		}
		i += off
		off = i + len(pemEnd)
		from := max(0, i-64)
		b := bytes.LastIndex(data[from:i], pemBegin)
		if b < 0 {
			continue
		}
		kind := strings.TrimSpace(string(data[from+b+len(pemBegin) : i]))
		rest := data[off:min(len(data), off+16<<10)]
		if j := bytes.Index(rest, []byte("-----")); j >= 0 {
			rest = rest[:j] // the body ends at the next boundary, so bodies never overlap
		}
		if body, ok := pemBody(rest, kind); ok {
			out = append(out, pemKey{from + b, strings.TrimSpace(kind + " PRIVATE KEY"), body})
		}
	}
	return out
}

// fieldBefore returns the field name a value at s (after an optional 0x)
// is assigned to: private_key: "0x…", "walletKey": "…", PRIVATE_KEY = b'…',
// key=…; "" when the value is not assigned to a name.
func fieldBefore(data []byte, s int) string {
	if s >= 2 && (data[s-1] == 'x' || data[s-1] == 'X') && data[s-2] == '0' {
		s -= 2
	}
	return textscan.AssignedName(data, s)
}

// pemBody returns the base64 body of a PEM block (rest: from its BEGIN line
// to the next "-----"), and whether it is an unencrypted private key worth
// reporting.
func pemBody(rest []byte, kind string) (string, bool) {
	if strings.Contains(kind, "ENCRYPTED") || strings.Trim(kind, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ") != "" {
		return "", false
	}
	if bytes.Contains(rest, []byte("ENCRYPTED")) { // Proc-Type: 4,ENCRYPTED
		return "", false
	}
	body := nonBase64.ReplaceAllString(string(rest), "")
	if len(body) < 40 {
		return "", false // "...": a placeholder
	}
	if kind == "OPENSSH" {
		raw, err := base64.StdEncoding.DecodeString(body)
		const magic = "openssh-key-v1\x00"
		if err == nil && len(raw) > len(magic)+4 && string(raw[:len(magic)]) == magic {
			n := int(binary.BigEndian.Uint32(raw[len(magic):]))
			if c := raw[len(magic)+4:]; n <= len(c) && string(c[:n]) != "none" {
				return "", false // passphrase-protected
			}
		}
	}
	return body, true
}

func keyFinding(path string, line int, where, what, identity string) finding.Finding {
	fix := "remove the key from the file and its history, keep it in an encrypted keystore (chmod 600) or an " + EncryptedPrefix +
		" value, and rotate it: move the funds or revoke the identity, since it must be assumed compromised"
	return finding.Finding{Scanner: "riskcheck", RuleID: rulePlaintextKey, Severity: finding.Critical, Title: "Plaintext private key",
		Message: fmt.Sprintf("%s holds %s in clear text; required is no plaintext private key in configuration (seed 4.3, 6.1), since anyone who can read the file controls what the key guards; fix: %s",
			where, what, fix),
		Location: finding.Location{Path: path, StartLine: line, EndLine: line},
		Identity: identity,
		Detail:   map[string]any{"deployed": what + " in clear text (" + where + ")", "limit": "an encrypted keystore or an " + EncryptedPrefix + " value", "fix": fix},
	}
}

// repeated reports a run of one character: "000…0" is a placeholder.
func repeated(b []byte) bool { return len(bytes.Trim(b, string(b[:1]))) == 0 }

// lineCounter turns increasing byte offsets into 1-based line numbers in
// one pass over the data.
type lineCounter struct {
	data []byte
	pos  int
	line int
}

func (l *lineCounter) at(off int) int {
	l.line += bytes.Count(l.data[l.pos:off], []byte("\n"))
	l.pos = off
	return l.line
}
