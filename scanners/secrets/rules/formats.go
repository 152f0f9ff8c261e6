package rules

import (
	"bytes"
	"encoding/base64"
	"strconv"

	"github.com/bulwark-sec/bulwark/internal/textscan"
)

// format is one documented shape of an exchange key or secret; size is its
// exact length, or 0 for a PEM block of minPEM bytes or more.
type format struct {
	desc  string
	size  int
	match func(v []byte) bool
}

// minPEM is the shortest EC PEM block ecPEM accepts: its two boundary lines
// and 100 characters of body.
const minPEM = 158

// sizes marks the exact lengths of all formats.
var sizes = func() (s [minPEM]bool) {
	for _, x := range exchanges {
		for _, fs := range [][]format{x.keys, x.secrets, x.keyNames} {
			for _, f := range fs {
				s[f.size] = f.size > 0
			}
		}
	}
	return s
}()

// possibleSize reports whether some format has a value of n bytes, a cheap
// test that lets most assignments skip the name analysis.
func possibleSize(n int) bool { return n >= minPEM || n > 0 && sizes[n] }

func alnum(n int) format {
	return format{strconv.Itoa(n) + " alphanumerics", n, func(v []byte) bool { return len(v) == n && all(v, isAlnumByte) }}
}

func hexDigits(n int) format {
	return format{strconv.Itoa(n) + " hex digits", n, func(v []byte) bool { return len(v) == n && all(v, textscan.IsHex) }}
}

var uuidFormat = format{"a UUID", 36, isUUID}

// base64Of matches n characters of standard base64 that decode to size
// bytes.
func base64Of(n, size int) format {
	return format{strconv.Itoa(n) + " base64 characters (" + strconv.Itoa(size) + " bytes)", n, func(v []byte) bool {
		if len(v) != n {
			return false
		}
		raw, err := base64.StdEncoding.DecodeString(string(v))
		if err != nil {
			raw, err = base64.RawStdEncoding.DecodeString(string(v))
		}
		return err == nil && len(raw) == size
	}}
}

// bitgetKey is "bg_" and 32 hex digits.
var bitgetKey = format{`"bg_" and 32 hex digits`, 35, func(v []byte) bool {
	return len(v) == 35 && bytes.HasPrefix(v, []byte("bg_")) && all(v[3:], textscan.IsHex)
}}

// cdpKeyName is a Coinbase CDP key name: organizations/<uuid>/apiKeys/<uuid>.
var cdpKeyName = format{"organizations/<uuid>/apiKeys/<uuid>", len("organizations/") + 36 + len("/apiKeys/") + 36, func(v []byte) bool {
	const org, keys = "organizations/", "/apiKeys/"
	return len(v) == len(org)+36+len(keys)+36 && bytes.HasPrefix(v, []byte(org)) && isUUID(v[len(org):len(org)+36]) &&
		string(v[len(org)+36:len(org)+36+len(keys)]) == keys && isUUID(v[len(v)-36:])
}}

// ecPEM is an EC PRIVATE KEY PEM block, with real newlines or with \n
// escapes as it sits in JSON and .env files, and a body long enough to be
// a key (a P-256 key is about 160 base64 characters).
var ecPEM = format{"an EC PRIVATE KEY PEM block", 0, func(v []byte) bool {
	const begin, end = "-----BEGIN EC PRIVATE KEY-----", "-----END EC PRIVATE KEY-----" //nolint:gosec // the markers a detector looks for, not a credential
	if !bytes.HasPrefix(v, []byte(begin)) {
		return false
	}
	body, _, ok := bytes.Cut(v[len(begin):], []byte(end))
	if !ok {
		return false
	}
	n := 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '\\' && i+1 < len(body) && (body[i+1] == 'n' || body[i+1] == 'r'):
			i++
		case isAlnumByte(c) || c == '+' || c == '/' || c == '=':
			n++
		}
	}
	return n >= 100
}}

func isUUID(v []byte) bool {
	if len(v) != 36 {
		return false
	}
	for i, c := range v {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !textscan.IsHex(c) {
			return false
		}
	}
	return true
}

func all(v []byte, f func(byte) bool) bool {
	for _, c := range v {
		if !f(c) {
			return false
		}
	}
	return true
}

func isAlnumByte(c byte) bool { return isAlnum(rune(c)) }
