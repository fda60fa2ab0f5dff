package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// CheckIn is one check-in in progress: the diary as it was found, and the
// options every front end asks with. Close it when done.
type CheckIn struct {
	app     *App
	diary   Diary
	found   Checkin
	options checkin.Options
	in      *checkin.Input // the answers, once a front end has them
	// Wrap fits the consent words to the screen before they are asked
	// about; nil leaves them as they are.
	Wrap func(string) string
}

// StartCheckIn opens the diary for a check-in and reads the current
// episode; the diary's faults are shown and the check-in goes on without
// it. styles are the form's looks (the questionnaire's theme).
func (a *App) StartCheckIn(styles func(dark bool) *field.Styles) (*CheckIn, error) {
	eng, err := a.Engine()
	if err != nil {
		return nil, err
	}
	d := a.Diary()
	found, faults := d.OpenForCheckin()
	for _, err := range faults {
		a.Warn(err)
	}
	return &CheckIn{app: a, diary: d, found: found, options: checkin.Options{
		Engine: eng, State: found.State, Questionnaire: checkin.Questionnaire(found.Plan()),
		Now: a.Now(), Emergency: a.Emergency(), TableVersion: a.TableVersion(), Styles: styles,
	}}, nil
}

// Close closes the diary the check-in opened.
func (c *CheckIn) Close() {
	if c.found.Store != nil {
		c.found.Store.Close()
	}
}

// FromFile reads the check-in from an answers file (or stdin for "-"). A
// file with mistakes is refused; when the warning-sign answers it still
// gives reach urgent or emergency level, the error is a *Refused with
// their advice.
func (c *CheckIn) FromFile(path string, stdin io.Reader) error {
	in, err := checkin.FromFile(path, stdin, c.options)
	c.in = in
	var bad *checkin.InvalidFile
	if errors.As(err, &bad) && len(bad.Warnings) > 0 {
		o := c.options
		res := checkin.Evaluate(o.Engine, o.State, checkin.Input{Answers: bad.Warnings, Now: o.Now}, o.TableVersion)
		if res.Stopped {
			advice := "\n" + checkin.Stop(res, o.Emergency) +
				"\nThis check-in was not recorded: the file has a mistake, named below. The advice above stands whatever the mistake.\n"
			return &Refused{Err: err, Level: res.Assessment.Level, Advice: advice}
		}
	}
	return err
}

// Lines asks the check-in line by line (echo repeats each answer, for
// input that is not a terminal); the Ask it returns asks for consent on
// the same lines.
func (c *CheckIn) Lines(ctx context.Context, in io.Reader, out io.Writer, echo bool) (Ask, error) {
	l := checkin.NewLines(ctx, in, out, echo)
	var err error
	c.in, err = checkin.RunLines(l, c.options)
	ask := func(words string) bool {
		l.Println("\n" + c.wrap(words))
		yes, _, _ := field.AskYes(l, dialog(questionnaire.DialogKeepDiary).Prompt)
		return yes
	}
	return ask, err
}

// Form asks the check-in on the terminal, in the questionnaire's look.
func (c *CheckIn) Form(ctx context.Context, in io.Reader, out io.Writer) error {
	var err error
	c.in, err = checkin.RunForm(ctx, in, out, c.options)
	return err
}

func (c *CheckIn) wrap(s string) string {
	if c.Wrap == nil {
		return s
	}
	return c.Wrap(s)
}

// Evaluate is what the check-in's answers mean, by the follow-up rules;
// FromFile, Lines or Form got them first.
func (c *CheckIn) Evaluate() *checkin.Result {
	return checkin.Evaluate(c.options.Engine, c.found.State, *c.in, c.options.TableVersion)
}

// Keep saves the check-in in the diary the person keeps: with explicit
// (--store, consent), or after ask says yes (nil: not asked). It tells
// Notices what happened and reports whether it was saved.
func (c *CheckIn) Keep(res *checkin.Result, explicit bool, ask Ask) bool {
	k, err := c.diary.KeepCheckin(c.found.Store, res.Checkin, res.Assessment.Level, explicit, c.found.Damaged, ask, c.app.Now())
	c.app.Warn(err)
	if k.Message != "" {
		fmt.Fprintln(c.app.Notices, k.Message)
	}
	return k.Saved
}

// checkinJSON is `checkin --format json`: the record as stored, and what
// it means. A public contract (docs/contracts.md).
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

// WriteJSON writes the check-in's record as stored, and what it means;
// saved says whether it is in the diary.
func (c *CheckIn) WriteJSON(w io.Writer, res *checkin.Result, saved bool) error {
	out := checkinJSON{Schema: 1, Checkin: res.Checkin, Stopped: res.Stopped, Elsewhere: []string{},
		Saved: saved, StepsNotInPlan: append([]string{}, res.NotInPlan...), NoPlan: res.NoPlan}
	for _, e := range res.Elsewhere {
		out.Elsewhere = append(out.Elsewhere, e.ID)
	}
	// C1 and bidi characters escaped, as in every JSON output.
	enc := json.NewEncoder(textwrap.JSONWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteText writes what the check-in means for people. stopShown is set
// when the front end has shown a warning sign's advice on the same output
// already: it is named, not printed twice.
func (c *CheckIn) WriteText(w io.Writer, res *checkin.Result, stopShown bool) error {
	text := checkin.Text
	if stopShown {
		text = checkin.TextAfterStop
	}
	_, err := fmt.Fprint(w, "\n"+text(res, c.options.Engine.Table(), c.options.Emergency))
	return err
}

// CheckInStopped reports whether err is the person stopping a check-in (nothing
// recorded).
func CheckInStopped(err error) bool { return errors.Is(err, checkin.ErrStopped) }

// InputRefused reports whether err is input refused by the line readers'
// caps (a line too long, too much input), in any front end.
func InputRefused(err error) bool {
	return checkin.InputRefused(err) || errors.Is(err, input.ErrRefused)
}

// dialog is one of the program's own questions, in the words of
// rules/questions.yaml.
func dialog(id questionnaire.DialogID) questionnaire.Dialog { return questionnaire.Dialogs().Get(id) }

// KeepDiaryPrompt asks, on a line, whether to keep a diary.
func KeepDiaryPrompt() string { return field.YesNoPrompt(dialog(questionnaire.DialogKeepDiary).Prompt) }

// ForgetPrompt asks, on a line, whether to delete the whole diary at path.
func ForgetPrompt(path string) string {
	return field.YesNoPrompt(dialog(questionnaire.DialogForgetDiary).With(textwrap.Quote(path)).Prompt)
}

// Yes reads a line's answer to a yes/no question: y or yes, in any case.
func Yes(line string) bool { return field.IsYes(line) }
