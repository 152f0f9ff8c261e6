package cgo

// #include <stdlib.h>
import "C"

import "math/rand"

func Roll() int { return int(C.rand()) + rand.Intn(6) }
