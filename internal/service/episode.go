package service

import (
	"fmt"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// Episode is a finished assessment to keep in the diary.
type Episode struct {
	Assessment    *triage.Assessment
	Questionnaire *questionnaire.Questionnaire
	// Source names the front end ("tui", "accessible", "assess").
	Source string
	At     time.Time
	// New records a new episode even when the latest holds the same
	// answers: with --store the person says the pain is back.
	New bool
	// Revise is an episode this run stored before (0 for none): a later
	// result of the same run revises it, so a morning is never two
	// assessments.
	Revise int64
}

// Kept is what keeping an episode did.
type Kept struct {
	ID int64
	// Stored says whether it was stored or revised now; false when the
	// latest episode holds the same answers (the same episode seen again).
	Stored bool
	Path   string
	// CheckIn says whether a daily check-in is suggested: never beside
	// advice to get help.
	CheckIn bool
}

// KeepEpisode stores ep in the diary s, unless the latest episode holds
// the same answers (diary.SaveNewEpisode: storing it twice would restart
// the week the follow-up rules count).
func (d Diary) KeepEpisode(s *diary.Store, ep Episode) (Kept, error) {
	k := Kept{Path: s.Path(), CheckIn: triage.PolicyFor(ep.Assessment).SuggestCheckin}
	version := d.tableVersion()
	var err error
	switch {
	case ep.Revise != 0:
		k.ID, k.Stored = ep.Revise, true
		err = s.ReviseEpisode(ep.Revise, diary.EpisodeOf(ep.Assessment, ep.Questionnaire, version, ep.Source, ep.At))
	case ep.New:
		k.ID, err = diary.SaveEpisode(s, ep.Assessment, ep.Questionnaire, version, ep.Source, ep.At)
		k.Stored = err == nil
	default:
		k.ID, k.Stored, err = diary.SaveNewEpisode(s, ep.Assessment, ep.Questionnaire, version, ep.Source, ep.At)
	}
	if err != nil {
		return Kept{}, err
	}
	return k, nil
}

// Message is what the person is told about the episode kept, and what to
// do next.
func (k Kept) Message() string {
	switch {
	case !k.Stored && !k.CheckIn:
		return fmt.Sprintf("Already in your diary (assessment %d) in %s.", k.ID, textwrap.Quote(k.Path))
	case !k.Stored:
		return fmt.Sprintf("Already in your diary (assessment %d: the same answers) in %s. If the pain has come back, record it as a new episode with: backtriage assess --answers FILE --store", k.ID, textwrap.Quote(k.Path))
	case !k.CheckIn:
		// Recorded, but no daily routine suggested over advice to get help.
		return fmt.Sprintf("Saved to your diary (assessment %d) in %s.", k.ID, textwrap.Quote(k.Path))
	}
	return fmt.Sprintf("Saved to your diary (assessment %d) in %s. Check in each day with: backtriage checkin", k.ID, textwrap.Quote(k.Path))
}

// Recurring is what the follow-up rules make of an episode coming soon
// after the last one: the cause is likely elsewhere, and which causes
// those are.
type Recurring struct {
	Rule      *rules.FollowupRule
	Elsewhere []*rules.Cause
}

// RecurringAfter reads, after an episode was kept, whether it recurs soon
// after the last one. Below urgent level only: a warning sign is the
// advice otherwise.
func RecurringAfter(s *diary.Store, t *rules.Table, as *triage.Assessment) ([]Recurring, error) {
	if triage.PolicyFor(as).Stop {
		return nil, nil
	}
	rec, err := s.Recent(false)
	if err != nil {
		return nil, err
	}
	st := followup.Current(rec)
	if st.Previous == nil {
		return nil, nil
	}
	var out []Recurring
	for _, r := range t.FollowupFired(followup.Facts(st, nil, "", st.Episode.At)) {
		if r.Outcome == "elsewhere" {
			out = append(out, Recurring{Rule: r, Elsewhere: followup.Elsewhere(t, st.Episode, 3)})
		}
	}
	return out, nil
}

// TrendLine is the diary's trend for the current episode, for summaries:
// "" when there is none (no check-ins).
func TrendLine(rec *diary.Record, t *rules.Table) string {
	st := followup.Current(rec)
	tr := followup.TrendOf(st)
	if tr == nil || st.Episode == nil {
		return ""
	}
	since := "Since your assessment on "
	if !tr.FromAssessment {
		since = "Since your first check-in with a pain score, on "
	}
	return since + tr.Since.Format("2006-01-02") + ": " + tr.Line(StepName(t)) + "."
}

// StepName turns a step id into its title.
func StepName(t *rules.Table) func(string) string {
	return func(id string) string {
		if s := t.Step(id); s != nil {
			return s.Title
		}
		return id
	}
}
