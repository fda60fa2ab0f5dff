package triage

import (
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/rules"
)

// Stop is the level at which a questionnaire stops at once to say what to
// do, or SelfCare when it goes on. An emergency stops it for good; an urgent
// sign stops it once (acked is the level already shown and acknowledged),
// after which the person may finish the questions for the summary. Both
// front ends ask it after each warning answer.
func (e *Engine) Stop(a answers.Answers, acked rules.Level) rules.Level {
	l := e.Assess(a).Level
	if l == rules.Emergency || l == rules.Urgent && acked < rules.Urgent {
		return l
	}
	return rules.SelfCare
}
