package neg

import "os"

// Scratch creates a temporary file with an unpredictable name.
func Scratch() (*os.File, error) { return os.CreateTemp("", "fixture-*") }
