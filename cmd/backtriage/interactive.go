package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/accessible"
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/tui"
	"github.com/backtriage/backtriage/internal/tui/flow"
)

// runInteractive is the interactive flow (`backtriage` with no subcommand):
// the terminal UI, or line-by-line prompts with --accessible, when input or
// output is not a terminal, or with TERM=dumb.
func runInteractive(cmd *cobra.Command, o *rootOptions) error {
	if !tui.ValidTheme(o.Theme) {
		return withCode(exitUsage, fmt.Errorf("--theme %q: valid: charm, dracula, catppuccin, base16, base, plain", o.Theme))
	}
	var format report.Format
	if cmd.Flags().Changed("format") || o.Output == "" {
		f, err := report.ParseFormat(o.Format)
		if err != nil {
			return withCode(exitUsage, fmt.Errorf("--format: %w", err))
		}
		format = f
	} else {
		format = flow.FormatFor(o.Output) // -o summary.md writes Markdown
	}
	qn := questionnaire.Default()
	in, out := cmd.InOrStdin(), cmd.OutOrStdout()
	var pre answers.Answers
	if o.AnswersPath != "" {
		a, err := answers.ReadFile(o.AnswersPath, in, qn)
		if err != nil {
			return withCode(exitInput, err)
		}
		pre = a
	}
	// The rule table loads in the background while the first screen shows.
	load := func() (*triage.Engine, error) { return o.engine() }
	ctx := cmd.Context()

	session := flow.Session{
		Questionnaire: qn, Load: load, Answers: pre, AnswersFrom: o.AnswersPath,
		In: in, Out: out, Now: o.now(), Version: versionString(),
		Output: o.Output, OutputFormat: format, Force: o.Force,
	}
	if o.Accessible || !isTerminal(in) || !isTerminal(out) || os.Getenv("TERM") == "dumb" {
		err := accessible.Run(ctx, session)
		switch {
		case errors.Is(err, accessible.ErrInputEnded), errors.Is(err, accessible.ErrBadInput):
			return withCode(exitInput, err)
		case errors.Is(err, accessible.ErrSave):
			return withCode(exitWrite, err)
		}
		return err
	}
	return tui.Run(ctx, tui.Options{Session: session, Theme: o.Theme, Report: cmd.ErrOrStderr()})
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}
