package keystore

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	ethks "github.com/ethereum/go-ethereum/accounts/keystore"
)

// FieldError says which keystore field is wrong and how.
type FieldError struct {
	Field   string // JSON path, e.g. "crypto.kdfparams.salt"
	Problem string
}

func (e *FieldError) Error() string { return e.Field + " " + e.Problem }

func bad(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// Parse decodes a V3 keystore and checks its structure: every field a
// decrypt needs is present, of the right type and well-formed hex, the
// version is 3, and the KDF parameters are integers. It does not judge
// strength or the MAC; Check does. Errors are *FieldError.
func Parse(data []byte) (*File, error) {
	if len(data) > maxSize {
		return nil, bad("(file)", "is %d bytes; a keystore is under %d", len(data), maxSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil || top == nil {
		return nil, bad("(file)", "is not a JSON object")
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) != 0 {
		return nil, bad("(file)", "has data after the JSON object")
	}
	f := &File{}
	if v, ok, err := str(top, "address", "address", false); err != nil {
		return nil, err
	} else if ok {
		if a := strings.TrimPrefix(v, "0x"); len(a) != 40 || !isHex(a) {
			return nil, bad("address", "is not 20 bytes of hex")
		}
		f.Address = strings.ToLower(strings.TrimPrefix(v, "0x"))
	}
	var err error
	if f.ID, _, err = str(top, "id", "id", false); err != nil {
		return nil, err
	}
	if v, ok, amb := lookup(top, "version"); !ok || amb {
		return nil, bad("version", "is missing")
	} else if n, isNum := v.(json.Number); !isNum || n.String() != "3" {
		return nil, bad("version", "is %s; only version 3 (a number) is supported", clip(v))
	}
	f.Version = 3
	c, err := obj(top, "crypto", "crypto")
	if err != nil {
		return nil, err
	}
	if err := parseCrypto(c, &f.Crypto); err != nil {
		return nil, err
	}
	if f.Params, err = parseKDF(f.Crypto.KDF, c, &f.Crypto); err != nil {
		return nil, err
	}
	return f, nil
}

// parseCrypto fills the cipher fields. The MAC is copied as found (it may be
// missing or malformed: Check reports that as its own rule).
func parseCrypto(c map[string]any, out *ethks.CryptoJSON) error {
	var err error
	if out.Cipher, _, err = str(c, "cipher", "crypto.cipher", true); err != nil {
		return err
	}
	if out.CipherText, err = hexField(c, "ciphertext", "crypto.ciphertext"); err != nil {
		return err
	}
	if len(out.CipherText) != 2*keyLen {
		return bad("crypto.ciphertext", "is %d bytes; an encrypted private key is %d", len(out.CipherText)/2, keyLen)
	}
	cp, err := obj(c, "cipherparams", "crypto.cipherparams")
	if err != nil {
		return err
	}
	if out.CipherParams.IV, err = hexField(cp, "iv", "crypto.cipherparams.iv"); err != nil {
		return err
	}
	if len(out.CipherParams.IV) != 32 {
		return bad("crypto.cipherparams.iv", "is %d bytes; AES needs 16", len(out.CipherParams.IV)/2)
	}
	if out.KDF, _, err = str(c, "kdf", "crypto.kdf", true); err != nil {
		return err
	}
	out.MAC, _, _ = str(c, "mac", "crypto.mac", false) // another type counts as missing
	return nil
}

// parseKDF reads the salt and the numeric KDF parameters, and rebuilds
// KDFParams canonically (float64 numbers, as go-ethereum expects).
func parseKDF(kdf string, c map[string]any, out *ethks.CryptoJSON) (map[string]int64, error) {
	kp, err := obj(c, "kdfparams", "crypto.kdfparams")
	if err != nil {
		return nil, err
	}
	salt, err := hexField(kp, "salt", "crypto.kdfparams.salt")
	if err != nil {
		return nil, err
	}
	out.KDFParams = map[string]any{"salt": salt}
	var names []string
	switch kdf {
	case "scrypt":
		names = []string{"n", "r", "p", "dklen"}
	case "pbkdf2":
		names = []string{"c", "dklen"}
		prf, ok := kp["prf"].(string)
		if !ok {
			return nil, bad("crypto.kdfparams.prf", "is missing or not a string")
		}
		out.KDFParams["prf"] = prf
	}
	params := map[string]int64{}
	for _, name := range names {
		n, err := integer(kp, name)
		if err != nil {
			return nil, err
		}
		params[name] = n
		out.KDFParams[name] = float64(n)
	}
	return params, nil
}

// integer reads a positive whole number; one beyond int64 is MaxInt64, so the
// hostile-parameter check sees it as the huge value it is.
func integer(m map[string]any, name string) (int64, error) {
	field := "crypto.kdfparams." + name
	num, ok := m[name].(json.Number)
	if !ok {
		return 0, bad(field, "is missing or not a number")
	}
	if n, err := strconv.ParseInt(num.String(), 10, 64); err == nil {
		if n < 1 {
			return 0, bad(field, "is %d; it must be a positive integer", n)
		}
		return n, nil
	}
	x, err := strconv.ParseFloat(num.String(), 64)
	if err != nil && !math.IsInf(x, 1) || x != math.Trunc(x) || x < 1 {
		return 0, bad(field, "is %s; it must be a positive integer", clip(num))
	}
	if x >= math.MaxInt64 {
		return math.MaxInt64, nil
	}
	return int64(x), nil
}

// str reads a string member; ok is false when it is absent (an error if
// required), and a member of another type is always an error.
func str(m map[string]any, name, field string, required bool) (string, bool, error) {
	v, ok, amb := lookup(m, name)
	switch {
	case amb:
		return "", false, bad(field, "appears more than once in different letter case")
	case !ok && required:
		return "", false, bad(field, "is missing")
	case !ok:
		return "", false, nil
	}
	s, isStr := v.(string)
	if !isStr {
		return "", false, bad(field, "is %s, not a string", clip(v))
	}
	return s, true, nil
}

// hexField reads a required, non-empty, even-length hex string (go-ethereum's
// decoder takes no 0x prefix) and returns it lower-cased.
func hexField(m map[string]any, name, field string) (string, error) {
	s, _, err := str(m, name, field, true)
	switch {
	case err != nil:
		return "", err
	case s == "":
		return "", bad(field, "is empty")
	case !isHex(s):
		return "", bad(field, "is not hex")
	}
	return strings.ToLower(s), nil
}

func obj(m map[string]any, name, field string) (map[string]any, error) {
	v, ok, amb := lookup(m, name)
	if amb {
		return nil, bad(field, "appears more than once in different letter case")
	}
	o, isObj := v.(map[string]any)
	if !ok || !isObj {
		return nil, bad(field, "is missing or not an object")
	}
	return o, nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

// clip shows a short rendering of an unexpected value (never key material:
// only version and KDF parameters are quoted).
func clip(v any) string {
	s := fmt.Sprintf("%v", v)
	if len(s) > 24 {
		s = s[:24] + "…"
	}
	return strconv.Quote(s)
}
