package neg

import "unsafe"

// WordSize uses unsafe only for a compile-time size.
func WordSize() uintptr {
	var x int64
	return unsafe.Sizeof(x)
}
