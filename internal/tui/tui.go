// Package tui is backtriage's interactive terminal flow: a welcome screen,
// the warning signs first, the questionnaire in short pages with a review,
// the results with a picture of where it hurts and where the cause may sit,
// export, and the private diary. It runs on Bubble Tea v2: one component per
// screen (welcome.go, page.go, review.go, stop.go, results.go, history.go,
// guide.go) and per dialog (export.go, quit.go, keysdialog.go, the diary's
// consent in diary.go), routed by the Model (model.go), with key bindings
// as data (keys.go) from which every footer and the full key help are
// drawn. Both this flow and the line-by-line prompts drive an
// internal/session.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/session"
)

// Options configure a run: the session, and how the terminal looks.
type Options struct {
	session.Options
	Theme string // one of ThemeNames(); "charm" when empty
	// Report receives, after the terminal is restored, what was saved and
	// where (stdout when nil).
	Report io.Writer
	Env    []string // the environment; os.Environ() when nil
}

// wrapModel lets tests put a model around the flow's (to make it panic).
var wrapModel = func(m tea.Model) tea.Model { return m }

// ErrAborted is returned when the program was stopped from outside (a
// signal or a cancelled context); the terminal has been restored.
var ErrAborted = errors.New("stopped")

// Run runs the flow on a terminal until the person quits. The terminal is
// always restored, also on ctrl+c, a signal or a panic.
func Run(ctx context.Context, o Options) error {
	if _, set := os.LookupEnv("GOGC"); !set {
		// The live heap is a megabyte or two and frames make short-lived
		// garbage: collecting a little sooner keeps the peak memory down
		// for a negligible cost.
		debug.SetGCPercent(gcPercent)
	}
	m := New(o)
	// Signals end the program through the context. Bubble Tea's own handler
	// (v2.0.9) blocks forever sending its interrupt when the context was
	// cancelled by the same signal first, and the program never exits.
	// SIGHUP (the window closed, the SSH link dropped) is handled like
	// SIGTERM: the terminal is restored and the answers rescued.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	opts := []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithoutSignalHandler(),
		tea.WithFPS(120),
		tea.WithEnvironment(m.env),
	}
	if o.In != nil {
		opts = append(opts, tea.WithInput(o.In))
	}
	if o.Out != nil {
		opts = append(opts, tea.WithOutput(o.Out))
	}
	// The colour profile from the environment alone: no terminfo lookup and
	// no `tmux info`, so nothing stands between start and the first frame.
	profile := colorprofile.Env(m.env)
	if noColor(m.env) {
		profile = min(profile, colorprofile.Ascii)
	}
	opts = append(opts, tea.WithColorProfile(profile))
	out := o.Out
	if out == nil {
		out = os.Stdout
	}
	painted := prepaint(m, out, profile)
	p := tea.NewProgram(wrapModel(m), opts...)
	jcCtx, jcStop := context.WithCancel(ctx)
	go jobControl(jcCtx, p)
	m.jobControl = true
	_, err := p.Run()
	jcStop()
	if err != nil && painted {
		// Bubble Tea restores what it changed; this undoes the early paint
		// if it stopped before taking over the screen. Best effort: the
		// program's own error is already on its way to the caller.
		_, _ = io.WriteString(out, ansi.ResetModeAltScreenSaveCursor+ansi.ShowCursor)
	}
	report := o.Report
	if report == nil {
		report = os.Stdout
	}
	m.leaveAdvice(out)
	for _, n := range m.notes {
		fmt.Fprintln(report, n)
	}
	if m.err != nil {
		return m.err
	}
	if err != nil {
		if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, tea.ErrInterrupted) {
			// Stopped from outside, or a panic Bubble Tea caught: the
			// terminal is back; keep what the person typed and say so.
			if errors.Is(err, tea.ErrProgramPanic) {
				fmt.Fprintln(report, "backtriage hit an internal error and stopped. The terminal has been restored.")
			} else {
				fmt.Fprintln(report, "backtriage was stopped.")
			}
			m.sess.Rescue(report)
			if ctx.Err() != nil {
				return fmt.Errorf("%w: %w", ErrAborted, context.Cause(ctx))
			}
			return ErrAborted
		}
		return err
	}
	return nil
}
