package checkin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// InputRefused reports whether err is input refused: it ended before the
// warning-sign questions were answered, or a line broke the line reader's
// caps (too long, not text), as in --accessible.
func InputRefused(err error) bool {
	return errors.Is(err, ErrInputEnded) || errors.Is(err, input.ErrRefused)
}

// ErrInputEnded is returned when the input ends before the warning-sign
// questions are answered: a check-in cannot be assessed without them.
var ErrInputEnded = errors.New("the input ended before the warning-sign questions were answered; nothing was recorded")

// ErrStopped is returned when the person types q: nothing is recorded.
var ErrStopped = errors.New("check-in stopped; nothing was recorded")

// Lines asks questions one line at a time, for screen readers, pipes and
// dumb terminals: plain text, numbered options. One reader serves the whole
// session, so piped answers are never lost between prompts.
type Lines struct {
	ctx   context.Context
	out   io.Writer
	lines chan lineOrErr
	eof   bool
	echo  bool
}

type lineOrErr struct {
	line    string
	err     error
	tooLong bool // a line over the cap, skipped: the prompt is asked again
}

// NewLines starts reading in through the bounded line reader the
// accessible mode uses: lines of at most input.MaxLine bytes,
// input.MaxTyped in all, so a line without end (/dev/zero, a 30 MB
// paste) is refused at the cap instead of filling memory. Each line is
// cleaned as a note is (textwrap.CleanInput) before anything reads or
// echoes it. echo repeats each line read (for piped input, so the
// transcript reads as a dialogue).
func NewLines(ctx context.Context, in io.Reader, out io.Writer, echo bool) *Lines {
	l := &Lines{ctx: ctx, out: out, lines: make(chan lineOrErr), echo: echo}
	send := func(v lineOrErr) bool {
		select {
		case l.lines <- v:
			return true
		case <-ctx.Done():
			return false
		}
	}
	go func() {
		r := input.NewLineReader(in, input.MaxLine, input.MaxTyped)
		// skipping is set while the rest of a line over the cap is read
		// and dropped; the total cap still bounds it.
		skipping := false
		for {
			line, err := r.ReadLine()
			switch {
			case errors.Is(err, input.ErrLineTooLong):
				skipping = true
				continue
			case err == nil && skipping:
				skipping = false
				if !send(lineOrErr{tooLong: true}) {
					return
				}
				continue
			case err == nil:
				if !send(lineOrErr{line: textwrap.CleanInput(line)}) {
					return
				}
				continue
			}
			if skipping && !send(lineOrErr{tooLong: true}) {
				return
			}
			if !errors.Is(err, io.EOF) {
				err = fmt.Errorf("%w: %w", input.ErrRefused, err)
			}
			send(lineOrErr{err: err})
			return
		}
	}()
	return l
}

// Println writes a line.
func (l *Lines) Println(s string) { fmt.Fprintln(l.out, s) }

// Ask prompts and reads one line; ok is false at the end of the input. A
// line over the cap is not read: it is said, and the prompt asked again.
func (l *Lines) Ask(prompt string) (string, bool, error) {
	for {
		if l.eof {
			fmt.Fprintln(l.out, prompt+" (end of input)")
			return "", false, nil
		}
		fmt.Fprint(l.out, prompt+" ")
		var r lineOrErr
		select {
		case <-l.ctx.Done():
			fmt.Fprintln(l.out)
			return "", false, context.Cause(l.ctx)
		case r = <-l.lines:
		}
		switch {
		case r.tooLong:
			fmt.Fprintf(l.out, "\nThat line is longer than %s, so it was not read: an answer is a few characters, a note at most %s.\n",
				input.Size(input.MaxLine), thousands(MaxNote))
			continue
		case r.err != nil:
			l.eof = true
			fmt.Fprintln(l.out)
			if errors.Is(r.err, io.EOF) {
				return "", false, nil
			}
			return "", false, r.err
		}
		if l.echo {
			fmt.Fprintln(l.out, textwrap.Safe(r.line))
		}
		return strings.TrimSpace(r.line), true, nil
	}
}

// Read is Ask, as a field reads a line (field.Prompter).
func (l *Lines) Read(prompt string) (string, bool, error) { return l.Ask(prompt) }

// ask asks f's question as every line mode asks it (field.Ask): q stops
// the check-in, nothing recorded; a warning question must be answered.
func (l *Lines) ask(f field.Field, a answers.Answers) error {
	l.Println("")
	act, err := field.Ask(f, l, a, field.AskOptions{Ended: ErrInputEnded})
	if err == nil && act == field.Quit {
		return ErrStopped
	}
	return err
}
