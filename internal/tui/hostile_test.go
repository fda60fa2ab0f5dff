package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// sgr is the styling the screen adds itself (colours, bold): the only
// escape sequences a frame may hold.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// The history screen shows a diary whose note holds the probe
// (OSC 52, OSC 0, ESC[2J, U+009B, NUL, CR, a newline before "WARNING
// SIGNS: none", U+202E) without any of it reaching the terminal, and the
// note's second line hangs under its check-in instead of passing for a
// line of the screen's own.
func TestHistoryScreenShowsAHostileNoteSafely(t *testing.T) {
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24)
	eng, err := m.sess.Loader().Result()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	pain := 5
	rec := &diary.Record{Path: "/x/\x1b]0;pwned\x07/diary.db",
		Episodes: []*diary.Episode{{ID: 1, At: at, Level: "self-care"}},
		Checkins: []*diary.Checkin{{EpisodeID: 1, At: at.AddDate(0, 0, 1), Level: "self-care", Pain: &pain, Note: textwraptest.Hostile}}}
	m.openHistory() // its read is replaced by the record above
	m.Update(historyMsg{rec: rec, eng: eng})
	if m.screen() != scrHistory {
		t.Fatalf("not on the history screen:\n%s", plain(m))
	}
	// Only the screen's own styling is an escape sequence.
	all := sgr.ReplaceAllString(strings.Join(m.history.lines, "\n"), "")
	if r, i, bad := textwraptest.Leak(all); bad {
		t.Fatalf("the diary's text holds %U at %d:\n%q", r, i, all)
	}
	for _, l := range strings.Split(all, "\n") {
		if strings.Contains(l, "WARNING SIGNS: none") && !strings.HasPrefix(l, "   > ") {
			t.Errorf("the note's line passes for one of the screen's: %q", l)
		}
	}
	if !strings.Contains(all, "Note:") || !strings.Contains(all, "slept") {
		t.Errorf("the note is not shown:\n%s", all)
	}
	// The whole frame, scrolled to each part: only the screen's own
	// styling is an escape sequence.
	for range len(m.history.lines) / 10 {
		frame := sgr.ReplaceAllString(m.render(), "")
		if r, i, bad := textwraptest.Leak(frame); bad {
			t.Fatalf("the frame holds %U at %d:\n%q", r, i, frame)
		}
		press(m, "pgdown")
	}
}
