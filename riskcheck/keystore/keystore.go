// Package keystore checks Ethereum V3 keystore files (Web3 Secret Storage):
// KDF strength, hostile KDF parameters that would hang or exhaust memory on
// decrypt, absurd sizes, fields that appear twice (which tools read
// differently), the cipher, the MAC, the file mode and — when a passphrase
// is supplied — that the key decrypts and belongs to the address the file
// names. Key material and the passphrase never leave this package, and no
// field value that is not of its field's type or shape reaches a finding.
package keystore

import (
	"bytes"
	"path"
	"strings"

	ethks "github.com/ethereum/go-ethereum/accounts/keystore"
)

// File mirrors go-ethereum's unexported encryptedKeyJSONV3. Parse fills it
// with validated, canonical values: marshalled again, it is exactly what the
// checks judged, so the decrypt never sees a differently-read document.
type File struct {
	Address string           `json:"address"`
	Crypto  ethks.CryptoJSON `json:"crypto"`
	ID      string           `json:"id"`
	Version int              `json:"version"`

	// Params are the numeric KDF parameters Parse read: n, r, p, dklen for
	// scrypt; c, dklen for pbkdf2. A value too large for int64 is MaxInt64.
	Params map[string]int64 `json:"-"`

	// Duplicates are the JSON paths of members that appear more than once,
	// exactly or in other letter case ("crypto", "crypto.kdfparams.n"). The
	// other fields hold the first of each, the reading Check judges: the
	// first that go-ethereum's decoder matches to the field, and in kdfparams,
	// which go-ethereum reads as a map, the first spelled exactly.
	Duplicates []string `json:"-"`
}

// Thresholds.
//
// Weak: go-ethereum's standard scrypt cost (StandardScryptN = 2^18, r = 8,
// dklen = 32) is the floor, since it is what `geth account new` writes.
// PBKDF2-HMAC-SHA256 needs 600,000 iterations: the OWASP Password Storage
// Cheat Sheet figure since 2023. Salts shorter than 16 bytes are weak too.
//
// Hostile: beyond these a decrypt would take tens of seconds, gigabytes of
// memory, or crash go-ethereum, so the file is never decrypted. 2^22 is 16x
// geth's standard N; 1 GiB is 4x its 256 MiB; 2^24 bounds the scrypt work
// N·r·p at 8x standard (about 8 s on one core); r·p ≤ 1024 bounds the
// PBKDF2-SHA256 passes scrypt runs around its mixing (4·r·p HMAC blocks over
// the salt, one over 128·r·p bytes), which the other bounds leave at up to
// 2^23 (N = 2, r = 2^21 took 16 s, and minutes with a large salt); 10 million
// PBKDF2 rounds take about 5 s (the decrypt derives only the 32 bytes
// go-ethereum uses, whatever dklen says).
const (
	minScryptN    = ethks.StandardScryptN
	scryptR       = 8
	keyLen        = 32
	minSaltBytes  = 16
	minPBKDF2Iter = 600_000

	maxScryptN    = 1 << 22
	maxScryptP    = 16
	maxScryptMem  = 1 << 30 // bytes: 128·r·(N+p)
	maxScryptWork = 1 << 24 // N·r·p
	maxScryptRP   = 1024    // r·p: 128x geth's 8
	maxPBKDF2Iter = 10_000_000
	maxDKLen      = 1024
)

// Sizes. A keystore is about 500 bytes: a 32-byte salt (16 in some tools),
// a 16-byte IV, a 32-byte ciphertext and MAC. A field over maxFieldBytes, or
// a file over MaxSize, is no key any tool wrote but padding meant to slow or
// crash what reads it: it is reported as keystore.oversized and never parsed
// further, hex-decoded or decrypted.
const (
	// MaxSize is the largest file Check parses, and so the most a caller
	// needs to read of a candidate; TooLarge reports a larger one unread.
	MaxSize = 64 << 10

	maxFieldBytes = 1024 // 32x geth's salt, 64x the IV
)

// Expected reports whether path is where a keystore is expected, whatever
// the file holds: a name go-ethereum gives its key files (UTC--…), or a .json
// file directly in a directory named keystore, which go-ethereum reads flat
// as key files. Hidden files and editor backups (…~) are skipped, as
// go-ethereum skips them. Check reports such a file as malformed when it is
// not a valid keystore; a JSON file elsewhere is one only when it Looks so.
func Expected(p string) bool {
	base := path.Base(p)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
		return false
	}
	if strings.HasPrefix(base, "UTC--") {
		return true
	}
	return path.Base(path.Dir(p)) == "keystore" && strings.EqualFold(path.Ext(base), ".json")
}

// Looks reports cheaply whether data is meant to be a V3 keystore: a JSON
// object with a "crypto" member (in any letter case, and any of several) that
// is an object with "kdf" and "ciphertext". Bytes that are not valid JSON,
// or too large to parse, still count when they start with '{' and name all
// three fields, so that a damaged or padded keystore is reported instead of
// being skipped.
func Looks(data []byte) bool {
	d := bytes.TrimSpace(data)
	if len(d) == 0 || d[0] != '{' {
		return false
	}
	// The names, cheaply; a \u escape can spell them otherwise ("\u0063rypto"
	// is crypto to go-ethereum), so then only decoding tells.
	named := true
	lower := bytes.ToLower(d) // also folds a Kelvin sign to k, as the decoder does
	for _, w := range []string{`"crypto"`, `"kdf"`, `"ciphertext"`} {
		named = named && bytes.Contains(lower, []byte(w))
	}
	switch {
	case len(d) > MaxSize:
		return named // oversized, but plainly a keystore: Check does not parse it
	case !named && !bytes.Contains(d, []byte(`\u`)):
		return false
	}
	v, err := decode(d)
	if err != nil {
		return named // damaged, but plainly a keystore
	}
	top, _ := v.(object)
	for _, m := range top {
		if c, ok := m.value.(object); ok && equalFold(m.name, "crypto") && c.count("kdf") > 0 && c.count("ciphertext") > 0 {
			return true // any crypto member: go-ethereum may read a later one
		}
	}
	return false
}
