package keystore

import (
	"bytes"
	"encoding/json"
	"errors"
)

// object is a JSON object with every member in file order, duplicates kept:
// decoding into a map or struct would silently keep only the last (or, for
// go-ethereum's structs, merge them), and a file that different tools read
// differently must be reported, not judged on one reading by accident.
type object []member

type member struct {
	name  string
	value any // string, json.Number, bool, nil, object or []any
}

// maxDepth bounds nesting: a keystore nests three levels.
const maxDepth = 32

var errDepth = errors.New("nests too deeply")

// decode reads data as exactly one JSON value, objects as object.
func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) != 0 {
		return nil, errTrailing
	}
	return v, nil
}

var errTrailing = errors.New("has data after the JSON value")

func decodeValue(dec *json.Decoder, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, isDelim := tok.(json.Delim)
	if !isDelim {
		return tok, nil
	}
	if depth >= maxDepth {
		return nil, errDepth
	}
	var (
		o   object
		arr []any
	)
	for dec.More() {
		var name string
		if d == '{' {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			name, _ = k.(string) // the decoder only yields string keys
		}
		v, err := decodeValue(dec, depth+1)
		if err != nil {
			return nil, err
		}
		if d == '{' {
			o = append(o, member{name, v})
		} else {
			arr = append(arr, v)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return nil, err
	}
	if d == '{' {
		if o == nil {
			o = object{}
		}
		return o, nil
	}
	return arr, nil
}

// get finds the member go-ethereum's encoding/json would read into the struct
// field name — the exact name or one equal under bytes.EqualFold, which is how
// the decoder matches ("Crypto", "KDF", even "\u212adf" with a Kelvin sign) —
// and returns the first of them: the reading Bulwark judges.
func (o object) get(name string) (any, bool) {
	for _, m := range o {
		if equalFold(m.name, name) {
			return m.value, true
		}
	}
	return nil, false
}

// exact finds the first member spelled exactly name: go-ethereum reads
// kdfparams as a map, so "N" is not n to it.
func (o object) exact(name string) (any, bool) {
	for _, m := range o {
		if m.name == name {
			return m.value, true
		}
	}
	return nil, false
}

// count is how many members a reader might take for name.
func (o object) count(name string) int {
	n := 0
	for _, m := range o {
		if equalFold(m.name, name) {
			n++
		}
	}
	return n
}

// The members keystore readers use, per object. Under any of them a second
// member equal in letter case folding is ambiguous: go-ethereum takes the
// last (merging objects), ethers the first, both case-insensitively.
var (
	topNames          = []string{"address", "crypto", "id", "version"}
	cryptoNames       = []string{"cipher", "ciphertext", "cipherparams", "kdf", "kdfparams", "mac"}
	cipherparamsNames = []string{"iv"}
	kdfparamsNames    = []string{"salt", "n", "r", "p", "dklen", "c", "prf"}
)

// duplicates lists the JSON paths of members that appear more than once in
// the objects that are judged: the top level, the first crypto, its first
// cipherparams and kdfparams.
func duplicates(top object) []string {
	var out []string
	scan := func(o object, prefix string, names []string) {
		for _, n := range names {
			if o.count(n) > 1 {
				out = append(out, prefix+n)
			}
		}
	}
	scan(top, "", topNames)
	c, _ := first(top, "crypto")
	scan(c, "crypto.", cryptoNames)
	cp, _ := first(c, "cipherparams")
	scan(cp, "crypto.cipherparams.", cipherparamsNames)
	kp, _ := first(c, "kdfparams")
	scan(kp, "crypto.kdfparams.", kdfparamsNames)
	return out
}

// first is the first member matching name, when it is an object.
func first(o object, name string) (object, bool) {
	v, _ := o.get(name)
	obj, ok := v.(object)
	return obj, ok
}

// equalFold is encoding/json's field-name matching (bytes.EqualFold:
// Unicode simple folding, so the Kelvin sign matches k and ſ matches s).
func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }
