package neg

import (
	"crypto/rand"
	"crypto/rsa"
)

// Key is 2048 bits.
func Key() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) }
