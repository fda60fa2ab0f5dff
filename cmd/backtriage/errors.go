package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/tui"
)

// Exit codes, documented in the README.
const (
	exitOK      = 0
	exitError   = 1   // anything unexpected
	exitUsage   = 2   // bad flags or arguments
	exitInput   = 3   // an answers file or rule table with errors
	exitWrite   = 4   // the output file could not be written (or exists)
	exitFailing = 5   // `rules test`: a case failed
	exitHangup  = 129 // stopped by SIGHUP: the terminal went away (128 + 1)
	exitAborted = 130 // stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report)
)

// codedError carries an exit code with its message.
type codedError struct {
	code int
	err  error
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &codedError{code: code, err: err}
}

func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ce *codedError
	if errors.As(err, &ce) {
		return ce.code
	}
	if isUsage(err) {
		return exitUsage
	}
	if errors.Is(err, tui.ErrAborted) {
		return exitAborted
	}
	return exitError
}

// reported holds the error of a command that has already printed it. fang
// asks the terminal for its background colour before calling any error
// handler, which stalls on terminals that never answer; commands therefore
// print their own errors and hand fang nil (see reportErrors).
var reported error

// reportErrors makes every command print its own error and record it.
func reportErrors(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := run(cmd, args)
			if err != nil {
				printError(cmd.ErrOrStderr(), fang.Styles{}, err)
				reported = err
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		reportErrors(sub)
	}
}

// isUsage recognises cobra's argument and flag errors, which are plain.
func isUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand", "unknown command", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "required flag"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// printError prints one problem per line, unstyled, so file:line:col
// messages stay whole for editors and scripts.
func printError(w io.Writer, _ fang.Styles, err error) {
	if errors.Is(err, errLevel) {
		return // --exit-level: a status, not a problem
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(w, "backtriage: "+line)
	}
	if isUsage(err) {
		fmt.Fprintln(w, "backtriage: see 'backtriage --help'")
	}
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
