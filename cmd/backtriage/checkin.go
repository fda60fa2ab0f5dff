package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/rules"
)

func newCheckinCmd(o *rootOptions) *cobra.Command {
	var (
		answersPath, format string
		store               bool
		person              personFlags
	)
	cmd := &cobra.Command{
		Use:   "checkin",
		Short: "Check in: warning signs, pain today, what you did, and what it means",
		Long: "The daily check-in, about thirty seconds: the warning-sign questions first, every time (the same " +
			"levels as the assessment; an urgent or emergency answer stops it), then the pain now (0 to 10) and " +
			"compared with last time, which steps of your plan you did, and a note. Then what it means, from the " +
			"follow-up rules in rules/followup.yaml. Saved in your diary when you have agreed to one.\n\n" +
			"With --answers FILE (or - for standard input) it runs from an answers file: the warning questions' " +
			"ids (see 'backtriage questions'), pain_now (0-10), pain_compared (better, same, worse), " +
			"steps_done (step ids from your plan, or none) and note (text).",
		Example: "  backtriage checkin\n" +
			"  backtriage checkin --accessible\n" +
			"  backtriage checkin --answers today.yaml --format json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", format, textOrJSON); err != nil {
				return err
			}
			here, err := person.emergency()
			if err != nil {
				return err
			}
			eng, err := o.engine()
			if err != nil {
				return err
			}
			s, err := o.diary.open()
			warnDiary(cmd, err) // the check-in goes on without the diary
			if s != nil {
				defer s.Close()
			}
			st := followup.State{}
			if s != nil {
				if rec, err := s.Load(); err != nil {
					warnDiary(cmd, err)
				} else {
					st = followup.Current(rec)
				}
			}
			var plan []diary.Step
			if st.Episode != nil {
				plan = st.Episode.Plan
			}
			opts := checkin.Options{Engine: eng, State: st, Questionnaire: checkin.Questionnaire(plan),
				Now: o.now(), Emergency: here, TableVersion: o.tableVersion()}

			in, interactive, lines, err := o.checkinInput(cmd, answersPath, opts)
			if err != nil {
				return err
			}
			res := checkin.Evaluate(eng, st, *in, opts.TableVersion)
			if err := writeCheckin(cmd, format, res, eng.Table(), opts); err != nil {
				return err
			}
			s = o.storeCheckin(cmd, s, res, store, interactive, lines)
			if s != nil {
				defer s.Close()
			}
			if person.ExitLevel {
				return levelExit(followup.Level(res.Assessment.Level, res.Fired))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&answersPath, "answers", "", "Check in from an answers FILE (YAML or JSON), or - for standard input")
	addChoiceFlag(cmd, &format, "format", "text", "The output's format (json: the check-in record as stored)", textOrJSON)
	fl.BoolVar(&store, "store", false, "Save the check-in in your diary; in scripts this is your consent to keep one")
	fl.BoolVar(&o.Accessible, "accessible", false, "Ask line by line, for screen readers (automatic when not on a terminal)")
	person.add(cmd)
	o.addTableFlag(fl)
	o.addClockFlags(fl)
	o.diary.addStore(fl)
	return cmd
}

// checkinInput gets the check-in: from the answers file, the line prompts
// or the form. lines is the line reader when one was used, so consent can
// be asked on it.
func (o *rootOptions) checkinInput(cmd *cobra.Command, path string, opts checkin.Options) (*checkin.Input, bool, *checkin.Lines, error) {
	qn := opts.Questionnaire
	if path != "" {
		a, note, err := checkin.ReadFile(path, cmd.InOrStdin(), qn)
		if err != nil {
			return nil, false, nil, withCode(exitInput, err)
		}
		// Age may come from the assessment; every other warning sign must
		// be answered again, every time.
		for k, v := range checkin.Prefill(opts) {
			if !a.Answered(k) {
				a[k] = v
			}
		}
		if miss := checkin.Missing(qn, a); len(miss) > 0 {
			ids := make([]string, len(miss))
			for i, q := range miss {
				ids[i] = q.ID
			}
			return nil, false, nil, withCode(exitInput, fmt.Errorf("%s: the warning-sign questions come first, every time; not answered: %s (answer none where none of the options apply; see 'backtriage questions')", path, strings.Join(ids, ", ")))
		}
		return &checkin.Input{Answers: a, Note: note, Now: opts.Now}, false, nil, nil
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

func checkinErr(err error) error {
	switch {
	case errors.Is(err, checkin.ErrInputEnded):
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
}

func writeCheckin(cmd *cobra.Command, format string, res *checkin.Result, t *rules.Table, opts checkin.Options) error {
	w := cmd.OutOrStdout()
	if format == "json" {
		out := checkinJSON{Schema: 1, Checkin: res.Checkin, Stopped: res.Stopped, Elsewhere: []string{}}
		for _, c := range res.Elsewhere {
			out.Elsewhere = append(out.Elsewhere, c.ID)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	_, err := fmt.Fprint(w, "\n"+checkin.Text(res, t, opts.Emergency))
	return err
}

// storeCheckin saves the check-in: in the diary the person agreed to; with
// --store (consent); or, in an interactive check-in without a diary, after
// asking. It says what happened on stderr and never fails the check-in.
func (o *rootOptions) storeCheckin(cmd *cobra.Command, s *diary.Store, res *checkin.Result, explicit, interactive bool, lines *checkin.Lines) *diary.Store {
	errw := cmd.ErrOrStderr()
	if off, by := o.diary.off(); off {
		fmt.Fprintf(errw, "Not saved: storing is off (%s).\n", by)
		return nil
	}
	var err error
	opened := s == nil
	if s == nil {
		switch {
		case explicit:
			s, err = o.diary.consent("--store on the command line", o.now())
		case interactive && lines != nil:
			lines.Println("\n" + o.diary.consentWords())
			if ans, _, _ := lines.Ask("Keep a diary? Type y for yes, anything else for no:"); strings.EqualFold(ans, "y") || strings.EqualFold(ans, "yes") {
				s, err = o.diary.consent("asked", o.now())
			}
		case interactive && isTerminal(cmd.InOrStdin()):
			fmt.Fprintln(errw, "\n"+o.diary.consentWords())
			if askYes(cmd.InOrStdin(), errw, "Keep a diary? Type y for yes, anything else for no:") {
				s, err = o.diary.consent("asked", o.now())
			}
		}
		if err != nil {
			warnDiary(cmd, err)
			return nil
		}
		if s == nil {
			fmt.Fprintln(errw, "Not saved: there is no diary yet. Start one with 'backtriage diary start' (it says what is kept), or add --store.")
			return nil
		}
	}
	if _, err := s.AddCheckin(res.Checkin); err != nil {
		warnDiary(cmd, err)
	} else {
		fmt.Fprintf(errw, "Saved to your diary in %s. See how it goes with: backtriage history\n", s.Path())
	}
	if opened {
		return s
	}
	return nil
}
