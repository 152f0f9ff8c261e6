// Package alias takes the address of a range variable in a module whose go
// line predates Go 1.22, where the variable is shared by all iterations:
// every pointer ends up pointing at the last element. It is what gosec's
// G601 looks for.
package alias

// Pointers returns len(xs) pointers to one variable.
func Pointers(xs []int) []*int {
	var out []*int
	for _, x := range xs {
		out = append(out, &x)
	}
	return out
}
