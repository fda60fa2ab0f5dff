package export

import (
	"os"

	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/userpath"
)

// BadName is an output file name refused before anything is asked or
// written (userpath.CheckName says why).
type BadName struct{ Err error }

func (e *BadName) Error() string { return e.Err.Error() }
func (e *BadName) Unwrap() error { return e.Err }

// Check finds, before the questions, an output file that could not be
// written at the end: a name refused (*BadName), or a file that exists
// without force (wrapping ErrExists). "" and "-" are standard output.
func Check(path string, force bool) error {
	if path == "" || path == "-" {
		return nil
	}
	if err := userpath.CheckName(path); err != nil {
		return &BadName{Err: err}
	}
	if force {
		return nil
	}
	if _, err := os.Lstat(userpath.ExpandHome(path)); err == nil {
		return &existsError{path: path}
	}
	return nil
}

// existsError is an output file that exists; it is ErrExists.
type existsError struct{ path string }

func (e *existsError) Error() string {
	return textwrap.Quote(userpath.Shown(e.path)) + " already exists; add --force to replace it, or choose another file"
}

func (e *existsError) Is(target error) bool { return target == ErrExists }

// Shown is path as the person is told where a file was written: absolute,
// quoted where it holds anything a terminal would act on.
func Shown(path string) string { return textwrap.Quote(userpath.Abs(path)) }
