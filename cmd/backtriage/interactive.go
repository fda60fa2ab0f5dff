package main

import (
	"errors"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/accessible"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/tui"
)

// runInteractive is the interactive flow (`backtriage` with no subcommand):
// the terminal UI, or line-by-line prompts with --accessible, when input or
// output is not a terminal, or with TERM=dumb.
func runInteractive(cmd *cobra.Command, o *rootOptions) error {
	if err := oneOf("theme", o.Theme, tui.ThemeNames()); err != nil {
		return err
	}
	var format report.Format
	if cmd.Flags().Changed("format") || o.Output == "" {
		f, err := report.ParseFormat(o.Format)
		if err != nil {
			return usagef("--format: %w", err)
		}
		format = f
	} else {
		format = report.FormatFor(o.Output) // -o summary.md writes Markdown
	}
	if err := checkOutput(o.Output, o.Force); err != nil {
		return err
	}
	app := o.appFor(cmd, o.person.Region)
	if err := app.CheckRegion(); err != nil {
		return usagef("--region %w", err)
	}
	// A rules folder may carry its own questionnaire, which the screens
	// must ask: it is loaded first (the built-in table loads behind them).
	qn, err := app.Questionnaire()
	if err != nil {
		return withCode(exitInput, err)
	}
	in, out := cmd.InOrStdin(), cmd.OutOrStdout()
	sess := session.Options{
		Questionnaire: qn, Load: app.Engine, AnswersFrom: o.AnswersPath,
		In: in, Out: out, Now: o.now(), Version: versionString(),
		Output: o.Output, OutputFormat: format, Force: o.Force,
		Emergency: app.Emergency(), Explain: o.person.Explain,
		Diary: app.Diary(),
	}
	if o.AnswersPath != "" {
		if sess.Answers, err = app.ReadAnswers(o.AnswersPath, in); err != nil {
			return withCode(exitInput, err)
		}
	}
	// The session's diary says nothing on stderr: on the terminal UI's
	// screen it would land in the middle of a frame.
	sess.Diary.Notice = nil
	var last session.Last
	sess.Assessed = last.Keep
	err = runSession(cmd, o, sess)
	if err == nil && last.Assessment != nil && accessibleMode(cmd, o) {
		// The line-by-line mode's result goes to the diary when the person
		// has agreed to one (the terminal UI saves its own from the
		// results); its prompts own the input, so consent is not asked here.
		app.SaveEpisode(last.Assessment, "accessible", false, nil)
	}
	switch {
	case err == nil && last.Assessment == nil:
		// Quit before any level was shown (at the welcome, mid-way, through
		// the quit dialog, saved or not): never a status a script could
		// read as self-care.
		return withCode(exitAborted, errNoResult)
	case err == nil && o.person.ExitLevel:
		return levelExit(service.LevelStatus(last.Assessment.Level))
	}
	return err
}

// errNoResult is the run's end when the person quit before a result.
var errNoResult = errors.New("quit before a result: nothing was assessed")

// runSession runs the terminal UI, or the line-by-line prompts.
func runSession(cmd *cobra.Command, o *rootOptions, sess session.Options) error {
	ctx := cmd.Context()
	if accessibleMode(cmd, o) {
		// Every line fits the terminal (78 columns on a pipe), broken at
		// spaces: a terminal's own wrapping splits words ("911 in the U" /
		// "S").
		sess.Out = textwrap.WrapWriter(sess.Out, helpWidth(cmd.OutOrStdout()))
		err := accessible.Run(ctx, sess)
		switch {
		case errors.Is(err, accessible.ErrInputEnded), service.InputRefused(err):
			return withCode(exitInput, err)
		case errors.Is(err, accessible.ErrSave):
			return withCode(exitWrite, err)
		}
		return err
	}
	return tui.Run(ctx, tui.Options{Options: sess, Theme: o.Theme, Report: cmd.ErrOrStderr()})
}

// accessibleMode reports whether a command asks line by line (the
// interactive flow, the check-in, guided routines): asked for with
// --accessible, or input or output is not a terminal, or the terminal is
// dumb.
func accessibleMode(cmd *cobra.Command, o *rootOptions) bool {
	return o.Accessible || !isTerminal(cmd.InOrStdin()) || !isTerminal(cmd.OutOrStdout()) || os.Getenv("TERM") == "dumb"
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}
