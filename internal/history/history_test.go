package history

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

func p(n int) *int { return &n }

func day(d int) time.Time { return time.Date(2026, 11, 2+d, 8, 0, 0, 0, time.UTC) }

func TestBuildAndText(t *testing.T) {
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	r := &diary.Record{Path: "/x/diary.db",
		Episodes: []*diary.Episode{{ID: 1, At: day(0), Level: "self-care", Plan: []diary.Step{{ID: "heat"}}}},
		Checkins: []*diary.Checkin{
			{EpisodeID: 1, At: day(1), Level: "self-care", Pain: p(7), StepsDone: []string{"heat"}},
			{EpisodeID: 1, At: day(4), Level: "soon", Pain: p(5), Warnings: []diary.Warning{{Title: "New sign", Level: "soon"}},
				Advice: []diary.Advice{{Rule: "improving-carry-on", Title: "Getting better", Text: "Carry on."}}},
		}}
	v := Build(r, tbl, time.Time{})
	if len(v.Days) != 5 || v.Days[0].Pain != nil || *v.Days[1].Pain != 7 || *v.Days[4].Pain != 5 || v.Level != "soon" {
		t.Fatalf("view: %+v", v)
	}
	var b bytes.Buffer
	if err := WriteText(&b, v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// The warning sign of the latest check-in comes before its advice, and
	// both before the chart.
	sign, advice, chart := strings.Index(out, "[soon] New sign"), strings.Index(out, "Getting better"), strings.Index(out, " 7 ┤")
	if sign < 0 || advice < sign || chart < advice {
		t.Errorf("order: sign %d, advice %d, chart %d:\n%s", sign, advice, chart, out)
	}
	if !strings.Contains(out, "pain 7 → 5 over 4 days (2 check-ins)") {
		t.Errorf("no trend:\n%s", out)
	}
}

func TestChartGapsAndScale(t *testing.T) {
	if Chart(nil, TextWidth) != "" || Chart([]Day{{Day: 0}}, TextWidth) != "" {
		t.Error("a chart with no scores")
	}
	c := Chart([]Day{{Day: 0, Pain: p(10)}, {Day: 1}, {Day: 2, Pain: p(0)}}, TextWidth)
	lines := strings.Split(c, "\n")
	if !strings.HasPrefix(strings.TrimSpace(lines[0]), "10 ┼") || !strings.Contains(c, " 0 ┤") || !strings.Contains(c, "day 0 to day 2") {
		t.Errorf("chart:\n%s", c)
	}
}

func builtin(t *testing.T) *rules.Table {
	t.Helper()
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// Audit item 1: history's level is the highest of the latest check-in's
// warning signs and its advice, also for a check-in stored before
// follow-up rules had levels; with no warning sign the advice is not
// introduced as "alongside the warning signs".
func TestLevelCountsTheAdvice(t *testing.T) {
	r := &diary.Record{Path: "/x/diary.db",
		Episodes: []*diary.Episode{{ID: 1, At: day(0), Level: "self-care"}},
		Checkins: []*diary.Checkin{
			{EpisodeID: 1, At: day(1), Level: "self-care", Pain: p(6)},
			{EpisodeID: 1, At: day(8), Level: "self-care", Pain: p(6), Compared: "same",
				Advice: []diary.Advice{{Rule: "no-better-after-a-week", Outcome: "professional", Title: "No better after about a week of self-care", Text: "Book an appointment."}}},
		}}
	v := Build(r, builtin(t), time.Time{})
	if v.Level != "soon" {
		t.Errorf("level %q, want soon", v.Level)
	}
	var b bytes.Buffer
	if err := WriteText(&b, v); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "Soon: book a doctor or physiotherapist") || strings.Contains(out, "Only alongside what the warning signs") {
		t.Errorf("advice at soon without a warning sign:\n%s", out)
	}
	// The history prints no plan: it does not point at one "below".
	if strings.Contains(out, "plan below") || !strings.Contains(out, "self-care steps of your plan") {
		t.Errorf("soon advice in the history:\n%s", out)
	}
}

// Audit item 5: at emergency level (the latest check-in, or the episode
// before any check-in) history leads with the emergency advice and shows
// no chart, trend, tally of steps or causes.
func TestEmergencyLeadsAndHidesSelfCare(t *testing.T) {
	sign := []diary.Warning{{Title: "Chest pain", Level: "emergency"}, {Title: "Night pain", Level: "soon"}}
	records := map[string]*diary.Record{
		"check-in": {Path: "/x/diary.db",
			Episodes: []*diary.Episode{{ID: 1, At: day(0), Level: "self-care", Causes: []diary.Cause{{ID: "pillow", Title: "A pillow", Top: true}}}},
			Checkins: []*diary.Checkin{
				{EpisodeID: 1, At: day(1), Level: "self-care", Pain: p(6), StepsDone: []string{"heat"}},
				{EpisodeID: 1, At: day(2), Level: "self-care", Pain: p(3), Compared: "better", StepsDone: []string{"heat"},
					Advice: []diary.Advice{{Rule: "improving-carry-on", Outcome: "carry-on", Title: "Getting better", Text: "Carry on."}}},
				{EpisodeID: 1, At: day(3), Level: "emergency", Warnings: sign},
			}},
		"episode": {Path: "/x/diary.db",
			Episodes: []*diary.Episode{{ID: 1, At: day(0), Level: "emergency", Warnings: sign}}},
	}
	for name, r := range records {
		var b bytes.Buffer
		if err := WriteText(&b, Build(r, builtin(t), time.Time{})); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		advice := strings.Index(out, "Current advice")
		if head := strings.Index(out, "Emergency: call for help now"); head < 0 || head < advice {
			t.Errorf("%s: the emergency advice does not lead:\n%s", name, out)
		}
		if !strings.Contains(out, "[soon] Night pain. Tell the emergency team about this too.") {
			t.Errorf("%s: a lesser sign keeps its own advice:\n%s", name, out)
		}
		for _, banned := range []string{"┤", "Trend:", "Steps done", "Getting better", "Carry on", "likely causes", "pain 3", "Follow the plan", "see a doctor."} {
			if strings.Contains(out, banned) {
				t.Errorf("%s: history at emergency level shows %q:\n%s", name, banned, out)
			}
		}
	}
}

// The chart fits the width it is given, however long the diary: a long one
// is charted for its latest days, and the caption says which.
func TestChartFitsItsWidth(t *testing.T) {
	for _, days := range []int{1, 7, 30, 200} {
		ds := make([]Day, days)
		for i := range ds {
			ds[i] = Day{Day: i, Pain: p(i % 11)}
		}
		for _, width := range []int{40, 58, 78, 120} {
			c := Chart(ds, width)
			for _, l := range strings.Split(c, "\n") {
				if n := utf8.RuneCountInString(l); n > width {
					t.Fatalf("%d days at width %d: a line of %d columns:\n%s", days, width, n, c)
				}
			}
			if !strings.Contains(c, fmt.Sprintf("to day %d", days-1)) {
				t.Errorf("%d days at width %d: the latest day is not charted:\n%s", days, width, c)
			}
		}
	}
}

// A finished guided routine is in the text, by its title, with how long it
// ran (issue 18).
func TestTextListsFinishedRoutines(t *testing.T) {
	tbl := builtin(t)
	r := &diary.Record{Path: "/x/diary.db",
		Episodes: []*diary.Episode{{ID: 1, At: day(0), Level: "self-care", Plan: []diary.Step{{ID: "tennis-ball"}}}},
		Routines: []*diary.Routine{{EpisodeID: 1, At: day(1), Step: "tennis-ball", Seconds: 660, Finished: true}},
	}
	var b bytes.Buffer
	if err := WriteText(&b, Build(r, tbl, time.Time{})); err != nil {
		t.Fatal(err)
	}
	want := "- 2026-11-03 08:00: " + tbl.Step("tennis-ball").Title + " (11 minutes)"
	if out := b.String(); !strings.Contains(out, "GUIDED ROUTINES FINISHED") || !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
		t.Errorf("the routine is not listed as %q:\n%s", want, out)
	}
}

// Advice two days old or more is said to be so, with what to do: check in
// again, or, after a warning sign that said to get help, get it if it was
// not sought (the week audit: "early days, check in again tomorrow" shown
// as current 13 days later).
func TestOldAdviceSaysHowOld(t *testing.T) {
	checkin := func(level string, advice ...diary.Advice) *diary.Record {
		return &diary.Record{Path: "/x/diary.db",
			Episodes: []*diary.Episode{{ID: 1, At: day(0), Level: "self-care"}},
			Checkins: []*diary.Checkin{{EpisodeID: 1, At: day(12), Level: level, Pain: p(6), Compared: "same", Advice: advice}}}
	}
	early := diary.Advice{Rule: "early-days-carry-on", Outcome: "carry-on", Title: "About the same, early days", Text: "Check in again tomorrow."}
	text := func(r *diary.Record, now time.Time) string {
		var b bytes.Buffer
		if err := WriteText(&b, Build(r, builtin(t), now)); err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	for _, c := range []struct {
		name, level string
		now         time.Time
		want        string
	}{
		{"the same day", "self-care", day(12), ""},
		{"the next day", "self-care", day(13), ""},
		{"13 days on", "self-care", day(25), "This is what your last check-in said, 13 days ago, for how you were then. For advice on how you are today, check in again: backtriage checkin"},
		{"after an urgent sign", "urgent", day(15), "This is what your last check-in said, 3 days ago. If you have not been checked since, get help now as it says."},
	} {
		got := text(checkin(c.level, early), c.now)
		if c.want == "" && strings.Contains(got, "This is what your last check-in said") || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.name, c.want, got)
		}
		if c.want != "" && strings.Index(got, c.want) > strings.Index(got, "PROGRESS") {
			t.Errorf("%s: the age comes after the advice", c.name)
		}
	}
}
