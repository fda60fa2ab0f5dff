package keyscript

import (
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Charlotte is the nursing mother's case as the terminal and line-mode
// tests answer it: no warning signs at 30, pain between the shoulder
// blades that hurts on a deep breath and on twisting, on waking for under
// a week, a soft or sagging mattress, a baby fed lying on her side.
func Charlotte(tb testing.TB, qn *questionnaire.Questionnaire) answers.Answers {
	tb.Helper()
	return With(tb, qn, NoWarnings(tb, qn, 30),
		"pain_where", "between_shoulder_blades",
		"pain_feel", "hurts_deep_breath,hurts_twist_reach",
		"pain_when", "on_waking",
		"duration", "under_week",
		"mattress_feel", "soft_sagging",
		"baby", "yes",
		"nursing_position", "lying_side",
	)
}

// Emma is the fourteen-year-old athlete's case: no warning signs, pain in
// the middle of the back that hurts on twisting, on waking and easing
// during the day, for under a week, training most days, a pulled muscle.
func Emma(tb testing.TB, qn *questionnaire.Questionnaire) answers.Answers {
	tb.Helper()
	return With(tb, qn, NoWarnings(tb, qn, 14),
		"pain_where", "middle_back",
		"pain_feel", "hurts_twist_reach",
		"pain_when", "on_waking,eases_during_day",
		"duration", "under_week",
		"training", "most_days",
		"strain", "pulled",
	)
}
