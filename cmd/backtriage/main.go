// Command backtriage helps people who wake up with upper back pain: it
// screens for warning signs, asks how they sleep and live, and suggests likely
// muscle causes, a self-care plan and when to get help. It suggests; it does
// not diagnose. Nothing leaves the machine.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"charm.land/fang/v2"
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
	ctx, stop := signalContext()
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString()),
		fang.WithoutManpage(), // ours: man.go
		// Reached only by errors of commands guard does not see (cobra's
		// __complete, for shells).
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) { printError(w, root.Name(), err) }),
	)
	stop()
	if err == nil {
		err = run.err
	}
	code := exitCode(err)
	if sig := caught.Load(); sig != nil && code != exitOK {
		code = exitAborted
		if *sig == syscall.SIGHUP {
			code = exitHangup
		}
	}
	os.Exit(code)
}

// caught is the signal that stopped the program, if one did.
var caught atomic.Pointer[syscall.Signal]

// signalContext is cancelled by SIGINT, SIGTERM or SIGHUP (a closed window
// or a dropped SSH link), and remembers which, for the exit code.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		select {
		case s := <-sigs:
			if ss, ok := s.(syscall.Signal); ok {
				caught.Store(&ss)
			}
			cancel(fmt.Errorf("%v signal received", s))
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(sigs); cancel(nil) }
}
