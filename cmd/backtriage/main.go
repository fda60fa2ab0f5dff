// Command backtriage helps people who wake up with upper back pain: it
// screens for warning signs, asks how they sleep and live, and suggests likely
// muscle causes, a self-care plan and when to get help. It suggests; it does
// not diagnose. Nothing leaves the machine.
package main

import (
	"context"
	"os"

	"github.com/backtriage/backtriage/internal/teaprog"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func main() {
	root := newRootCmd()
	// cobra adds the completion command while executing; added now, it is
	// guarded like the others.
	root.InitDefaultCompletionCmd()
	var run outcome
	run.guard(root)
	// SIGINT, SIGTERM and SIGHUP are caught from here to the exit, so none
	// can kill the process mid-way with the terminal raw; the context says
	// which one came.
	teaprog.Hold()
	ctx, stop := teaprog.Notify(context.Background())
	root.Version = versionString()
	root.SilenceUsage, root.SilenceErrors = true, true
	setHelp(root)
	err := root.ExecuteContext(ctx)
	if err != nil {
		// Reached only by errors of commands guard does not see (cobra's
		// __complete, for shells).
		printError(root.ErrOrStderr(), root.Name(), err)
	} else {
		err = run.err
	}
	code := exitCode(err)
	if s, ok := teaprog.As(ctx, err); ok && code != exitOK {
		// Whatever error a signal's stop surfaced as, the status says
		// it was a signal.
		code = s.ExitCode()
	}
	stop()
	os.Exit(code)
}
