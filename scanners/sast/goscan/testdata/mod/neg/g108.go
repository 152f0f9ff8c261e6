package neg

import (
	"io"
	"runtime/pprof"
)

// HeapProfile writes a profile on request of the program, not on a public
// endpoint (runtime/pprof registers no handler).
func HeapProfile(w io.Writer) error { return pprof.WriteHeapProfile(w) }
