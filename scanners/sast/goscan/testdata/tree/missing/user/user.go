// Package user type-checks cleanly but imports a package that does not.
package user

import (
	"math/rand"

	"example.com/usesmissing"
)

// Hash hashes a roll.
func Hash() [16]byte { return usesmissing.Sum([]byte{byte(rand.Intn(6))}) }
