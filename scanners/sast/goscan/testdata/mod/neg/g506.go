package neg

import "golang.org/x/crypto/blake2s"

// Blake2s imports x/crypto/blake2s, not x/crypto/md4.
func Blake2s(b []byte) [32]byte { return blake2s.Sum256(b) }
