package questionnaire

import "sync"

// Follow-up question ids: what a check-in asks after the warning signs, and
// what the diary works out from earlier records. The follow-up rules
// (rules/followup.yaml) are conditions over these, compiled against
// Followup(). Like every question id they are a contract: add, never rename.
const (
	PainNow              = "pain_now"
	PainCompared         = "pain_compared"
	DaysSinceStart       = "days_since_start"
	PainChange           = "pain_change"
	Checkins             = "checkins"
	DaysSinceLastEpisode = "days_since_last_episode"
	LastEpisodePain      = "last_episode_pain"
	SaysRecurring        = "says_recurring"
)

// CheckinPage and DiaryPage are the pages of Followup: the first is asked,
// the second is filled in from the diary and never asked.
const (
	CheckinPage = "checkin"
	DiaryPage   = "diary"
)

var (
	followupOnce sync.Once
	followup     *Questionnaire
)

// Followup is the questionnaire the follow-up rules read. It is built once;
// share it freely.
func Followup() *Questionnaire {
	followupOnce.Do(func() {
		qn, err := New([]*Page{
			{
				ID: CheckinPage, Title: "How it is going",
				Intro: "Two questions about the pain, then what you did from your plan.",
				Questions: []*Question{
					{
						ID: PainNow, Kind: Number, Min: 0, Max: 10,
						Prompt: "How bad is the pain right now, from 0 (no pain) to 10 (the worst you can imagine)?",
						Short:  "Pain now",
						Why:    "The same scale each day shows whether self-care is working.",
					},
					{
						ID: PainCompared, Kind: One,
						Prompt: "Compared with last time (your last check-in, or the assessment if this is your first), is it:",
						Short:  "Compared with last time",
						Why:    "Getting better, staying the same and getting worse each call for something different.",
						Options: []Option{
							{ID: "better", Label: "Better"},
							{ID: "same", Label: "About the same"},
							{ID: "worse", Label: "Worse"},
						},
					},
				},
			},
			{
				ID: DiaryPage, Title: "From your diary",
				Intro: "Worked out from earlier records; never asked.",
				Questions: []*Question{
					{
						ID: DaysSinceStart, Kind: Number, Min: 0, Max: 36500, Unit: "days",
						Prompt: "Days since the assessment that began this episode.",
						Short:  "Days since the assessment",
						Why:    "Most back pain starts to fade in about 2 weeks and settles within 6 (CHCP MSK); the NHS says get help if it does not start to improve within a few weeks.",
					},
					{
						ID: PainChange, Kind: Number, Min: -10, Max: 10, Unit: "points",
						Prompt: "Pain now minus the baseline: the assessment's pain score (pain_severity) when it was asked, else the first check-in's of this episode (then only from the second check-in on).",
						Short:  "Change in pain since the baseline",
						Why:    "Below zero is better; zero or above is no better.",
					},
					{
						ID: Checkins, Kind: Number, Min: 1, Max: 100000,
						Prompt: "Check-ins in this episode, this one included.",
						Short:  "Check-ins so far",
						Why:    "Some advice needs more than one check-in to go on.",
					},
					{
						ID: DaysSinceLastEpisode, Kind: Number, Min: 0, Max: 36500, Unit: "days",
						Prompt: "Days between the start of this episode and the last record of the episode before it (only when there was one).",
						Short:  "Days since the last episode",
						Why:    "Pain that keeps coming back can mean the cause is elsewhere.",
					},
					{
						ID: LastEpisodePain, Kind: Number, Min: 0, Max: 10,
						Prompt: "The last pain score recorded in the episode before this one (only when it had a check-in).",
						Short:  "Last pain score of the episode before",
						Why:    "A low score there means the pain had settled before it came back; a new assessment soon after a bad day is not a recurrence.",
					},
					{
						ID: SaysRecurring, Kind: YesNo,
						Prompt: "This episode's answer to \"Does this pain keep coming back?\".",
						Short:  "Says the pain keeps coming back",
						Why:    "The person's own account of recurrence.",
					},
				},
			},
		})
		if err != nil {
			panic("questionnaire: follow-up questions: " + err.Error())
		}
		followup = qn
	})
	return followup
}
