package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/history"
)

// The history screen and `backtriage history` draw the same document:
// every paragraph, item and detail line of it is on the screen word for
// word, at each level the latest check-in can have, and at emergency level
// neither shows the chart, the trend or the records.
func TestHistoryScreenSaysWhatTheTextSays(t *testing.T) {
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	pain := func(n int) *int { return &n }
	for _, level := range []string{"self-care", "soon", "urgent", "emergency"} {
		var signs []diary.Warning
		if level != "self-care" {
			signs = []diary.Warning{{Title: "A sign at " + level, Level: level}, {Title: "A lesser sign", Level: "soon"}}
		}
		rec := &diary.Record{Path: "/x/diary.db",
			Episodes: []*diary.Episode{{ID: 1, At: at, Level: "self-care", Plan: []diary.Step{{ID: "heat"}},
				Causes: []diary.Cause{{Title: "A pillow", Top: true}}}},
			Checkins: []*diary.Checkin{
				{EpisodeID: 1, At: at.AddDate(0, 0, 1), Level: "self-care", Pain: pain(6), StepsDone: []string{"heat"}, Note: "slept badly\nneck stiff"},
				{EpisodeID: 1, At: at.AddDate(0, 0, 2), Level: level, Pain: pain(4), Compared: "better", Warnings: signs},
			}}
		m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 120, 400)
		eng, err := m.sess.Loader().Result()
		if err != nil {
			t.Fatal(err)
		}
		m.openHistory()
		m.Update(historyMsg{rec: rec, eng: eng})
		flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
		screen := flat(plain(m))
		v := history.Build(rec, eng.Table(), time.Time{})
		doc := history.Document(v, history.TextWidth)
		var lines []string
		for _, s := range doc.Sections {
			lines = append(lines, s.Lines()...)
		}
		for _, l := range lines {
			if l != "" && !strings.Contains(screen, flat(l)) {
				t.Errorf("%s: the screen lacks %q:\n%s", level, l, plain(m))
			}
		}
		text := flat(string(doc.Text(false)))
		for _, sign := range signs {
			if !strings.Contains(text, sign.Title) || !strings.Contains(screen, sign.Title) {
				t.Errorf("%s: the sign %q is missing from the text or the screen", level, sign.Title)
			}
		}
		for _, banned := range []string{"┤", "Trend:", "A pillow", "slept badly"} {
			if level == "emergency" && (strings.Contains(text, banned) || strings.Contains(screen, banned)) {
				t.Errorf("emergency: the history shows %q", banned)
			}
			if level != "emergency" && (!strings.Contains(text, banned) || !strings.Contains(screen, banned)) {
				t.Errorf("%s: the history lacks %q", level, banned)
			}
		}
	}
}
