package main

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/backtriage/backtriage/internal/teaprog"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/tui"
)

// Exit codes, documented in docs/scripting.md.
const (
	exitOK      = 0
	exitError   = 1                   // anything unexpected
	exitUsage   = 2                   // bad flags or arguments
	exitInput   = 3                   // an answers file or rule table with errors
	exitWrite   = 4                   // the output file could not be written (or exists)
	exitFailing = 5                   // `rules test`: a case failed
	exitHangup  = teaprog.ExitHangup  // stopped by SIGHUP: the terminal went away (128 + 1)
	exitAborted = teaprog.ExitStopped // stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report)
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

// usageError is a bad flag or argument, whether cobra found it (an unknown
// flag, a missing value, an extra argument) or a command did (a value not
// among the valid ones): exit status 2, and a pointer to the command's help.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usage marks err as a usage error.
func usage(err error) error {
	if err == nil {
		return nil
	}
	return &usageError{err: err}
}

// usagef is usage(fmt.Errorf(...)).
func usagef(format string, args ...any) error { return usage(fmt.Errorf(format, args...)) }

func exitCode(err error) int {
	var (
		ce *codedError
		ue *usageError
		st *teaprog.Stopped
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &st):
		return st.ExitCode()
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, &ce):
		return ce.code
	case errors.Is(err, tui.ErrAborted):
		return exitAborted
	}
	return exitError
}

// printError prints one problem per line, unstyled, so file:line:col
// messages stay whole for editors and scripts. A usage error ends with
// where to read the usage of the command that met it (cmdPath, such as
// "backtriage assess").
func printError(w io.Writer, cmdPath string, err error) {
	if errors.Is(err, errLevel) {
		return // --exit-level: a status, not a problem
	}
	var st *teaprog.Stopped
	if errors.As(err, &st) {
		// Stopped by a signal: one plain sentence, unless the program
		// said it already, above what it rescued.
		if !st.Told {
			fmt.Fprintln(w, st.Error())
		}
		return
	}
	// File names quoted as %q quotes them where they need it, and no
	// character of a message (a file's name, a value from a file) reaches
	// the terminal as a control.
	for _, line := range strings.Split(textwrap.QuotePaths(err), "\n") {
		fmt.Fprintln(w, "backtriage: "+textwrap.Safe(line))
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(w, "backtriage: see '%s --help'\n", cmdPath)
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
