package history

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// hostileView is a diary whose check-in note holds the probe, and
// whose path, advice and warning titles hold escapes too (a diary written
// by hand or by another program).
func hostileView(t *testing.T) *View {
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	r := &diary.Record{Path: "/x/\x1b]0;pwned\x07/diary.db",
		Episodes: []*diary.Episode{{ID: 1, At: day(0), Level: "self-care", Plan: []diary.Step{{ID: "heat"}},
			Causes: []diary.Cause{{Title: "Cause\x1b[2J", Top: true}}}},
		Checkins: []*diary.Checkin{
			{EpisodeID: 1, At: day(1), Level: "self-care", Pain: p(7), StepsDone: []string{"heat\x9b"}, Compared: "better\u202e", Note: textwraptest.Hostile},
			{EpisodeID: 1, At: day(2), Level: "soon", Pain: p(5), Warnings: []diary.Warning{{Title: "Sign\x1b]52;c;eA==\x07", Level: "soon"}},
				Advice: []diary.Advice{{Rule: "improving-carry-on", Title: "Getting\x00 better", Text: "Carry on.\r\nFAKE HEADING"}}, Note: "x\nWARNING SIGNS: none"},
		}}
	return Build(r, tbl, time.Time{})
}

// The probe note, and escapes anywhere in the diary, never reach the
// terminal: not in the text, at any width (the TUI's screen is narrower),
// and not in the JSON, where C1 and bidi characters are escaped.
func TestHostileDiaryIsShownSafely(t *testing.T) {
	v := hostileView(t)
	for _, width := range []int{TextWidth, 40} {
		var b bytes.Buffer
		b.Write(Document(v, width).Text(false))
		out := b.String()
		if r, at, bad := textwraptest.Leak(out); bad {
			t.Fatalf("width %d: %U at %d in:\n%q", width, r, at, out)
		}
		if got := append(textwraptest.LinesStartingWith(out, "WARNING"), textwraptest.LinesStartingWith(out, "FAKE")...); len(got) > 0 {
			t.Errorf("width %d: a note's line at column 0: %q\n%s", width, got, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "WARNING SIGNS: none") && !strings.HasPrefix(l, "    ") {
				t.Errorf("width %d: a note's line does not hang under its check-in: %q", width, l)
			}
		}
		if !strings.Contains(out, "Note:\n    > slept") || !strings.Contains(out, "\uFFFD]0;pwned\uFFFD") {
			t.Errorf("width %d: the note is not shown, marked:\n%s", width, out)
		}
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, v); err != nil {
		t.Fatal(err)
	}
	if r, at, bad := textwraptest.Leak(b.String()); bad {
		t.Fatalf("JSON: %U at %d", r, at)
	}
	var back View
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Checkins[0].Note != textwraptest.Hostile {
		t.Errorf("the JSON does not read back to the note as stored (%v)", err)
	}
}
