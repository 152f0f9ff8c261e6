package good

import "math/rand"

func Roll() int { return rand.Intn(6) }
