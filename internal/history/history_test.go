package history

import (
	"bytes"
	"strings"
	"testing"
	"time"

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
	v := Build(r, tbl)
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
	if Chart(nil) != "" || Chart([]Day{{Day: 0}}) != "" {
		t.Error("a chart with no scores")
	}
	c := Chart([]Day{{Day: 0, Pain: p(10)}, {Day: 1}, {Day: 2, Pain: p(0)}})
	lines := strings.Split(c, "\n")
	if !strings.HasPrefix(strings.TrimSpace(lines[0]), "10 ┼") || !strings.Contains(c, " 0 ┤") || !strings.Contains(c, "day 0 to day 2") {
		t.Errorf("chart:\n%s", c)
	}
}
