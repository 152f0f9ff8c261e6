package neg

import (
	"crypto/aes"
	"crypto/cipher"
)

// AEAD builds AES-GCM.
func AEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
