package followup

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

var zone = time.FixedZone("NZDT", 13*3600)

func at(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, zone) }

func p(n int) *int { return &n }

func table(t *testing.T) *rules.Table {
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func TestDaysCountsCalendarDays(t *testing.T) {
	cases := []struct {
		a, b time.Time
		want int
	}{
		{at(2, 23), at(3, 7), 1}, // an evening assessment, the next morning's check-in
		{at(2, 7), at(2, 23), 0},
		{at(2, 8), at(9, 8), 7},
		// Stored in UTC, read where the later record was made.
		{at(3, 7).UTC(), at(3, 9), 0},
	}
	for _, c := range cases {
		if got := Days(c.a, c.b); got != c.want {
			t.Errorf("Days(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestFactsAndFiredRules(t *testing.T) {
	tbl := table(t)
	ep := &diary.Episode{ID: 1, At: at(1, 8), Answers: map[string]any{"pain_where": []any{"between_shoulder_blades"}}}
	st := State{Episode: ep}
	fired := func(facts State, pain *int, compared string, now time.Time) []string {
		var ids []string
		for _, r := range tbl.FollowupFired(Facts(facts, pain, compared, now)) {
			ids = append(ids, r.ID)
		}
		return ids
	}
	// The first check-in: no earlier score, so no pain_change.
	f := Facts(st, p(7), "same", at(2, 8))
	if _, ok := f[questionnaire.PainChange]; ok {
		t.Errorf("pain_change on the first check-in: %v", f)
	}
	if *f[questionnaire.DaysSinceStart].Number != 1 || *f[questionnaire.Checkins].Number != 1 {
		t.Errorf("facts: %+v", f)
	}
	if got := fired(st, p(7), "same", at(2, 8)); !slices.Equal(got, []string{"early-days-carry-on"}) {
		t.Errorf("day 1, the same: %v", got)
	}
	st.Checkins = []*diary.Checkin{{At: at(2, 8), Pain: p(7), Compared: "same"}, {At: at(5, 8), Pain: p(7), Compared: "same"}}
	// A week is early days: guidance expects back pain to start fading in
	// about two weeks.
	if got := fired(st, p(7), "same", at(9, 8)); !slices.Equal(got, []string{"early-days-carry-on"}) {
		t.Errorf("day 8, still 7: %v", got)
	}
	got := fired(st, p(7), "same", at(16, 8))
	if !slices.Contains(got, "no-better-after-two-weeks") || slices.Contains(got, "improving-carry-on") {
		t.Errorf("day 15, still 7: %v", got)
	}
	if got := fired(st, p(3), "better", at(9, 8)); !slices.Equal(got, []string{"improving-carry-on"}) {
		t.Errorf("day 8, 7 → 3: %v", got)
	}
	if got := fired(st, p(9), "worse", at(4, 8)); got[0] != "worse-since-last-time" {
		t.Errorf("worse: %v, want re-triage first", got)
	}
}

// A jump back after a good day is worse although the baseline shows no
// change (the week audit: 7 at the first check-in, 2, then 7 "the same");
// the change is from the latest scored check-in, and a 2-point swing is
// not a jump.
func TestJumpSinceTheLastCheckinIsWorse(t *testing.T) {
	tbl := table(t)
	ep := &diary.Episode{ID: 1, At: at(1, 8)}
	st := State{Episode: ep, Checkins: []*diary.Checkin{
		{At: at(2, 8), Pain: p(7), Compared: "same"}, {At: at(3, 8), Pain: p(2), Compared: "better"}, {At: at(3, 20), Compared: "same"},
	}}
	f := Facts(st, p(7), "same", at(4, 8))
	if *f[questionnaire.PainChange].Number != 0 || *f[questionnaire.PainChangeSinceLast].Number != 5 {
		t.Fatalf("facts: change %v, since the last %v", f[questionnaire.PainChange], f[questionnaire.PainChangeSinceLast])
	}
	var ids []string
	for _, r := range tbl.FollowupFired(f) {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"worse-since-last-time"}) {
		t.Errorf("7, 2, then 7: %v, want only worse-since-last-time (no carrying on beside it)", ids)
	}
	if f := Facts(st, p(4), "same", at(4, 8)); slices.ContainsFunc(tbl.FollowupFired(f), func(r *rules.FollowupRule) bool { return r.ID == "worse-since-last-time" }) {
		t.Errorf("a 2-point swing (2, then 4) counted as worse")
	}
	if f := Facts(State{Episode: ep}, p(7), "same", at(2, 8)); f.Answered(questionnaire.PainChangeSinceLast) {
		t.Errorf("a change since the last check-in at the first one: %v", f)
	}
}

func TestRecurringRanksCausesElsewhere(t *testing.T) {
	tbl := table(t)
	prev := &diary.Episode{ID: 1, At: at(1, 8)}
	cur := &diary.Episode{ID: 2, At: at(20, 8), Answers: map[string]any{"pain_where": []any{"between_shoulder_blades"}},
		Causes: []diary.Cause{{ID: "shoulder-blade-muscles", Top: true}}}
	r := &diary.Record{Episodes: []*diary.Episode{prev, cur}, Checkins: []*diary.Checkin{{EpisodeID: 1, At: at(6, 8), Pain: p(2)}}}
	st := Current(r)
	if !st.PreviousLast.Equal(at(6, 8)) {
		t.Fatalf("the previous episode's last record: %v", st.PreviousLast)
	}
	facts := Facts(st, p(5), "same", at(20, 9))
	if *facts[questionnaire.DaysSinceLastEpisode].Number != 14 {
		t.Errorf("days since the last episode: %v", *facts[questionnaire.DaysSinceLastEpisode].Number)
	}
	if fired := tbl.FollowupFired(facts); !slices.ContainsFunc(fired, func(r *rules.FollowupRule) bool { return r.ID == "recurring-look-elsewhere" }) {
		t.Errorf("recurring did not fire")
	}
	causes := Elsewhere(tbl, cur, 3)
	if len(causes) == 0 {
		t.Fatal("no causes elsewhere for pain between the shoulder blades")
	}
	for _, c := range causes {
		ok := false
		for _, m := range c.Muscles {
			if slices.Contains(m.Refers, "between_shoulder_blades") && !slices.Contains(m.Sits, "between_shoulder_blades") {
				ok = true
			}
		}
		if !ok || c.Kind != "muscle" {
			t.Errorf("cause %q does not sit elsewhere and send pain between the shoulder blades", c.ID)
		}
	}
	if slices.ContainsFunc(causes, func(c *rules.Cause) bool { return c.ID == "scalenes" }) == false {
		t.Errorf("scalenes (the article's own example of pain from elsewhere) not ranked: %v", ids(causes))
	}
}

func ids(cs []*rules.Cause) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestTrendLine(t *testing.T) {
	st := State{Checkins: []*diary.Checkin{
		{At: at(1, 8), Pain: p(7), StepsDone: []string{"tennis-ball"}},
		{At: at(2, 8), Pain: p(6), StepsDone: []string{"tennis-ball", "heat"}},
		{At: at(3, 8), Pain: p(5)},
		{At: at(4, 8), Pain: p(4), StepsDone: []string{"tennis-ball"}},
		{At: at(5, 8), Pain: p(3)},
	}, Routines: []*diary.Routine{{At: at(5, 9), Step: "tennis-ball", Finished: true}, {At: at(5, 10), Step: "heat", Finished: false}}}
	tr := TrendOf(st)
	name := map[string]string{"tennis-ball": "Tennis ball", "heat": "Heat"}
	got := tr.Line(func(id string) string { return name[id] })
	want := "pain 7 → 3 over 5 days (5 check-ins); tennis ball on 4 of 5 days; heat on 1 of 5 days"
	if got != want {
		t.Errorf("trend:\n got %s\nwant %s", got, want)
	}
	if TrendOf(State{}) != nil {
		t.Error("a trend with no check-ins")
	}
}

func fired(tbl *rules.Table, st State, pain *int, compared string, now time.Time) []string {
	var ids []string
	for _, r := range tbl.FollowupFired(Facts(st, pain, compared, now)) {
		ids = append(ids, r.ID)
	}
	return ids
}

// Audit item 1: the check-in's level is the highest of its warning signs'
// and its fired follow-up rules'.
func TestLevelCombinesWarningsAndFollowup(t *testing.T) {
	tbl := table(t)
	week := tbl.FollowupRule("no-better-after-two-weeks")
	better := tbl.FollowupRule("improving-carry-on")
	cases := []struct {
		warn  rules.Level
		fired []*rules.FollowupRule
		want  rules.Level
	}{
		{rules.SelfCare, nil, rules.SelfCare},
		{rules.SelfCare, []*rules.FollowupRule{better}, rules.SelfCare},
		{rules.SelfCare, []*rules.FollowupRule{week, better}, rules.Soon},
		{rules.Urgent, []*rules.FollowupRule{week}, rules.Urgent},
	}
	for _, c := range cases {
		if got := Level(c.warn, c.fired); got != c.want {
			t.Errorf("Level(%s, %d rules) = %s, want %s", c.warn, len(c.fired), got, c.want)
		}
	}
	if got := AdviceLevel(tbl, []diary.Advice{{Rule: "improving-carry-on"}, {Rule: "worse-since-last-time"}, {Rule: "gone"}}); got != rules.Soon {
		t.Errorf("AdviceLevel = %s, want soon", got)
	}
	// A rule retired from the table keeps the level its stored advice had.
	if got := AdviceLevel(tbl, []diary.Advice{{Rule: "no-better-after-a-week"}}); got != rules.Soon {
		t.Errorf("AdviceLevel of the retired week rule = %s, want soon", got)
	}
}

// Audit item 2: pain 6 on day 0, 2, 4 and 7, then 5 "about the same" on
// day 15: a 1-point drop is not "getting better", and the two-week rule
// fires. A 2-point drop is.
func TestOnePointDropDoesNotOverrideSame(t *testing.T) {
	tbl := table(t)
	ep := &diary.Episode{ID: 1, At: at(1, 8)}
	st := State{Episode: ep}
	for _, d := range []int{1, 3, 5, 8} {
		st.Checkins = append(st.Checkins, &diary.Checkin{At: at(d, 9), Pain: p(6), Compared: "same"})
	}
	got := fired(tbl, st, p(5), "same", at(16, 8))
	if !slices.Contains(got, "no-better-after-two-weeks") || slices.Contains(got, "improving-carry-on") {
		t.Errorf("day 15, 6 → 5, the same: %v", got)
	}
	got = fired(tbl, st, p(4), "same", at(16, 8))
	if !slices.Equal(got, []string{"improving-carry-on"}) {
		t.Errorf("day 15, 6 → 4, the same: %v", got)
	}
	got = fired(tbl, st, p(7), "same", at(4, 8))
	if !slices.Equal(got, []string{"early-days-carry-on"}) {
		t.Errorf("day 3, 6 → 7, the same: %v", got)
	}
}

// Audit item 3: a new assessment the same day the pain settled (an edit of
// the same episode) is not a recurrence; a few days later it is; and the
// person's own "it keeps coming back" is enough, by its own rule.
func TestRecurrenceNeedsAGapOrTheirWord(t *testing.T) {
	tbl := table(t)
	prev := &diary.Episode{ID: 1, At: at(10, 8)}
	var checkins []*diary.Checkin
	for i, pain := range []int{7, 5, 4, 3} {
		checkins = append(checkins, &diary.Checkin{EpisodeID: 1, At: at(11+i, 8), Pain: p(pain)})
	}
	state := func(when time.Time, answers map[string]any) State {
		cur := &diary.Episode{ID: 2, At: when, Answers: answers}
		return Current(&diary.Record{Episodes: []*diary.Episode{prev, cur}, Checkins: checkins})
	}
	elsewhere := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if r := tbl.FollowupRule(id); r.Outcome == "elsewhere" {
				out = append(out, id)
			}
		}
		return out
	}
	if got := elsewhere(fired(tbl, state(at(14, 9), nil), nil, "", at(14, 9))); len(got) > 0 {
		t.Errorf("assessed again the day it settled: %v", got)
	}
	if got := elsewhere(fired(tbl, state(at(16, 9), nil), nil, "", at(16, 9))); len(got) > 0 {
		t.Errorf("2 days after it settled: %v", got)
	}
	if got := elsewhere(fired(tbl, state(at(17, 9), nil), nil, "", at(17, 9))); !slices.Equal(got, []string{"recurring-look-elsewhere"}) {
		t.Errorf("3 days after it settled: %v", got)
	}
	says := map[string]any{"recurring": true}
	if got := elsewhere(fired(tbl, state(at(14, 9), says), nil, "", at(14, 9))); !slices.Equal(got, []string{"says-recurring-look-elsewhere"}) {
		t.Errorf("the same day, saying it keeps coming back: %v", got)
	}
	if got := elsewhere(fired(tbl, state(at(20, 9), says), nil, "", at(20, 9))); !slices.Equal(got, []string{"recurring-look-elsewhere"}) {
		t.Errorf("the diary and their word: %v, want the diary's rule alone", got)
	}
}

// Audit item 4: the list shown as "muscles elsewhere" holds causes that
// name muscles, never a habit such as the pillow, for every painful region.
func TestElsewhereListsMuscleCausesOnly(t *testing.T) {
	tbl := table(t)
	named := map[string]bool{}
	for _, r := range tbl.Followup {
		for _, id := range r.Causes {
			named[id] = true
		}
	}
	for _, region := range rules.RegionIDs() {
		ep := &diary.Episode{Answers: map[string]any{"pain_where": []any{region}}}
		for _, c := range Elsewhere(tbl, ep, 100) {
			if !named[c.ID] || c.ID == "pillow" {
				t.Errorf("pain at %s: %q (%s) listed as a muscle elsewhere", region, c.ID, c.Title)
			}
			low := strings.ToLower(c.Title)
			ok := strings.Contains(low, "muscle")
			for _, m := range c.Muscles {
				ok = ok || strings.Contains(low, strings.ToLower(strings.Fields(m.Name)[0]))
			}
			if !ok {
				t.Errorf("pain at %s: %q does not name a muscle", region, c.Title)
			}
		}
	}
}

// The trend starts from the assessment's own score when it asked for one
// (the week audit: 6 at the assessment, 4, 1, then 6 read "4 → 6"), over
// the days since the assessment; without one, from the first check-in's.
func TestTrendStartsAtTheAssessmentsScore(t *testing.T) {
	cs := []*diary.Checkin{{At: at(3, 8), Pain: p(4)}, {At: at(10, 8), Pain: p(1)}, {At: at(29, 8), Pain: p(6)}}
	tr := TrendOf(State{Episode: &diary.Episode{ID: 1, At: at(1, 8), Answers: map[string]any{PainSeverity: float64(6)}}, Checkins: cs})
	if tr.From != 6 || tr.To != 6 || !tr.FromAssessment || !tr.Since.Equal(at(1, 8)) || tr.Days != 29 {
		t.Errorf("with the assessment's score: %+v", tr)
	}
	tr = TrendOf(State{Episode: &diary.Episode{ID: 1, At: at(1, 8)}, Checkins: cs})
	if tr.From != 4 || tr.FromAssessment || !tr.Since.Equal(at(3, 8)) || tr.Days != 27 {
		t.Errorf("without it: %+v", tr)
	}
}
