// Command firstrun walks the owner of an AWS account through the documented first-time
// setup and hardening of that account, screen by screen.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/firstrun/firstrun/cli"
)

// version is stamped by the release build (-ldflags "-X main.version=...").
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	os.Exit(cli.Run(ctx, version, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
