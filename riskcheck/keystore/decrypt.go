package keystore

import (
	"encoding/json"
	"errors"
	"maps"
	"strings"

	ethks "github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/google/uuid"
)

// verify decrypts the key in memory with go-ethereum and checks it against
// the address field; "" means intact, otherwise it says what failed (never
// with key material). Only a File whose KDF parameters judgeKDF bounded
// reaches here.
//
// go-ethereum is handed the canonical re-encoding of what Parse validated,
// never the raw bytes: a file with duplicate members would otherwise be read
// one way by the checks (the first) and another by the decrypt (the last).
// Its unchecked type assertions are behind recover all the same.
func verify(f *File, passphrase string) (failure string) {
	defer func() {
		if recover() != nil {
			failure = "decryption failed on malformed parameters"
		}
	}()
	canon := *f
	if _, err := uuid.Parse(canon.ID); err != nil {
		canon.ID = uuid.Nil.String() // geth wants a UUID, which is not part of the MAC
	}
	// go-ethereum uses only the first 32 bytes of the derived key, and
	// neither PBKDF2 nor scrypt changes those with dklen: a longer one only
	// multiplies the work (32x for dklen 1024), never the verdict.
	if dk, _ := f.Crypto.KDFParams["dklen"].(float64); dk > keyLen {
		canon.Crypto.KDFParams = maps.Clone(f.Crypto.KDFParams)
		canon.Crypto.KDFParams["dklen"] = float64(keyLen)
	}
	data, err := json.Marshal(canon)
	if err != nil {
		return "the keystore could not be re-encoded for decryption"
	}
	key, err := ethks.DecryptKey(data, passphrase)
	if err != nil {
		if errors.Is(err, ethks.ErrDecrypt) {
			return "the MAC does not match: the ciphertext or its parameters were modified, or the configured passphrase is wrong"
		}
		return "the keystore does not decrypt to a valid secp256k1 private key"
	}
	defer zero(key)
	if f.Address != "" && !strings.EqualFold(f.Address, strings.TrimPrefix(key.Address.Hex(), "0x")) {
		return "the key decrypts, but belongs to a different address than the file's address field"
	}
	return ""
}

// zero overwrites the private scalar. go-ethereum's own intermediate
// buffers are out of reach; this bounds the key's lifetime to the check.
func zero(k *ethks.Key) {
	//nolint:staticcheck // D is the only handle go-ethereum's Key gives on the scalar; wiping it is the point
	if k == nil || k.PrivateKey == nil || k.PrivateKey.D == nil {
		return
	}
	clear(k.PrivateKey.D.Bits()) //nolint:staticcheck // as above
	k.PrivateKey.D.SetInt64(0)   //nolint:staticcheck // as above
}
