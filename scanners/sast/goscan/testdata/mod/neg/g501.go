package neg

import "crypto/sha512"

// Digest512 imports crypto/sha512, not crypto/md5.
func Digest512(b []byte) [64]byte { return sha512.Sum512(b) }
