package neg

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"io"
)

// Seal draws a fresh nonce for every message.
func Seal(key, msg []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := io.ReadFull(rand.Reader, nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, msg, nil), nil
}
