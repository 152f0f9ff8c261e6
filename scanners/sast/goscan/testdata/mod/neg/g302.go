package neg

import (
	"os"
	"path/filepath"
)

// OpenPrivate opens and chmods with 0600.
func OpenPrivate(name string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Clean(name), os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	return f, os.Chmod(name, 0o600)
}
