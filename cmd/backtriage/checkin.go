package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/rules"
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
	here, err := opt.person.emergency()
	if err != nil {
		return err
	}
	eng, err := opt.engine()
	if err != nil {
		return err
	}
	d := opt.diaryOf(cmd)
	found, faults := d.OpenForCheckin()
	for _, err := range faults {
		opt.diary.warn(cmd, err) // the check-in goes on without the diary
	}
	if found.Store != nil {
		defer found.Store.Close()
	}
	opts := checkin.Options{Engine: eng, State: found.State, Questionnaire: checkin.Questionnaire(found.Plan()),
		Now: opt.now(), Emergency: here, TableVersion: opt.tableVersion(),
		// The questionnaire's look, so the check-in reads like it.
		Styles: tui.FieldStylesFor(opt.Theme)}

	in, interactive, lines, err := opt.checkinInput(cmd, opt.answersPath, opt.format, opts)
	if err != nil {
		if l := urgentLevel(err); opt.person.ExitLevel && l >= rules.Urgent {
			return withCode(exitCode(levelExit(l)), err) // the warning sign outranks the file's mistake
		}
		return err
	}
	res := checkin.Evaluate(eng, found.State, *in, opts.TableVersion)
	keep := func() bool {
		k, err := d.KeepCheckin(found.Store, res.Checkin, res.Assessment.Level, opt.store, found.Damaged, opt.askConsent(cmd, interactive, lines), opt.now())
		opt.diary.warn(cmd, err)
		if k.Message != "" {
			fmt.Fprintln(cmd.ErrOrStderr(), k.Message)
		}
		return k.Saved
	}
	if opt.format == "json" {
		// The JSON carries the stored id and whether it was saved,
		// so it is saved first; the form or the prompts have shown
		// any warning sign's advice already.
		saved := keep()
		if err := writeCheckin(cmd, opt.format, res, eng.Table(), opts, interactive, saved); err != nil {
			return err
		}
	} else {
		if err := writeCheckin(cmd, opt.format, res, eng.Table(), opts, interactive, false); err != nil {
			return err
		}
		keep()
	}
	if opt.person.ExitLevel {
		return levelExit(res.Level())
	}
	return nil
}

// checkinInput gets the check-in: from the answers file, the line prompts
// or the form. lines is the line reader when one was used, so consent can
// be asked on it. A file with errors is refused, but an urgent or
// emergency warning sign in it is assessed and its advice shown first
// (the error is then an urgentError carrying the level).
func (o *rootOptions) checkinInput(cmd *cobra.Command, path, format string, opts checkin.Options) (*checkin.Input, bool, *checkin.Lines, error) {
	if path != "" {
		in, err := checkin.FromFile(path, cmd.InOrStdin(), opts)
		var bad *checkin.InvalidFile
		switch {
		case errors.As(err, &bad):
			return nil, false, nil, urgentFirst(cmd, format, opts, bad.Warnings, withCode(exitInput, err))
		case err != nil:
			return nil, false, nil, withCode(exitInput, err)
		}
		return in, false, nil, nil
	}
	in, out := cmd.InOrStdin(), cmd.OutOrStdout()
	if accessibleMode(cmd, o) {
		l := checkin.NewLines(cmd.Context(), in, out, !isTerminal(in))
		input, err := checkin.RunLines(l, opts)
		return input, true, l, checkinErr(err)
	}
	input, err := checkin.RunForm(cmd.Context(), in, out, opts)
	return input, true, nil, checkinErr(err)
}

// urgentError is a check-in file's error when the warning signs that could
// be read from it reach urgent or emergency level: the advice is shown,
// the level kept for --exit-level.
type urgentError struct {
	level rules.Level
	err   error
}

func (e *urgentError) Error() string { return e.err.Error() }
func (e *urgentError) Unwrap() error { return e.err }

func urgentLevel(err error) rules.Level {
	var u *urgentError
	if errors.As(err, &u) {
		return u.level
	}
	return rules.SelfCare
}

// urgentFirst assesses the warning answers a refused check-in file still
// gives and, at urgent or emergency level, shows what to do before the
// error: a warning sign is never dropped for an unrelated mistake. The
// advice goes to standard output, or to standard error with --format json
// (no JSON is written for a refused file).
func urgentFirst(cmd *cobra.Command, format string, opts checkin.Options, warn answers.Answers, err error) error {
	if len(warn) == 0 {
		return err
	}
	res := checkin.Evaluate(opts.Engine, opts.State, checkin.Input{Answers: warn, Now: opts.Now}, opts.TableVersion)
	if !res.Stopped {
		return err
	}
	w := cmd.OutOrStdout()
	if format == "json" {
		w = cmd.ErrOrStderr()
	}
	fmt.Fprint(w, "\n"+checkin.Stop(res, opts.Emergency))
	fmt.Fprintln(w, "\nThis check-in was not recorded: the file has a mistake, named below. The advice above stands whatever the mistake.")
	return &urgentError{level: res.Assessment.Level, err: err}
}

func checkinErr(err error) error {
	switch {
	case checkin.InputRefused(err):
		// Input refused by the line reader's caps ends as in --accessible.
		return withCode(exitInput, err)
	case errors.Is(err, checkin.ErrStopped):
		return withCode(exitAborted, err)
	}
	return err
}

// checkinJSON is `checkin --format json`: the record as stored, and what
// it means.
type checkinJSON struct {
	Schema    int            `json:"schema"`
	Checkin   *diary.Checkin `json:"checkin"`
	Stopped   bool           `json:"stopped"`
	Elsewhere []string       `json:"elsewhere"`
	// Saved says whether the record is in the diary (its id is then
	// checkin.id).
	Saved bool `json:"saved"`
	// StepsNotInPlan are the steps done that the current plan does not
	// hold (there is none, or it is an older one).
	StepsNotInPlan []string `json:"steps_not_in_plan"`
	// NoPlan is set when there is no self-care plan on record.
	NoPlan bool `json:"no_plan"`
}

// writeCheckin writes the result. stopShown is set for the line prompts
// and the form: they have shown a warning sign's advice on the same output
// already, and it is named, not printed twice.
func writeCheckin(cmd *cobra.Command, format string, res *checkin.Result, t *rules.Table, opts checkin.Options, stopShown, saved bool) error {
	w := cmd.OutOrStdout()
	if format == "json" {
		out := checkinJSON{Schema: 1, Checkin: res.Checkin, Stopped: res.Stopped, Elsewhere: []string{},
			Saved: saved, StepsNotInPlan: append([]string{}, res.NotInPlan...), NoPlan: res.NoPlan}
		for _, c := range res.Elsewhere {
			out.Elsewhere = append(out.Elsewhere, c.ID)
		}
		// C1 and bidi characters escaped, as in every JSON output.
		enc := json.NewEncoder(textwrap.JSONWriter(w))
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	text := checkin.Text
	if stopShown {
		text = checkin.TextAfterStop
	}
	_, err := fmt.Fprint(w, "\n"+text(res, t, opts.Emergency))
	return err
}

// askConsent is how an interactive check-in asks to keep a diary: on its
// own line reader when it has one, else on the terminal; nil (not asked)
// for a file or a script.
func (o *rootOptions) askConsent(cmd *cobra.Command, interactive bool, lines *checkin.Lines) service.Ask {
	switch {
	case interactive && lines != nil:
		return func(words string) bool {
			lines.Println("\n" + consentWords(words))
			ans, _, _ := lines.Ask("Keep a diary? Type y for yes, anything else for no:")
			return strings.EqualFold(ans, "y") || strings.EqualFold(ans, "yes")
		}
	case interactive && isTerminal(cmd.InOrStdin()):
		return o.askConsentOnTerminal(cmd)
	}
	return nil
}
