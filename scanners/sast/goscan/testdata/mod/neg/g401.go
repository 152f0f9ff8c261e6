package neg

import "crypto/sha256"

// Digest hashes with SHA-256.
func Digest(b []byte) [32]byte { return sha256.Sum256(b) }
