package neg

import (
	"os"
	"path/filepath"
)

// CreatePrivate creates a file with os.OpenFile and 0600 instead of
// os.Create's 0666.
func CreatePrivate(name string) (*os.File, error) {
	return os.OpenFile(filepath.Clean(name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
}
