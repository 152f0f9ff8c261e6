package neg

import (
	"crypto/rand"
	"math/big"
)

// Token draws from crypto/rand.
func Token() (*big.Int, error) { return rand.Int(rand.Reader, big.NewInt(1<<62)) }
