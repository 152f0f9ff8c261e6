package neg

import (
	"context"
	"os/exec"
)

// Uptime runs a fixed program with fixed arguments.
func Uptime(ctx context.Context) ([]byte, error) {
	return exec.CommandContext(ctx, "uptime", "-p").Output()
}
