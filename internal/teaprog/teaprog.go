// Package teaprog runs every Bubble Tea program in backtriage (the
// questionnaire with its history and routine screens, the check-in form,
// the guided routine) the one same way, so that signals and job control
// behave alike in all of them:
//
//   - SIGINT, SIGTERM and SIGHUP stop the program through its context, and
//     only through it. Bubble Tea's own signal handler is turned off: it
//     sends its quit message on a channel the program may have stopped
//     reading (the context was cancelled by the same signal first), and the
//     program's shutdown then waits for it forever, the terminal left raw.
//   - The signals stay caught until the process ends (Hold), so a second one
//     during shutdown is absorbed instead of killing the process with the
//     terminal still raw.
//   - ctrl+z (a key: the terminal is raw) and SIGTSTP from outside suspend
//     the program: the terminal is handed back, the process stops, and on
//     SIGCONT the terminal is taken again and the screen repainted whole.
//
// A program stopped by a signal returns a *Stopped error naming it; the
// command says in one sentence what became of the work and exits 130
// (SIGINT, SIGTERM) or 129 (SIGHUP).
package teaprog

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// Exit statuses of a run stopped by a signal, as docs/scripting.md documents them.
const (
	ExitHangup  = 129 // SIGHUP: the terminal went away (128 + 1)
	ExitStopped = 130 // SIGINT or SIGTERM (128 + SIGINT, as shells report ctrl+c)
)

// stopSignals end a program.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// Stopped is the error of a run a signal stopped, and the cause of the
// context Notify cancels.
type Stopped struct {
	Signal syscall.Signal
	// What says what became of the person's work, in a few words ("the
	// routine was not recorded"); empty when there was none.
	What string
	// Told is set when the program has already said it was stopped (the
	// questionnaire says so above what it rescued): nothing more is printed.
	Told bool
	err  error // the program's own error, if any
}

// Error is the one plain sentence printed when a signal stops a program.
func (s *Stopped) Error() string {
	if s.What == "" {
		return "backtriage was stopped."
	}
	return "backtriage was stopped; " + s.What + "."
}

func (s *Stopped) Unwrap() error { return s.err }

// ExitCode is the process's exit status: 129 for SIGHUP, else 130.
func (s *Stopped) ExitCode() int {
	if s.Signal == syscall.SIGHUP {
		return ExitHangup
	}
	return ExitStopped
}

// As finds the *Stopped in err's chain, or in ctx's cause when ctx has
// ended, so a command can tell "stopped by a signal" from other errors.
func As(ctx context.Context, err error) (*Stopped, bool) {
	var s *Stopped
	if errors.As(err, &s) {
		return s, true
	}
	if ctx != nil && ctx.Err() != nil && errors.As(context.Cause(ctx), &s) {
		return &Stopped{Signal: s.Signal, err: err}, true
	}
	return nil, false
}

// Say returns err with what became of the work when err is a stop by a
// signal (found in err or in ctx's cause); other errors are returned as
// they are.
func Say(ctx context.Context, err error, what string) error {
	s, ok := As(ctx, err)
	if !ok {
		return err
	}
	c := *s
	c.What = what
	return &c
}

// held keeps the stop signals caught for the life of the process once
// Hold has been called.
var held sync.Once

// Hold catches SIGINT, SIGTERM and SIGHUP for good: from then on none of
// them can end the process by its default action (which would leave a raw
// terminal raw); a stopped program's context carries the signal instead.
// main calls it first; Notify calls it too.
func Hold() {
	held.Do(func() {
		c := make(chan os.Signal, 1)
		signal.Notify(c, stopSignals...)
		go func() {
			for range c { // absorbed: every Notify context sees its own copy
			}
		}()
	})
}

// Notify returns a context cancelled, with a *Stopped cause, by the first
// SIGINT, SIGTERM or SIGHUP; release frees its resources.
func Notify(parent context.Context) (ctx context.Context, release func()) {
	Hold()
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	go func() {
		select {
		case s := <-sigs:
			sig, _ := s.(syscall.Signal)
			cancel(&Stopped{Signal: sig})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(sigs); cancel(nil) }
}

// Options are a program's terminal and any further Bubble Tea options
// (colour profile, frame rate, environment).
type Options struct {
	In      io.Reader // the terminal's input; os.Stdin when nil
	Out     io.Writer // the terminal's output; os.Stdout when nil
	Program []tea.ProgramOption
}

// Run runs model until it quits or a signal (or ctx) stops it, and returns
// the final model. A signal's stop is a *Stopped error; another end of ctx
// is an error wrapping tea.ErrProgramKilled and ctx's cause. The terminal is
// restored either way.
//
// A stop is asked of the program as a quit message, never by cancelling
// its context: Bubble Tea's shutdown after a cancelled context closes the
// terminal's input while its reader may still be reading it (a data race
// the race detector reports), where a quit waits for the reader first.
// The message cannot block: Send gives up once the program has ended.
func Run(ctx context.Context, model tea.Model, o Options) (tea.Model, error) {
	ctx, release := Notify(ctx)
	defer release()
	opts := []tea.ProgramOption{tea.WithoutSignalHandler()}
	if o.In != nil {
		opts = append(opts, tea.WithInput(o.In))
	}
	if o.Out != nil {
		opts = append(opts, tea.WithOutput(o.Out))
	}
	opts = append(opts, o.Program...)
	p := tea.NewProgram(jobs{model}, opts...)
	ended := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			p.Quit()
		case <-ended:
		}
	}()
	go jobControl(ended, p)
	final, err := p.Run()
	close(ended)
	if j, ok := final.(jobs); ok {
		final = j.Model
	}
	if ctx.Err() == nil {
		return final, err
	}
	// Stopped from outside, whatever the program was doing then.
	if s, ok := As(ctx, err); ok {
		return final, s
	}
	if err == nil {
		err = fmt.Errorf("%w: %w", tea.ErrProgramKilled, context.Cause(ctx))
	}
	return final, err
}
