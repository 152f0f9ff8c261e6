package neg

import (
	"archive/zip"
	"errors"
	"io"
	"os"
)

// maxEntry bounds one extracted file.
const maxEntry = 64 << 20

// Unzip extracts through an os.Root, which refuses names that leave dest,
// instead of joining the entry's name onto dest.
func Unzip(src, dest string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	root, err := os.OpenRoot(dest)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range zr.File {
		if err := extract(root, f); err != nil {
			return err
		}
	}
	return nil
}

func extract(root *os.Root, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	out, err := root.Create(f.Name)
	if err != nil {
		return err
	}
	defer out.Close()
	if _, err := io.CopyN(out, rc, maxEntry); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
