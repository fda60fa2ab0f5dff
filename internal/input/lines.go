package input

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// MaxLine and MaxTyped bound what the line-by-line modes (--accessible,
// the check-in's lines) read: an answer is a few characters and a whole
// session a few hundred lines, so input beyond these is not someone typing
// (`backtriage < /dev/zero`) and is refused, not buffered.
const (
	MaxLine  = 4 << 10
	MaxTyped = 64 << 10
)

// ErrRefused wraps typed input refused by those caps.
var ErrRefused = errors.New("input refused")

// ErrLineTooLong is a line longer than a LineReader's per-line cap.
var ErrLineTooLong = errors.New("line too long")

// LineReader reads lines of typed or piped input with a cap on each line
// and on the whole input, so an endless stream (/dev/zero) or a line with
// no end is refused at once instead of filling memory.
type LineReader struct {
	r        *bufio.Reader
	maxLine  int
	maxTotal int64
	total    int64
}

// NewLineReader reads r in lines of at most maxLine bytes, maxTotal in all.
func NewLineReader(r io.Reader, maxLine int, maxTotal int64) *LineReader {
	return &LineReader{r: bufio.NewReaderSize(r, maxLine+1), maxLine: maxLine, maxTotal: maxTotal}
}

// ReadLine returns the next line without its line ending. At the end of the
// input it returns io.EOF (after the last line, if it has no newline).
func (l *LineReader) ReadLine() (string, error) {
	// The buffer holds maxLine+1 bytes: a line that does not end within it
	// fills it, and ReadSlice says so without reading further.
	b, err := l.r.ReadSlice('\n')
	l.total += int64(len(b))
	// The total first: a caller that skips the rest of an over-long line
	// (reading on after ErrLineTooLong) still stops at it.
	switch {
	case l.total > l.maxTotal:
		return "", fmt.Errorf("%w: more than %s of input", ErrTooLarge, Size(l.maxTotal))
	case errors.Is(err, bufio.ErrBufferFull) || len(strings.TrimRight(string(b), "\r\n")) > l.maxLine:
		return "", fmt.Errorf("%w: an input line is longer than %s", ErrLineTooLong, Size(int64(l.maxLine)))
	case err != nil && len(b) == 0:
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// CleanLine makes typed or piped text safe to print back, by the rules
// every note is kept by (textwrap.CleanInput): escape sequences removed
// whole, control and bidi characters (a bell, a backspace, a carriage
// return that would overwrite the prompt) removed, tabs as spaces; a line
// break inside the line becomes a space.
func CleanLine(s string) string {
	return strings.ReplaceAll(textwrap.CleanInput(s), "\n", " ")
}
