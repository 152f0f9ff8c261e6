package neg

import (
	"crypto/cipher"

	"golang.org/x/crypto/chacha20poly1305"
)

// Stream imports x/crypto's ChaCha20-Poly1305, not crypto/rc4.
func Stream(key []byte) (cipher.AEAD, error) { return chacha20poly1305.New(key) }
