package input

// Diagnostics: problems in input files reported the way compilers and
// promtool do, file:line:col: message, every problem at once.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// Error is one problem at a place in a file. Line and Col are 1-based; 0
// means the place is the whole file.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
}

// Error is file:line:col: message. A file name with a character that does
// not print as itself (an escape, a bidi control) is quoted as %q quotes
// it, so no name can drive the terminal or pass for another; an ordinary
// name stays as it is, for editors.
func (e *Error) Error() string {
	file := textwrap.Quote(e.File)
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", file, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", file, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", file, e.Msg)
}

// List collects problems; its Err is nil when there are none.
type List []*Error

// Add records a problem.
func (l *List) Add(file string, line, col int, format string, args ...any) {
	*l = append(*l, &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Err joins the problems into one error, one per line, or returns nil.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// OneOf formats the valid values for a message, with the closest one first
// when the bad value looks like a typo of it.
func OneOf(bad string, valid []string) string {
	list := strings.Join(valid, ", ")
	if s := closest(bad, valid); s != "" {
		return fmt.Sprintf("did you mean %q? valid: %s", s, list)
	}
	return "valid: " + list
}

// closest returns the candidate within a small edit distance of bad, or
// the only one it abbreviates ("sleep_pos" for "sleep_position"), if any.
func closest(bad string, valid []string) string {
	best, bestD := "", 3
	if len(bad) < 4 {
		bestD = 2
	}
	for _, v := range valid {
		if d := textwrap.Distance(bad, v); d < bestD {
			best, bestD = v, d
		}
	}
	if best != "" || len(bad) < 4 {
		return best
	}
	for _, v := range valid {
		if strings.HasPrefix(v, bad) {
			if best != "" {
				return "" // ambiguous
			}
			best = v
		}
	}
	return best
}

// WithoutPath drops the *fs.PathError or *os.LinkError wrapper of a file
// system error, keeping the reason ("permission denied"): messages name the
// file their own way (file:line:col, or the real path where the error names
// a temporary file).
func WithoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
