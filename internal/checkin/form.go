package checkin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/teaprog"
)

// RunForm is the check-in as a small terminal form (huh): the warning-sign
// questions on their own screens first; at an emergency it stops there, at
// urgent it says what to do today and asks whether to finish the check-in
// for the record; then the pain, the comparison, the plan's checklist and a
// note. Nothing is decided here: Evaluate does that for every front end.
// Esc or ctrl+c stops without recording (ErrStopped); a signal stops it
// with a *teaprog.Stopped error.
func RunForm(ctx context.Context, in io.Reader, out io.Writer, o Options) (*Input, error) {
	f := &form{ctx: ctx, in: in, out: out}
	pre := Prefill(o)
	a := pre.Clone()
	if err := f.warnings(o.Questionnaire, a); err != nil {
		return nil, err
	}
	if res := warningLevel(o, a); res.Stopped {
		goOn, err := f.stopped(res, o)
		if err != nil || !goOn {
			return &Input{Answers: a, Now: o.Now, Prefilled: pre}, err
		}
	}
	note, err := f.followup(o.Questionnaire, a)
	if err != nil {
		return nil, err
	}
	return &Input{Answers: a, Note: note, Now: o.Now, Prefilled: pre}, nil
}

// form runs huh forms on the check-in's terminal.
type form struct {
	ctx context.Context
	in  io.Reader
	out io.Writer
}

// run runs one form as every program of backtriage runs (internal/teaprog),
// not by huh's own Run: that keeps Bubble Tea's signal handler, which can
// deadlock on a signal, and reports a signal's stop as "timeout". Esc or
// ctrl+c is ErrStopped; a signal is a *teaprog.Stopped.
func (f *form) run(groups ...*huh.Group) error {
	hf := huh.NewForm(groups...).WithTheme(huh.ThemeFunc(huh.ThemeCharm))
	// What huh's Run sets before running a form.
	hf.SubmitCmd, hf.CancelCmd = tea.Quit, tea.Interrupt
	_, err := teaprog.Run(f.ctx, formModel{hf}, teaprog.Options{In: f.in, Out: f.out})
	if _, stopped := teaprog.As(f.ctx, err); stopped {
		return teaprog.Say(f.ctx, err, "the check-in was not saved")
	}
	if hf.State == huh.StateAborted || errors.Is(err, tea.ErrInterrupted) {
		return ErrStopped
	}
	if err != nil {
		return fmt.Errorf("check-in form: %w", err)
	}
	return nil
}

// formModel is a huh form as a Bubble Tea v2 model (a form's View is a
// string), reporting focus as huh's own Run does.
type formModel struct{ f *huh.Form }

func (m formModel) Init() tea.Cmd { return m.f.Init() }

func (m formModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.f.Update(msg)
	if f, ok := next.(*huh.Form); ok {
		m.f = f
	}
	return m, cmd
}

func (m formModel) View() tea.View {
	v := tea.NewView(m.f.View())
	v.ReportFocus = true
	return v
}

// warnings asks the warning-sign questions, one a screen, into a.
func (f *form) warnings(qn *questionnaire.Questionnaire, a answers.Answers) error {
	var groups []*huh.Group
	picked := map[string]*[]string{}
	age := ""
	if v, ok := a["age"]; ok && v.Number != nil {
		age = strconv.Itoa(*v.Number)
	}
	// live is the answers so far, for show-if: a follow-up's screen is
	// skipped while its partners do not show it, as in every front end.
	live := func() answers.Answers {
		l := a.Clone()
		for id, sel := range picked {
			l[id] = answers.Value{Options: *sel}
		}
		if n, err := strconv.Atoi(age); err == nil {
			l["age"] = answers.Num(n)
		}
		return l
	}
	for _, q := range qn.Questions() {
		if !q.Warning {
			continue
		}
		var g *huh.Group
		switch q.Kind {
		case questionnaire.Number:
			g = huh.NewGroup(huh.NewInput().Title(q.Prompt).Description("Warning signs first, every time.").
				Value(&age).Validate(func(s string) error { return numberError(q, s) }))
		case questionnaire.Many:
			sel := []string{}
			picked[q.ID] = &sel
			g = huh.NewGroup(huh.NewMultiSelect[string]().Title(q.Prompt).
				Description("Warning signs first, every time. Space or x to choose, enter to go on.").
				Options(options(q)...).Value(&sel).Validate(func(ids []string) error { return manyError(q, ids) }))
		default:
			continue
		}
		if q.ShowIf != nil {
			g = g.WithHideFunc(func() bool { return !answers.Applies(qn, live(), q) })
		}
		groups = append(groups, g)
	}
	if err := f.run(groups...); err != nil {
		return err
	}
	for id, v := range live() {
		if q, ok := qn.Question(id); ok && q.Warning && answers.Applies(qn, live(), q) {
			a[id] = v
		}
	}
	return nil
}

// stopped shows what a warning sign means; at urgent level it asks whether
// to finish the check-in for the record (goOn), at emergency it stops.
func (f *form) stopped(res *Result, o Options) (goOn bool, err error) {
	fmt.Fprintln(f.out, "\n"+Stop(res, o.Emergency))
	if res.Assessment.Level == rules.Emergency {
		fmt.Fprintln(f.out, "The check-in stops here: self-care can wait until you have been checked.")
		return false, nil
	}
	finish := false
	err = f.run(huh.NewGroup(huh.NewConfirm().Title("Finish the check-in for your record?").
		Description("The advice is the warning sign's, above: contact a doctor today.").Value(&finish)))
	return finish && err == nil, err
}

// followup asks the pain, the comparison, the plan's checklist and the
// note, one a screen, into a; it returns the note.
func (f *form) followup(qn *questionnaire.Questionnaire, a answers.Answers) (string, error) {
	pain, compared, note := -1, "", ""
	var steps []string
	pq, _ := qn.Question(questionnaire.PainNow)
	cq, _ := qn.Question(questionnaire.PainCompared)
	fields := []huh.Field{
		huh.NewSelect[int]().Title(pq.Prompt).Options(painOptions()...).Value(&pain),
		huh.NewSelect[string]().Title(cq.Prompt).Options(append([]huh.Option[string]{huh.NewOption("Skip", "")}, options(cq)...)...).Value(&compared),
	}
	if sq, ok := qn.Question(StepsDone); ok {
		fields = append(fields, huh.NewMultiSelect[string]().Title(sq.Prompt).Options(options(sq)...).Value(&steps).
			Validate(func(ids []string) error {
				if len(ids) > 1 && slices.Contains(ids, "none") {
					return errors.New(`"None of them" cannot be combined with steps`)
				}
				return nil
			}))
	}
	// The note is checked as the other front ends check it (CleanNote): one
	// too long is said, with its length, not cut at the limit unseen.
	fields = append(fields, huh.NewText().Title("Anything to note (sleep, what helped, what made it worse)? Optional.").
		CharLimit(2*MaxNote).Value(&note).Validate(validNote))
	// One question a screen, as in the warning signs: a long checklist and
	// eleven pain scores do not fit one screen of a small terminal.
	screens := make([]*huh.Group, len(fields))
	for i, field := range fields {
		screens[i] = huh.NewGroup(field)
	}
	if err := f.run(screens...); err != nil {
		return "", err
	}
	if pain >= 0 {
		a[questionnaire.PainNow] = answers.Num(pain)
	}
	if compared != "" {
		a[questionnaire.PainCompared] = answers.Choice(compared)
	}
	if len(steps) > 0 {
		a[StepsDone] = answers.Value{Options: steps}
	}
	return CleanNote(note)
}

// validNote is the form's check of its note: CleanNote's, in its words.
func validNote(s string) error {
	_, err := CleanNote(s)
	return err
}

// painOptions are the pain scores, 0 to 10 with the ends in words, after
// Skip.
func painOptions() []huh.Option[int] {
	opts := []huh.Option[int]{huh.NewOption("Skip", -1)}
	for n := 0; n <= 10; n++ {
		label := strconv.Itoa(n)
		switch n {
		case 0:
			label += " (no pain)"
		case 10:
			label += " (the worst you can imagine)"
		}
		opts = append(opts, huh.NewOption(label, n))
	}
	return opts
}

func options(q *questionnaire.Question) []huh.Option[string] {
	out := make([]huh.Option[string], 0, len(q.Options))
	for _, opt := range q.Choices() {
		out = append(out, huh.NewOption(opt.Label, opt.ID))
	}
	return out
}

func numberError(q *questionnaire.Question, s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < q.Min || n > q.Max {
		return fmt.Errorf("a whole number from %d to %d", q.Min, q.Max)
	}
	return nil
}

// manyError: a warning question must be answered, and an exclusive option
// ("None of these") stands alone.
func manyError(q *questionnaire.Question, ids []string) error {
	if len(ids) == 0 {
		for _, o := range q.Options {
			if o.Exclusive {
				return fmt.Errorf("please answer: choose %q if none apply", o.Label)
			}
		}
		return errors.New("please answer this question")
	}
	if len(ids) > 1 {
		for _, id := range ids {
			if o, _ := q.Option(id); o.Exclusive {
				return fmt.Errorf("%q cannot be combined with other options", o.Label)
			}
		}
	}
	return nil
}
