package neg

import "golang.org/x/crypto/sha3"

// Shake imports x/crypto/sha3, not x/crypto/ripemd160.
func Shake(b []byte) [32]byte { return sha3.Sum256(b) }
