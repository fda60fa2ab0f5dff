package checkin

import (
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// Options configure an interactive check-in (the line prompts or the form).
type Options struct {
	Engine        *triage.Engine
	State         followup.State
	Questionnaire *questionnaire.Questionnaire // Questionnaire(plan)
	Now           time.Time
	Emergency     emergencynumber.Local
	TableVersion  string
	// Styles are the form's looks for a background (the questionnaire's,
	// from its theme: tui.FieldStyles); plain when nil.
	Styles func(dark bool) *field.Styles
}

// Prefill is what a check-in starts from: the age the assessment was given
// (it is a warning-sign question, and does not change in a week). Every
// other warning sign is asked afresh.
func Prefill(o Options) answers.Answers {
	a := answers.Answers{}
	if o.State.Episode == nil {
		return a
	}
	// Stored answers come back from JSON as float64; fresh ones are ints.
	age := 0
	switch v := o.State.Episode.Answers["age"].(type) {
	case float64:
		age = int(v)
	case int:
		age = v
	}
	if age >= 1 && age <= 120 {
		a["age"] = answers.Num(age)
	}
	return a
}

// warningLevel is the level today's warning answers reach, with the
// episode's other answers.
func warningLevel(o Options, a answers.Answers) *Result {
	return Evaluate(o.Engine, o.State, Input{Answers: a, Now: o.Now}, o.TableVersion)
}

// RunLines asks the check-in line by line, with the fields the form and
// the questionnaire ask with. At the first warning answer that reaches
// emergency level it stops there; at urgent it says what to do today first
// and lets the person finish the check-in for the record (the rest of the
// warning questions, then the others).
func RunLines(l *Lines, o Options) (*Input, error) {
	qn := o.Questionnaire
	pre := Prefill(o)
	a := pre.Clone()
	l.Println("backtriage check-in: warning signs first, every time, then the pain and what you did.")
	l.Println(triage.Disclaimer)
	l.Println(o.Emergency.Annotate("If something feels seriously wrong, call your local emergency number now."))
	l.Println("Type the number of an option and press Enter; several numbers separated by spaces or commas.")
	l.Println("Type ? for why we ask, q to stop without recording. Enter alone skips an optional question.")
	shown := rules.SelfCare
	for _, q := range qn.Questions() {
		if !q.Warning || !answers.Applies(qn, a, q) {
			continue
		}
		if err := l.ask(field.New(q), a); err != nil {
			return nil, err
		}
		res := warningLevel(o, a)
		if !res.Stopped || res.Assessment.Level <= shown {
			continue
		}
		shown = res.Assessment.Level
		if goOn, err := stopLines(l, res, o); err != nil || !goOn {
			return &Input{Answers: a, Now: o.Now, Prefilled: pre}, err
		}
	}
	for _, q := range qn.Questions() {
		if !q.Warning {
			if err := l.ask(field.New(q), a); err != nil {
				return nil, err
			}
		}
	}
	note := newNote(0)
	if err := l.ask(note, a); err != nil {
		return nil, err
	}
	text, err := note.Value()
	if err != nil {
		return nil, err
	}
	return &Input{Answers: a, Note: text, Now: o.Now, Prefilled: pre}, nil
}

// stopLines says what a warning sign means; at urgent level it asks
// whether to finish the check-in for the record (goOn), at emergency it
// stops.
func stopLines(l *Lines, res *Result, o Options) (goOn bool, err error) {
	l.Println("")
	l.Println(strings.TrimRight(Stop(res, o.Emergency), "\n"))
	if res.Assessment.Level == rules.Emergency {
		l.Println("")
		l.Println(StopsHere)
		return false, nil
	}
	line, ok, err := l.Ask("Press Enter to finish the check-in for your record, or type q to stop here:")
	if err != nil || !ok || strings.EqualFold(line, "q") {
		return false, err
	}
	return true, nil
}
