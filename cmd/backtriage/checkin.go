package main

import (
	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/tui"
)

// checkinOptions are checkin's options: the shared ones, the answers
// file, the output's format, --store and the person's.
type checkinOptions struct {
	*rootOptions
	answersPath string
	format      string
	store       bool
	person      personFlags
}

func newCheckinCmd(o *rootOptions) *cobra.Command {
	opt := &checkinOptions{rootOptions: o}
	cmd := &cobra.Command{
		Use:   "checkin",
		Short: "Check in: warning signs, pain today, what you did, and what it means",
		Long: "The daily check-in, about thirty seconds: the warning-sign questions first, every time (the same " +
			"levels as the assessment; an urgent or emergency answer stops it), then the pain now (0 to 10) and " +
			"compared with last time, which steps of your plan you did, and a note. Then what it means, from the " +
			"follow-up rules in rules/followup.yaml. Saved in your diary when you have agreed to one.\n\n" +
			"With --answers FILE (or - for standard input) it runs from an answers file: the warning questions' " +
			"ids (see 'backtriage questions'), pain_now (0-10), pain_compared (better, same, worse), " +
			"steps_done (step ids from your plan, or none; any step of the rule table is accepted, and the output says which were not in your plan) and note (text). A file with a mistake is refused, but an urgent or emergency warning sign read from it is shown first.",
		Example: "  backtriage checkin\n" +
			"  backtriage checkin --accessible\n" +
			"  backtriage checkin --answers today.yaml --format json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return opt.run(cmd) },
	}
	fl := cmd.Flags()
	fl.StringVar(&opt.answersPath, "answers", "", "Check in from an answers FILE (YAML or JSON), or - for standard input")
	addChoiceFlag(cmd, &opt.format, "format", "text", "The output's format (json: the check-in record as stored)", textOrJSON)
	fl.BoolVar(&opt.store, "store", false, "Save the check-in in your diary; in scripts this is your consent to keep one")
	fl.BoolVar(&o.Accessible, "accessible", false, "Ask line by line, for screen readers (automatic when not on a terminal)")
	opt.person.add(cmd)
	o.addTableFlag(fl)
	o.addClockFlags(fl)
	o.diary.addStore(fl)
	return cmd
}

// run checks in: the warning signs first, then the pain and what was
// done; it prints what it means and keeps it in the diary the person keeps.
func (opt *checkinOptions) run(cmd *cobra.Command) error {
	if err := oneOf("format", opt.format, textOrJSON); err != nil {
		return err
	}
	app, err := opt.start(cmd, opt.person.Region)
	if err != nil {
		return err
	}
	// The questionnaire's look, so the check-in reads like it.
	c, err := app.StartCheckIn(tui.FieldStylesFor(opt.Theme))
	if err != nil {
		return withCode(exitInput, err)
	}
	defer c.Close()
	c.Wrap = consentWords
	ask, err := opt.ask(cmd, c)
	if err != nil {
		return warningFirst(cmd, opt.format, opt.person.ExitLevel, err)
	}
	res := c.Evaluate()
	w := cmd.OutOrStdout()
	if opt.format == "json" {
		// The JSON carries the stored id and whether it was saved, so it
		// is saved first; the form or the prompts have shown any warning
		// sign's advice already.
		if err := c.WriteJSON(w, res, c.Keep(res, opt.store, ask)); err != nil {
			return err
		}
	} else {
		if err := c.WriteText(w, res, opt.answersPath == ""); err != nil {
			return err
		}
		c.Keep(res, opt.store, ask)
	}
	if opt.person.ExitLevel {
		return levelExit(service.LevelStatus(res.Level()))
	}
	return nil
}

// ask gets the check-in's answers: from the answers file, the line
// prompts or the form. It returns how to ask for consent in each (nil for
// a file: a script is never asked). A file with a mistake is refused; its
// error is a *service.Refused when an urgent or emergency warning sign
// was read from it anyway.
func (opt *checkinOptions) ask(cmd *cobra.Command, c *service.CheckIn) (service.Ask, error) {
	if opt.answersPath != "" {
		return nil, withCode(exitInput, c.FromFile(opt.answersPath, cmd.InOrStdin()))
	}
	in, out := cmd.InOrStdin(), cmd.OutOrStdout()
	if accessibleMode(cmd, opt.rootOptions) {
		// Every line fits the terminal (78 columns on a pipe), broken at
		// spaces, as in the questionnaire's line mode.
		lines := textwrap.WrapWriter(out, helpWidth(out))
		ask, err := c.Lines(cmd.Context(), in, lines, !isTerminal(in))
		return ask, checkinErr(err)
	}
	var ask service.Ask
	if isTerminal(in) {
		ask = askConsentOnTerminal(cmd)
	}
	return ask, checkinErr(c.Form(cmd.Context(), in, out))
}

func checkinErr(err error) error {
	switch {
	case service.InputRefused(err):
		// Input refused by the line reader's caps ends as in --accessible.
		return withCode(exitInput, err)
	case service.CheckInStopped(err):
		return withCode(exitAborted, err)
	}
	return err
}
