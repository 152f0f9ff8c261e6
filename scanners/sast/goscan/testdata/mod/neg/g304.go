package neg

import (
	"os"
	"path/filepath"
)

// ReadConfig reads a cleaned path and a constant one.
func ReadConfig(p string) ([]byte, []byte, error) {
	a, err := os.ReadFile(filepath.Clean(p))
	if err != nil {
		return nil, nil, err
	}
	b, err := os.ReadFile("defaults.json")
	return a, b, err
}
