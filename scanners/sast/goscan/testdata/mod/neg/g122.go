package neg

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Clean removes what a walk finds through an os.Root, which does not follow
// a symlink swapped in after the walk saw the entry.
func Clean(dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return root.Remove(rel)
	})
}
