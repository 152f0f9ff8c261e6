// Package keystore checks Ethereum V3 keystore files (Web3 Secret Storage):
// KDF strength, hostile KDF parameters that would hang or exhaust memory on
// decrypt, the cipher, the MAC, the file mode and — when a passphrase is
// supplied — that the key decrypts and belongs to the address the file names.
// Key material and the passphrase never leave this package.
package keystore

import (
	"bytes"
	"encoding/json"

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
// N·r·p at 8x standard (about 8 s on one core); 10 million PBKDF2 rounds take
// about 5 s.
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
	maxPBKDF2Iter = 10_000_000
	maxDKLen      = 1024

	// maxSize bounds the input: a keystore is about 500 bytes.
	maxSize = 64 << 10
)

// Looks reports cheaply whether data is meant to be a V3 keystore: a JSON
// object whose "crypto" (any letter case) object has "kdf" and "ciphertext".
// Bytes that are not valid JSON still count when they start with '{' and
// name all three fields, so that a damaged keystore is reported as
// malformed instead of being skipped.
func Looks(data []byte) bool {
	d := bytes.TrimSpace(data)
	if len(d) == 0 || d[0] != '{' || len(d) > maxSize {
		return false
	}
	lower := bytes.ToLower(d)
	for _, w := range []string{`"crypto"`, `"kdf"`, `"ciphertext"`} {
		if !bytes.Contains(lower, []byte(w)) {
			return false
		}
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(d, &top) != nil {
		return true // damaged, but plainly a keystore
	}
	raw, _, _ := lookup(top, "crypto")
	var c map[string]json.RawMessage
	if json.Unmarshal(raw, &c) != nil {
		return false
	}
	_, kdf, _ := lookup(c, "kdf")
	_, ct, _ := lookup(c, "ciphertext")
	return kdf && ct
}

// lookup finds a JSON object member the way encoding/json matches a struct
// field: the exact name, or else one that differs only in letter case.
// ambiguous is true when several spellings are present, which go-ethereum
// would merge.
func lookup[V any](m map[string]V, name string) (v V, ok, ambiguous bool) {
	if v, ok = m[name]; ok {
		for k := range m {
			if k != name && equalFold(k, name) {
				return v, true, true
			}
		}
		return v, true, false
	}
	n := 0
	for k, x := range m {
		if equalFold(k, name) {
			v, ok = x, true
			n++
		}
	}
	return v, ok, n > 1
}

// equalFold is ASCII case folding; encoding/json's extra Unicode folds (the
// Kelvin sign for k, long s for s) are rare enough to be malformed here.
func equalFold(a, b string) bool { return len(a) == len(b) && bytes.EqualFold([]byte(a), []byte(b)) }
