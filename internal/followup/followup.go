// Package followup works out what the diary says: the facts the follow-up
// rules read (days since the assessment, the change in pain, whether the
// pain came back soon after the last episode), the rules that fire, the
// causes likely to be elsewhere when pain recurs, and the trend shown in
// summaries and history. It is pure: the clock is passed in.
package followup

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/words"
)

// State is the part of the diary a check-in is about: the current episode
// (the latest assessment), the one before it, and the current episode's
// check-ins and routines, oldest first.
type State struct {
	Episode  *diary.Episode
	Previous *diary.Episode
	Checkins []*diary.Checkin
	Routines []*diary.Routine
	// PreviousLast is when the previous episode was last recorded (its
	// assessment or its last check-in or routine).
	PreviousLast time.Time
	// PreviousPain is the last pain score of the previous episode, if any.
	PreviousPain *int
}

// Current finds the current episode in a diary record.
func Current(r *diary.Record) State {
	var st State
	n := len(r.Episodes)
	if n == 0 {
		// Check-ins without an assessment still make a (short) history.
		for _, c := range r.Checkins {
			if c.EpisodeID == 0 {
				st.Checkins = append(st.Checkins, c)
			}
		}
		return st
	}
	st.Episode = r.Episodes[n-1]
	for _, c := range r.Checkins {
		if c.EpisodeID == st.Episode.ID {
			st.Checkins = append(st.Checkins, c)
		}
	}
	for _, rt := range r.Routines {
		if rt.EpisodeID == st.Episode.ID {
			st.Routines = append(st.Routines, rt)
		}
	}
	if n > 1 {
		st.Previous = r.Episodes[n-2]
		st.PreviousLast = st.Previous.At
		for _, c := range r.Checkins {
			if c.EpisodeID != st.Previous.ID {
				continue
			}
			if c.At.After(st.PreviousLast) {
				st.PreviousLast = c.At
			}
			if c.Pain != nil {
				st.PreviousPain = c.Pain // check-ins are oldest first: the last wins
			}
		}
		for _, rt := range r.Routines {
			if rt.EpisodeID == st.Previous.ID && rt.At.After(st.PreviousLast) {
				st.PreviousLast = rt.At
			}
		}
	}
	return st
}

// Days counts calendar days from a to b, by the dates where b was recorded:
// a check-in the morning after an evening assessment is one day later.
func Days(a, b time.Time) int {
	a = a.In(b.Location())
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// Facts are the answers to questionnaire.Followup for a check-in at now
// with the pain score and comparison given (pain nil or compared "" when
// not given). Facts the diary cannot know are left unanswered.
func Facts(st State, pain *int, compared string, now time.Time) answers.Answers {
	a := answers.Answers{}
	if pain != nil {
		a[questionnaire.PainNow] = answers.Num(*pain)
	}
	if compared != "" {
		a[questionnaire.PainCompared] = answers.Choice(compared)
	}
	a[questionnaire.Checkins] = answers.Num(len(st.Checkins) + 1)
	if st.Episode != nil {
		a[questionnaire.DaysSinceStart] = answers.Num(max(Days(st.Episode.At, now), 0))
	}
	if base := Baseline(st); base != nil && pain != nil {
		a[questionnaire.PainChange] = answers.Num(*pain - *base)
	}
	if last := lastPain(st.Checkins); last != nil && pain != nil {
		a[questionnaire.PainChangeSinceLast] = answers.Num(*pain - *last)
	}
	if st.Previous != nil && st.Episode != nil {
		a[questionnaire.DaysSinceLastEpisode] = answers.Num(max(Days(st.PreviousLast, st.Episode.At), 0))
		if st.PreviousPain != nil {
			a[questionnaire.LastEpisodePain] = answers.Num(*st.PreviousPain)
		}
	}
	if st.Episode != nil {
		if yes, ok := st.Episode.Answers["recurring"].(bool); ok {
			a[questionnaire.SaysRecurring] = answers.Bool(yes)
		}
	}
	return a
}

// PainSeverity is the assessment's question "How bad is the pain at its
// worst today" (0 to 10): the check-ins' baseline when it was answered.
const PainSeverity = "pain_severity"

// Baseline is the score a check-in's pain is compared with (pain_change):
// the pain the assessment recorded (pain_severity) when it was asked,
// else the episode's first check-in with a score, else nil. With the
// assessment's score a rise from 5 to 8 counts as worse at the first
// check-in, not only from the second.
func Baseline(st State) *int {
	if st.Episode != nil {
		if n, ok := number(st.Episode.Answers[PainSeverity]); ok {
			return &n
		}
	}
	return firstPain(st.Checkins)
}

// number reads a whole number from stored answers: float64 when read back
// from the diary's JSON, int when made in memory.
func number(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case float64:
		if n == float64(int(n)) {
			return int(n), true
		}
	}
	return 0, false
}

// lastPain is the latest scored check-in's pain, or nil.
func lastPain(cs []*diary.Checkin) *int {
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].Pain != nil {
			return cs[i].Pain
		}
	}
	return nil
}

func firstPain(cs []*diary.Checkin) *int {
	for _, c := range cs {
		if c.Pain != nil {
			return c.Pain
		}
	}
	return nil
}

// Advice is what the fired follow-up rules say, most serious first, as the
// diary stores it.
func Advice(fired []*rules.FollowupRule) []diary.Advice {
	out := make([]diary.Advice, 0, len(fired))
	for _, r := range fired {
		out = append(out, diary.Advice{Rule: r.ID, Outcome: r.Outcome, Title: r.Title, Text: r.Advice})
	}
	return out
}

// Level is a check-in's level: the highest of its warning signs' (warn)
// and its fired follow-up rules'. "No better after a week: book an
// appointment" is level soon even when no warning sign is.
func Level(warn rules.Level, fired []*rules.FollowupRule) rules.Level {
	l := warn
	for _, r := range fired {
		l = max(l, r.LevelOf())
	}
	return l
}

// AdviceLevel is the level of stored advice, read from the table's rules
// by id (a rule no longer in the table counts as self-care): history uses
// it for check-ins recorded before follow-up rules had levels.
func AdviceLevel(t *rules.Table, advice []diary.Advice) rules.Level {
	l := rules.SelfCare
	for _, a := range advice {
		if r := t.FollowupRule(a.Rule); r != nil {
			l = max(l, r.LevelOf())
		} else if rl, ok := retired[a.Rule]; ok {
			l = max(l, rl)
		}
	}
	return l
}

// retired are follow-up rules taken out of the built-in table, with the
// level their advice had: a diary keeps what it was told, and a check-in
// stored before follow-up rules had levels still counts its advice.
// no-better-after-a-week rested on one reader's reply; guidance's two
// weeks (no-better-after-two-weeks) replaced it.
var retired = map[string]rules.Level{
	"no-better-after-a-week": rules.Soon,
}

// Elsewhere ranks the muscle causes whose muscles sit away from where the
// episode's pain is but send pain there: when pain keeps coming back,
// Kathryn Merrow says it can be "a sign that there are muscles elsewhere
// pulling on that area". Only the causes the "elsewhere" follow-up rules
// list are ranked (muscle causes that name their muscles, not habits such
// as a pillow), so the list shown as muscles holds muscles. A cause ranks
// by how many of the painful regions its muscles reach from elsewhere, then
// by how the episode ranked it, then by id. At most limit are returned.
func Elsewhere(t *rules.Table, ep *diary.Episode, limit int) []*rules.Cause {
	if ep == nil {
		return nil
	}
	where := painRegions(ep.Answers)
	if len(where) == 0 {
		return nil
	}
	rank := map[string]int{}
	for i, c := range ep.Causes {
		rank[c.ID] = i + 1
	}
	type scored struct {
		c     *rules.Cause
		reach int
	}
	allowed := map[string]bool{}
	for _, r := range t.Followup {
		if r.Outcome == "elsewhere" {
			for _, id := range r.Causes {
				allowed[id] = true
			}
		}
	}
	var list []scored
	for _, c := range t.Causes {
		if c.Kind != "muscle" || !allowed[c.ID] {
			continue
		}
		reach := 0
		for _, region := range where {
			for _, m := range c.Muscles {
				if slices.Contains(m.Refers, region) && !slices.Contains(m.Sits, region) {
					reach++
					break
				}
			}
		}
		if reach > 0 {
			list = append(list, scored{c, reach})
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.reach != b.reach {
			return a.reach > b.reach
		}
		ra, rb := rank[a.c.ID], rank[b.c.ID]
		if (ra == 0) != (rb == 0) {
			return ra != 0
		}
		if ra != rb {
			return ra < rb
		}
		return a.c.ID < b.c.ID
	})
	out := make([]*rules.Cause, 0, min(limit, len(list)))
	for _, s := range list[:min(limit, len(list))] {
		out = append(out, s.c)
	}
	return out
}

// painRegions reads pain_where from stored answers: its option ids are the
// picture's region ids.
func painRegions(a map[string]any) []string {
	var out []string
	switch v := a["pain_where"].(type) {
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok && rules.IsRegion(s) {
				out = append(out, s)
			}
		}
	case []string:
		for _, s := range v {
			if rules.IsRegion(s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Trend is how the pain went over an episode's check-ins.
type Trend struct {
	From, To int // first and latest pain scores
	// Since is when From was scored: the assessment when it asked the
	// pain's score (FromAssessment), else the first scored check-in.
	Since          time.Time
	FromAssessment bool
	Days           int // calendar days from Since to the latest check-in, both counted
	Recorded       int // days with a check-in or a finished routine
	// Steps are the steps done, with the number of days each was done
	// (from check-ins and finished routines), most days first.
	Steps []StepDays
	// Checkins counts check-ins with a pain score.
	Checkins int
}

// StepDays is how many days one step was done.
type StepDays struct {
	ID   string
	Days int
}

// TrendOf is the trend of a state's check-ins, or nil when fewer than one
// check-in has a pain score.
func TrendOf(st State) *Trend {
	var scored []*diary.Checkin
	for _, c := range st.Checkins {
		if c.Pain != nil {
			scored = append(scored, c)
		}
	}
	if len(scored) == 0 {
		return nil
	}
	first, last := scored[0], scored[len(scored)-1]
	tr := &Trend{From: *first.Pain, Since: first.At, To: *last.Pain, Checkins: len(scored)}
	if st.Episode != nil {
		// The assessment's own score is where the course begins, as the
		// follow-up rules measure it (Baseline).
		if n, ok := number(st.Episode.Answers[PainSeverity]); ok {
			tr.From, tr.Since, tr.FromAssessment = n, st.Episode.At, true
		}
	}
	tr.Days = Days(tr.Since, last.At) + 1
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	recorded := map[string]bool{}
	done := map[string]map[string]bool{}
	mark := func(step string, t time.Time) {
		if done[step] == nil {
			done[step] = map[string]bool{}
		}
		done[step][day(t)] = true
	}
	for _, c := range st.Checkins {
		recorded[day(c.At)] = true
		for _, s := range c.StepsDone {
			mark(s, c.At)
		}
	}
	for _, r := range st.Routines {
		if r.Finished {
			recorded[day(r.At)] = true
			mark(r.Step, r.At)
		}
	}
	tr.Recorded = len(recorded)
	for id, days := range done {
		tr.Steps = append(tr.Steps, StepDays{ID: id, Days: len(days)})
	}
	sort.Slice(tr.Steps, func(i, j int) bool {
		if tr.Steps[i].Days != tr.Steps[j].Days {
			return tr.Steps[i].Days > tr.Steps[j].Days
		}
		return tr.Steps[i].ID < tr.Steps[j].ID
	})
	return tr
}

// Line is the trend in one line: "pain 7 → 3 over 5 days; tennis-ball
// pressure on the tender spot on 4 of 5 days". name turns a step id into
// words; at most two steps are named.
func (t *Trend) Line(name func(id string) string) string {
	var b strings.Builder
	days := "day"
	if t.Days != 1 {
		days = "days"
	}
	fmt.Fprintf(&b, "pain %d → %d over %d %s", t.From, t.To, t.Days, days)
	if t.Checkins > 1 {
		fmt.Fprintf(&b, " (%d check-ins)", t.Checkins)
	}
	of := "days"
	if t.Recorded < t.Days {
		of = "days with a record"
	}
	for _, s := range t.Steps[:min(2, len(t.Steps))] {
		fmt.Fprintf(&b, "; %s on %d of %d %s", words.LowerFirst(name(s.ID)), s.Days, t.Recorded, of)
	}
	return b.String()
}
