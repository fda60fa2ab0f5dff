package guide

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/rules"
)

// TextOptions configure the accessible routine.
type TextOptions struct {
	In    io.Reader // commands, one a line: p pause, Enter resume, s skip, q quit
	Out   io.Writer
	Quiet bool // no bell
	// Tick is how often the countdown advances (a second); After waits for
	// it (time.After). Tests pass an After that returns at once.
	Tick  time.Duration
	After func(time.Duration) <-chan time.Time
	// AfterInput is a clock for tests of the whole program: time does not
	// wait, but passes only once every typed command has been taken (the
	// input has ended), so commands and time come in a fixed order however
	// loaded the machine is. It replaces After.
	AfterInput bool
}

// RunText runs the routine in plain text for screen readers: each phase is
// announced with what to do and how long, the minutes left are said once a
// minute in long phases, and typed commands pause, resume, skip or quit.
func RunText(ctx context.Context, step *rules.Step, o TextOptions) (Result, error) {
	if o.Tick <= 0 {
		o.Tick = time.Second
	}
	if o.After == nil {
		o.After = time.After
	}
	cmds, ended := commands(ctx, o.In)
	if o.AfterInput {
		// A closed channel is always ready: once the input has ended
		// every tick comes at once.
		o.After = func(time.Duration) <-chan time.Time { return ended }
	}
	r := &textRun{ctx: ctx, o: o, cmds: cmds}
	segs := Segments(step.Routine)
	r.say("Guided: %s. %d phases, %s in all.", step.Title, len(segs), Words(time.Duration(step.Routine.TotalSeconds())*time.Second))
	if step.Caution != "" {
		r.say("Caution: %s", step.Caution)
	}
	r.say("Type p and Enter to pause, Enter to resume, s to skip a phase, q to stop.")
	for _, seg := range segs {
		r.bell()
		r.say("%s", seg.Announce())
		if stop, err := r.phase(seg.Duration()); stop || err != nil {
			return r.res, err
		}
	}
	r.bell()
	r.say("%s", endWords(r.res.Elapsed, step.Routine))
	r.res.Finished = countsAsDone(r.res.Elapsed, step.Routine)
	return r.res, nil
}

// commands are the lines typed on in, lower-cased and trimmed; none when
// in is nil. ended is closed once the last of them has been taken and the
// input has ended (at once when in is nil).
func commands(ctx context.Context, in io.Reader) (cmds <-chan string, ended chan time.Time) {
	c := make(chan string)
	ended = make(chan time.Time)
	if in == nil {
		close(ended)
		return c, ended
	}
	go func() {
		defer close(ended)
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			select {
			case c <- strings.ToLower(strings.TrimSpace(sc.Text())):
			case <-ctx.Done():
				return
			}
		}
	}()
	return c, ended
}

// textRun is one run of RunText.
type textRun struct {
	ctx  context.Context
	o    TextOptions
	cmds <-chan string
	res  Result
}

func (r *textRun) say(format string, args ...any) { fmt.Fprintf(r.o.Out, format+"\n", args...) }

func (r *textRun) bell() {
	if !r.o.Quiet {
		fmt.Fprint(r.o.Out, Bell)
	}
}

// phase counts one phase of length left down, obeying typed commands;
// stop is true when the routine ends here (q, or the context's end, whose
// cause is the error).
func (r *textRun) phase(left time.Duration) (stop bool, err error) {
	paused := false
	for left > 0 {
		select {
		case <-r.ctx.Done():
			return true, context.Cause(r.ctx)
		case c := <-r.cmds:
			switch {
			case c == "q" || c == "quit":
				r.say("%s", StoppedWords(r.res.Elapsed))
				return true, nil
			case c == "s" || c == "skip":
				r.res.Skipped++
				r.say("Skipped.")
				return false, nil
			case c == "p" || c == "pause":
				paused = true
				r.say("Paused, %s left in this phase. Press Enter to resume.", Words(left))
			case paused:
				paused = false
				r.say("Resumed.")
			}
		case <-r.o.After(r.o.Tick):
			if paused {
				continue
			}
			left -= r.o.Tick
			r.res.Elapsed += r.o.Tick
			if left > 0 && left%time.Minute == 0 {
				r.say("%s left.", Words(left))
			}
		}
	}
	return false, nil
}
