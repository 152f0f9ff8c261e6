package neg

import (
	"crypto/aes"
	"crypto/cipher"
)

// Block imports crypto/aes, not crypto/des.
func Block(key []byte) (cipher.Block, error) { return aes.NewCipher(key) }
