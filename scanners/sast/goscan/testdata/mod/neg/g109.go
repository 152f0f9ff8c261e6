package neg

import "strconv"

// Count widens the Atoi result instead of narrowing it.
func Count(s string) (int64, error) {
	n, err := strconv.Atoi(s)
	return int64(n), err
}
