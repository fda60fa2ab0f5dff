package rules

import (
	"slices"

	"github.com/backtriage/backtriage/internal/input"
)

// StepTime is when in the day a self-care step is done, so a plan can be
// read as what to do tonight, during the day and this week.
type StepTime struct {
	ID      string // the step's when: value
	Heading string // the plan's group heading
}

// stepTimes are the values of a step's when:, in the order a plan shows
// them.
var stepTimes = []StepTime{
	{"tonight", "Tonight"},
	{"day", "During the day"},
	{"week", "This week"},
}

// StepTimes lists the times of day, in plan order.
func StepTimes() []StepTime { return slices.Clone(stepTimes) }

// TimeOf is the step's time of day; a step without one is for the day.
func (s *Step) TimeOf() StepTime {
	for _, t := range stepTimes {
		if t.ID == s.When {
			return t
		}
	}
	return stepTimes[1]
}

// checkStepWhen refuses a when: that is not a time of day.
func checkStepWhen(s *Step, owner string, errs *input.List) {
	if s.When == "" {
		return
	}
	ids := make([]string, len(stepTimes))
	for i, t := range stepTimes {
		ids[i] = t.ID
	}
	if !slices.Contains(ids, s.When) {
		errs.Add(s.Pos.File, s.Pos.Line, s.Pos.Col, "%s: when %q is not a time of day; %s", owner, s.When, input.OneOf(s.When, ids))
	}
}
