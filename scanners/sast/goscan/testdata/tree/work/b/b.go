package b

import "example.com/a"

// Small narrows a's size.
func Small() int8 { return int8(a.Size()) }
