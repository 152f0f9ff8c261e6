// Package legacy hashes with deprecated x/crypto primitives: it is a gosec
// fixture.
package legacy

import (
	"golang.org/x/crypto/md4"
	"golang.org/x/crypto/ripemd160"
)

// Digests hashes with MD4 and RIPEMD-160.
func Digests(b []byte) ([]byte, []byte) {
	a := md4.New()
	_, _ = a.Write(b)
	r := ripemd160.New()
	_, _ = r.Write(b)
	return a.Sum(nil), r.Sum(nil)
}
