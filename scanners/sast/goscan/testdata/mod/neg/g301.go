package neg

import "os"

// MakeDir creates a directory with 0750.
func MakeDir(dir string) error { return os.MkdirAll(dir, 0o750) }
