package usesmissing

import (
	"crypto/md5"
	"os"

	"example.com/missing"
)

func Sum(b []byte) [16]byte { return md5.Sum(b) }

func Write(p string) error {
	missing.Hello()
	return os.WriteFile(p, nil, 0o666)
}
