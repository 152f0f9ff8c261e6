package a

// Size is a count from elsewhere.
func Size() int { return 1 << 20 }
