package questionnaire

// Follow-up fact ids: what a check-in asks after the warning signs, and
// what the diary works out from earlier records (internal/followup fills
// them in). Their questions are in rules/questions.yaml, followup_facts; the
// follow-up rules (rules/followup.yaml) are conditions over them, compiled
// against Followup(). Like every question id they are a contract: add, never
// rename.
const (
	PainNow        = "pain_now"
	PainCompared   = "pain_compared"
	DaysSinceStart = "days_since_start"
	PainChange     = "pain_change"
	// PainChangeSinceLast is today's score minus the last scored check-in's
	// of this episode: a jump the baseline cannot show (7, 2, then 7).
	PainChangeSinceLast  = "pain_change_since_last"
	Checkins             = "checkins"
	DaysSinceLastEpisode = "days_since_last_episode"
	LastEpisodePain      = "last_episode_pain"
	SaysRecurring        = "says_recurring"
	// StepsDone is the check-in's checklist: which steps of the plan were
	// done. Its options are the plan's steps, then its own ("none of
	// them"); it is asked only when there is a plan.
	StepsDone = "steps_done"
	// Note is the check-in's free-text note, kept for the record and read
	// by no rule.
	Note = "note"
	// Finish asks, after an urgent warning sign in a check-in, whether to
	// go on for the record; no rule reads it.
	Finish = "finish"
)

// CheckinPage, StoppedPage and DiaryPage are the pages of Followup: the
// first is asked, the second only after an urgent warning sign in a
// check-in, the third is filled in from the diary and never asked.
const (
	CheckinPage = "checkin"
	StoppedPage = "stopped"
	DiaryPage   = "diary"
)
