package neg

import (
	"context"
	"time"
)

// Wait derives from the caller's context and cancels what it derives.
func Wait(ctx context.Context) error {
	c, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	<-c.Done()
	return c.Err()
}
