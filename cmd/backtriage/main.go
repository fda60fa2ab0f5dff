// Command backtriage helps people who wake up with upper back pain: it
// screens for warning signs, asks how they sleep and live, and suggests likely
// muscle causes, a self-care plan and when to get help. It suggests; it does
// not diagnose. Nothing leaves the machine.
package main

import (
	"context"
	"os"
	"syscall"

	"charm.land/fang/v2"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func main() {
	root := newRootCmd()
	reportErrors(root)
	err := fang.Execute(context.Background(), root,
		fang.WithVersion(versionString()),
		fang.WithErrorHandler(printError), // flag and argument errors
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM),
	)
	if err == nil {
		err = reported
	}
	os.Exit(exitCode(err))
}
