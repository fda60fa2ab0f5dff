package checkin

import (
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/words"
)

// Options configure an interactive check-in (the line prompts or the form).
type Options struct {
	Engine        *triage.Engine
	State         followup.State
	Questionnaire *questionnaire.Questionnaire // Questionnaire(plan)
	Now           time.Time
	Emergency     emergencynumber.Local
	TableVersion  string
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

// RunLines asks the check-in line by line. At an emergency it stops after
// the warning signs; at urgent it says what to do today first and lets the
// person finish the check-in for the record.
func RunLines(l *Lines, o Options) (*Input, error) {
	qn := o.Questionnaire
	pre := Prefill(o)
	a := pre.Clone()
	l.Println("backtriage check-in: warning signs first, every time, then the pain and what you did.")
	l.Println(triage.Disclaimer)
	l.Println(o.Emergency.Annotate("If something feels seriously wrong, call your local emergency number now."))
	l.Println("Type the number of an option and press Enter; several numbers separated by spaces or commas.")
	l.Println("Type ? for why we ask, q to stop without recording. Enter alone skips an optional question.")
	for _, q := range qn.Questions() {
		if q.Warning && answers.Applies(qn, a, q) {
			if err := l.question(q, a, true); err != nil {
				return nil, err
			}
		}
	}
	if res := warningLevel(o, a); res.Stopped {
		l.Println("")
		l.Println(strings.TrimRight(Stop(res, o.Emergency), "\n"))
		if res.Assessment.Level == rules.Emergency {
			l.Println("")
			l.Println("The check-in stops here: self-care can wait until you have been checked.")
			return &Input{Answers: a, Now: o.Now, Prefilled: pre}, nil
		}
		line, ok, err := l.Ask("Press Enter to finish the check-in for your record, or type q to stop here:")
		if err != nil {
			return nil, err
		}
		if !ok || strings.EqualFold(line, "q") {
			return &Input{Answers: a, Now: o.Now, Prefilled: pre}, nil
		}
	}
	for _, q := range qn.Questions() {
		if !q.Warning {
			if err := l.question(q, a, false); err != nil {
				return nil, err
			}
		}
	}
	l.Println("")
	note, err := askNote(l)
	if err != nil {
		return nil, err
	}
	return &Input{Answers: a, Note: note, Now: o.Now, Prefilled: pre}, nil
}

// askNote asks for the note until it fits: one too long is said, with its
// length, and asked again; it is never cut.
func askNote(l *Lines) (string, error) {
	for {
		line, _, err := l.Ask("Anything to note (sleep, what helped, what made it worse)? Type it, or press Enter for nothing:")
		if err != nil {
			return "", err
		}
		note, err := CleanNote(line)
		if err == nil {
			return note, nil
		}
		l.Println(words.Capitalize(err.Error()) + ". Type a shorter one, or press Enter for nothing.")
	}
}
