package neg

import (
	"errors"
	"math"
)

// Small narrows after a range check.
func Small(n int) (int8, error) {
	if n < math.MinInt8 || n > math.MaxInt8 {
		return 0, errors.New("does not fit in an int8")
	}
	return int8(n), nil
}
