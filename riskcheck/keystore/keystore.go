// Package keystore checks Ethereum V3 keystore files: KDF strength (and
// hostile parameters that would hang a decrypt), cipher, MAC, file mode, and
// — when a passphrase is supplied — that the key decrypts and matches its
// address. Key material never leaves this package.
package keystore

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	ethks "github.com/ethereum/go-ethereum/accounts/keystore"
)

// File mirrors go-ethereum's unexported encryptedKeyJSONV3, accepting the
// "Crypto" spelling some tools write.
type File struct {
	Address string            `json:"address"`
	Crypto  *ethks.CryptoJSON `json:"crypto"`
	CryptoU *ethks.CryptoJSON `json:"Crypto"`
	ID      string            `json:"id"`
	Version json.Number       `json:"version"`
}

// Thresholds. scrypt: go-ethereum's StandardScryptN (2^18), r = 8, dklen 32.
// pbkdf2: OWASP's 2023 minimum for PBKDF2-HMAC-SHA256 is 600,000 iterations.
// Hostile: parameters whose decrypt would take minutes or gigabytes.
const (
	minScryptN      = ethks.StandardScryptN
	scryptR         = 8
	minPBKDF2Iter   = 600_000
	maxScryptN      = 1 << 22
	maxScryptMemory = 1 << 30 // 128·r·N bytes
	maxScryptP      = 16
	maxPBKDF2Iter   = 10_000_000
)

// Looks reports cheaply whether data is a V3 keystore at all.
func Looks(data []byte) bool {
	d := bytes.TrimSpace(data)
	if len(d) == 0 || d[0] != '{' || len(d) > 1<<16 {
		return false
	}
	lower := bytes.ToLower(d)
	return bytes.Contains(lower, []byte(`"crypto"`)) && bytes.Contains(lower, []byte(`"kdf"`)) && bytes.Contains(lower, []byte(`"ciphertext"`))
}

// Parse decodes a keystore and checks its structure: every field a decrypt
// needs is present and well formed. It does not judge strength.
func Parse(data []byte) (*File, error) {
	var f File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not valid keystore JSON: %v", err)
	}
	if f.Crypto == nil {
		f.Crypto = f.CryptoU
	}
	c := f.Crypto
	switch {
	case c == nil:
		return nil, errors.New(`no "crypto" object`)
	case f.Version.String() != "3":
		return nil, fmt.Errorf("version %q: only V3 keystores are supported", f.Version.String())
	case c.KDF == "":
		return nil, errors.New("crypto.kdf is missing")
	case c.CipherText == "" || !isHex(c.CipherText):
		return nil, errors.New("crypto.ciphertext is missing or not hex")
	case c.CipherParams.IV == "" || !isHex(c.CipherParams.IV) || len(c.CipherParams.IV) != 32:
		return nil, errors.New("crypto.cipherparams.iv is missing or not 16 bytes of hex")
	}
	salt, ok := c.KDFParams["salt"].(string)
	if !ok || salt == "" || !isHex(salt) {
		return nil, errors.New("crypto.kdfparams.salt is missing or not hex")
	}
	return &f, nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	return err == nil
}

// param reads a numeric KDF parameter; ok is false when absent or not an
// integer (JSON numbers arrive as float64 from go-ethereum's own decoding,
// json.Number from ours).
func param(c *ethks.CryptoJSON, name string) (float64, bool) {
	switch v := c.KDFParams[name].(type) {
	case float64:
		return v, v == math.Trunc(v)
	case json.Number:
		f, err := v.Float64()
		return f, err == nil && f == math.Trunc(f)
	}
	return 0, false
}
