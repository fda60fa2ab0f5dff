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
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/teaprog"
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
// always restored, also on ctrl+c, a signal or a panic. Signals and ctrl+z
// are handled as in every program of backtriage (internal/teaprog); a
// signal's stop is a *teaprog.Stopped (errors.Is(err, ErrAborted) too),
// after the answers given so far were saved and said where.
func Run(ctx context.Context, o Options) error {
	if _, set := os.LookupEnv("GOGC"); !set {
		// The live heap is a megabyte or two and frames make short-lived
		// garbage: collecting a little sooner keeps the peak memory down
		// for a negligible cost.
		debug.SetGCPercent(gcPercent)
	}
	m := New(o)
	// The colour profile from the environment alone: no terminfo lookup and
	// no `tmux info`, so nothing stands between start and the first frame.
	profile := colorprofile.Env(m.env)
	if noColor(m.env) {
		profile = min(profile, colorprofile.Ascii)
	}
	out := o.Out
	if out == nil {
		out = os.Stdout
	}
	painted := prepaint(m, out, profile)
	_, err := teaprog.Run(ctx, wrapModel(m), teaprog.Options{In: o.In, Out: o.Out, Program: []tea.ProgramOption{
		tea.WithFPS(120),
		tea.WithEnvironment(m.env),
		tea.WithColorProfile(profile),
	}})
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
	if err == nil {
		return nil
	}
	stopped, bySignal := teaprog.As(ctx, err)
	if !bySignal && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrInterrupted) {
		return err
	}
	// Stopped from outside, or a panic Bubble Tea caught: the terminal is
	// back; keep what the person typed and say so.
	if errors.Is(err, tea.ErrProgramPanic) {
		fmt.Fprintln(report, "backtriage hit an internal error and stopped. The terminal has been restored.")
	} else {
		fmt.Fprintln(report, (&teaprog.Stopped{}).Error())
	}
	m.sess.Rescue(report)
	if bySignal {
		s := *stopped
		s.Told = true
		return &aborted{&s}
	}
	return ErrAborted
}

// aborted is a signal's stop, told already: errors.Is(err, ErrAborted)
// and errors.As(err, **teaprog.Stopped) both hold.
type aborted struct{ *teaprog.Stopped }

func (a *aborted) Is(target error) bool { return target == ErrAborted }
func (a *aborted) Unwrap() error        { return a.Stopped }
