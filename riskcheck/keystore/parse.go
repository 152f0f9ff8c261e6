package keystore

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	ethks "github.com/ethereum/go-ethereum/accounts/keystore"
)

// FieldError says which keystore field is wrong and how. Problem never
// quotes a value that is not of the field's type: it may be a secret.
type FieldError struct {
	Field   string // JSON path, e.g. "crypto.kdfparams.salt"
	Problem string
	// Oversized: the field (or the file) is of an absurd size, so nothing
	// more was read of it (rule keystore.oversized, not keystore.malformed).
	Oversized bool
}

func (e *FieldError) Error() string { return e.Field + " " + e.Problem }

func bad(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Problem: fmt.Sprintf(format, args...)}
}

// Parse decodes a V3 keystore and checks its structure: every field a
// decrypt needs is present, of the right type, of a sane size and
// well-formed hex, the version is 3, and the KDF parameters are integers.
// It does not judge strength or the MAC; Check does. A member that appears
// more than once (exactly, or in other letter case, which go-ethereum's
// decoder also matches) is listed in Duplicates, and the first is read.
// Errors are *FieldError.
func Parse(data []byte) (*File, error) {
	f, dups, err := parse(data)
	if err != nil {
		return nil, err
	}
	f.Duplicates = dups
	return f, nil
}

// parse is Parse, with the duplicates also when the structure is bad.
func parse(data []byte) (*File, []string, error) {
	if len(data) > MaxSize {
		return nil, nil, &FieldError{Field: "(file)", Problem: fmt.Sprintf("is %d bytes; a keystore is about 500 and Bulwark parses none over %d", len(data), MaxSize), Oversized: true}
	}
	v, err := decode(data)
	switch {
	case errors.Is(err, errTrailing):
		return nil, nil, bad("(file)", "has data after the JSON object")
	case errors.Is(err, errDepth):
		return nil, nil, bad("(file)", "nests more than %d levels deep", maxDepth)
	case err != nil:
		return nil, nil, bad("(file)", "is not valid JSON")
	}
	top, ok := v.(object)
	if !ok {
		return nil, nil, bad("(file)", "is not a JSON object")
	}
	dups := duplicates(top)
	f, err := parseTop(top)
	return f, dups, err
}

func parseTop(top object) (*File, error) {
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
	if v, ok := top.get("version"); !ok {
		return nil, bad("version", "is missing")
	} else if n, isNum := v.(json.Number); !isNum || n.String() != "3" {
		return nil, bad("version", "is %s; only version 3 (a number) is supported", describe(v))
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
// missing or malformed: Check reports that as its own rule), unless it is
// oversized.
func parseCrypto(c object, out *ethks.CryptoJSON) error {
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
	var fe *FieldError
	if out.MAC, _, err = str(c, "mac", "crypto.mac", false); errors.As(err, &fe) && fe.Oversized {
		return err
	} // another type counts as missing
	return nil
}

// parseKDF reads the salt and the numeric KDF parameters, and rebuilds
// KDFParams canonically (float64 numbers, as go-ethereum expects). go-ethereum
// reads kdfparams as a map, so here names are matched exactly.
func parseKDF(kdf string, c object, out *ethks.CryptoJSON) (map[string]int64, error) {
	kp, err := obj(c, "kdfparams", "crypto.kdfparams")
	if err != nil {
		return nil, err
	}
	salt, err := hexField(only(kp, "salt"), "salt", "crypto.kdfparams.salt")
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
		v, _ := kp.exact("prf")
		prf, ok := v.(string)
		if !ok {
			return nil, bad("crypto.kdfparams.prf", "is missing or not a string")
		}
		if len(prf) > 2*maxFieldBytes {
			return nil, oversized("crypto.kdfparams.prf", prf)
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

// only keeps the members spelled exactly name, as go-ethereum's map sees
// them ("Salt" is not salt to it; the duplicate check has seen them all).
func only(o object, name string) object {
	var out object
	for _, m := range o {
		if m.name == name {
			out = append(out, m)
		}
	}
	return out
}

// integer reads a positive whole number; one beyond int64 is MaxInt64, so the
// hostile-parameter check sees it as the huge value it is.
func integer(kp object, name string) (int64, error) {
	field := "crypto.kdfparams." + name
	v, _ := kp.exact(name)
	num, ok := v.(json.Number)
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
		return 0, bad(field, "is not a whole number; it must be a positive integer")
	}
	if x >= math.MaxInt64 {
		return math.MaxInt64, nil
	}
	return int64(x), nil
}

// str reads a string member; ok is false when it is absent (an error if
// required), and a member of another type is always an error.
func str(o object, name, field string, required bool) (string, bool, error) {
	v, ok := o.get(name)
	switch {
	case !ok && required:
		return "", false, bad(field, "is missing")
	case !ok:
		return "", false, nil
	}
	s, isStr := v.(string)
	switch {
	case !isStr:
		return "", false, bad(field, "is %s, not a string", describe(v))
	case len(s) > 2*maxFieldBytes:
		return "", false, oversized(field, s)
	}
	return s, true, nil
}

func oversized(field, s string) *FieldError {
	return &FieldError{Field: field, Oversized: true,
		Problem: fmt.Sprintf("is %d characters long, over %d (a salt is 64 hex digits)", len(s), 2*maxFieldBytes)}
}

// hexField reads a required, non-empty, even-length hex string (go-ethereum's
// decoder takes no 0x prefix) and returns it lower-cased. str has bounded
// its length before it is decoded.
func hexField(o object, name, field string) (string, error) {
	s, _, err := str(o, name, field, true)
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

func obj(o object, name, field string) (object, error) {
	v, ok := o.get(name)
	c, isObj := v.(object)
	if !ok || !isObj {
		return nil, bad(field, "is missing or not an object")
	}
	return c, nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

// describe names an unexpected value by its type, never its content (a
// secret pasted in the wrong field must not reach a report): only an
// integer is shown, since a number of that type cannot hide one.
func describe(v any) string {
	switch x := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(x.String(), 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
		return "a fraction or a number beyond int64"
	case string:
		return fmt.Sprintf("a %d-byte string", len(x))
	case bool:
		return "a boolean"
	case nil:
		return "null"
	case object:
		return "an object"
	}
	return "an array"
}
