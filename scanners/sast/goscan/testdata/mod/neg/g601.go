package neg

// Pointers takes the address of each element, not of the range variable.
func Pointers(xs []int) []*int {
	out := make([]*int, 0, len(xs))
	for i := range xs {
		out = append(out, &xs[i])
	}
	return out
}
