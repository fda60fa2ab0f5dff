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
	cmds := make(chan string)
	if o.In != nil {
		go func() {
			sc := bufio.NewScanner(o.In)
			for sc.Scan() {
				select {
				case cmds <- strings.ToLower(strings.TrimSpace(sc.Text())):
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	say := func(format string, args ...any) { fmt.Fprintf(o.Out, format+"\n", args...) }
	bell := func() {
		if !o.Quiet {
			fmt.Fprint(o.Out, Bell)
		}
	}
	var res Result
	segs := Segments(step.Routine)
	say("Guided: %s. %d phases, %s in all.", step.Title, len(segs), Words(time.Duration(step.Routine.TotalSeconds())*time.Second))
	if step.Caution != "" {
		say("Caution: %s", step.Caution)
	}
	say("Type p and Enter to pause, Enter to resume, s to skip a phase, q to stop.")
	for _, seg := range segs {
		bell()
		say("%s", seg.Announce())
		left := seg.Duration()
		paused := false
	phase:
		for left > 0 {
			select {
			case <-ctx.Done():
				return res, context.Cause(ctx)
			case c := <-cmds:
				switch {
				case c == "q" || c == "quit":
					say("Stopped.")
					return res, nil
				case c == "s" || c == "skip":
					res.Skipped++
					say("Skipped.")
					break phase
				case c == "p" || c == "pause":
					paused = true
					say("Paused, %s left in this phase. Press Enter to resume.", Words(left))
				case paused:
					paused = false
					say("Resumed.")
				}
			case <-o.After(o.Tick):
				if paused {
					continue
				}
				left -= o.Tick
				res.Elapsed += o.Tick
				if left > 0 && left%time.Minute == 0 {
					say("%s left.", Words(left))
				}
			}
		}
	}
	bell()
	say("Finished. %s", step.Routine.Then)
	// Finished when it ran to the end, not when every phase was skipped.
	res.Finished = res.Skipped < len(segs)
	return res, nil
}
