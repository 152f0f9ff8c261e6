// Package crypto uses weak primitives on purpose: it is a gosec fixture.
package crypto

import (
	"crypto/des"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha1"
	"crypto/tls"
	"math/rand"
	"net/http"
	_ "net/http/cgi"
)

// Sum hashes with MD5 and SHA-1.
func Sum(b []byte) ([16]byte, [20]byte) {
	return md5.Sum(b), sha1.Sum(b)
}

// Ciphers builds DES and RC4 ciphers.
func Ciphers(key []byte) error {
	if _, err := des.NewCipher(key); err != nil {
		return err
	}
	_, err := rc4.NewCipher(key)
	return err
}

// Token is not random enough.
func Token() int { return rand.Int() }

// Client skips certificate checks.
func Client() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}
