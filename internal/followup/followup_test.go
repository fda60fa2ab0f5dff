package followup

import (
	"slices"
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
	got := fired(st, p(7), "same", at(9, 8))
	if !slices.Contains(got, "no-better-after-a-week") || slices.Contains(got, "improving-carry-on") {
		t.Errorf("day 8, still 7: %v", got)
	}
	if got := fired(st, p(3), "better", at(9, 8)); !slices.Equal(got, []string{"improving-carry-on"}) {
		t.Errorf("day 8, 7 → 3: %v", got)
	}
	if got := fired(st, p(9), "worse", at(4, 8)); got[0] != "worse-since-last-time" {
		t.Errorf("worse: %v, want re-triage first", got)
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
