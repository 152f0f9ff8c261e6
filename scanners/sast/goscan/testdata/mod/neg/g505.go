package neg

import "crypto/sha3"

// Digest3 imports crypto/sha3, not crypto/sha1.
func Digest3(b []byte) [32]byte { return sha3.Sum256(b) }
