//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openNoFollow opens without blocking (a FIFO swapped in cannot hang the
// open) and without following a final symlink.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
}
