// Command bulwark guards a crypto-trading deployment. See internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/bulwark-sec/bulwark/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
