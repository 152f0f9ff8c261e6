package neg

import (
	"compress/gzip"
	"errors"
	"io"
)

// maxInflated bounds what one stream may expand to.
const maxInflated = 10 << 20

// Inflate copies at most maxInflated bytes.
func Inflate(r io.Reader, w io.Writer) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	defer gz.Close()
	if _, err := io.CopyN(w, gz, maxInflated); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}
