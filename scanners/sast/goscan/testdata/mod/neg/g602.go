package neg

// Last indexes after a length check.
func Last(s []int) int {
	if len(s) > 2 {
		return s[2]
	}
	return 0
}
