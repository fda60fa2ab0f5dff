package triage

import (
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/words"
)

// Policy is what every front end may show or offer beside an assessment:
// the one place that decides it, so that the terminal, the line prompts,
// the check-in, the history and every export agree. It follows the level
// and whether causes and self-care are held.
type Policy struct {
	// Stop: the level stops the questions to say what to do (urgent once,
	// emergency for good).
	Stop bool
	// ShowCauses and ShowPlan: causes and the self-care plan are shown (not
	// held: see Assessment.Held).
	ShowCauses, ShowPlan bool
	// WhileYouWait: causes and self-care are for the hours until the person
	// is seen, and say so ("While you wait to be seen").
	WhileYouWait bool
	// OfferDiary, SuggestCheckin and OfferRoutines: a diary, a daily
	// check-in or a guided routine is offered. Never beside advice to get
	// help today or now; a diary already kept still records.
	OfferDiary, SuggestCheckin, OfferRoutines bool
	// ShowTrend: the diary's trend and history are shown; at emergency level
	// the summary is for the emergency team and holds no such history.
	ShowTrend bool
	// KeepAdviceOnExit: the advice to get help is printed on the normal
	// screen when the program ends, so it is not lost with the screen.
	KeepAdviceOnExit bool
	// LesserSignsForTheTeam: at emergency level a lesser warning sign's own
	// "book a doctor" advice would read like a reason to wait; it says to
	// tell the emergency team instead.
	LesserSignsForTheTeam bool
	// Numbers: the emergency numbers are listed with the advice.
	Numbers bool
}

// PolicyFor is the policy for an assessment.
func PolicyFor(as *Assessment) Policy {
	p := PolicyAt(as.Level)
	p.ShowCauses = as.Held == ""
	p.ShowPlan = as.Held == ""
	p.OfferRoutines = p.OfferRoutines && len(as.Plan) > 0
	return p
}

// PolicyAt is the policy for a level alone (a check-in, a history record),
// where nothing is held below urgent.
func PolicyAt(l rules.Level) Policy {
	return Policy{
		Stop:                  l >= rules.Urgent,
		ShowCauses:            l < rules.Emergency,
		ShowPlan:              l < rules.Emergency,
		WhileYouWait:          l == rules.Urgent,
		OfferDiary:            l < rules.Urgent,
		SuggestCheckin:        l < rules.Urgent,
		OfferRoutines:         l < rules.Emergency,
		ShowTrend:             l < rules.Emergency,
		KeepAdviceOnExit:      l >= rules.Urgent,
		LesserSignsForTheTeam: l == rules.Emergency,
		Numbers:               l == rules.Emergency,
	}
}

// Heading is a heading of causes or self-care as the policy frames it: at
// urgent level they are for the hours until the person is seen, and say so.
func (p Policy) Heading(h string) string {
	if p.WhileYouWait {
		return "While you wait to be seen: " + words.LowerFirst(h)
	}
	return h
}
