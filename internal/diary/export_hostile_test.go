package diary

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// hostileRecord is a diary whose check-in note holds the probe,
// and whose other text holds escapes too (written by hand or by another
// program: backtriage cleans notes when it reads them).
func hostileRecord() *Record {
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	pain := 4
	return &Record{Path: "/x/\x1b]0;pwned\x07/diary.db",
		Episodes: []*Episode{{ID: 1, At: at, Level: "self-care\x1b[2J", Warnings: []Warning{{Title: "Sign\u202e", Level: "soon"}},
			Causes: []Cause{{Title: "Cause\x9b2J", Top: true}}, Plan: []Step{{ID: "heat", Title: "Heat\x00"}},
			Answers: map[string]any{"odd\x1b]52;c;eA==\x07": "x\ny"}}},
		Checkins: []*Checkin{{EpisodeID: 1, At: at.AddDate(0, 0, 1), Level: "self-care", Pain: &pain, Compared: "better\r",
			StepsDone: []string{"heat"}, Note: textwraptest.Hostile}},
	}
}

// diary export in every format: no control character (but a newline) of
// the probe reaches the output; in Markdown no line of the note starts a
// line; in the CSV the note keeps its line breaks inside its cell, each
// further line indented; the JSON escapes C1 and bidi and reads back to
// the note as stored.
func TestExportHostileNote(t *testing.T) {
	r := hostileRecord()
	at := time.Date(2026, 11, 9, 8, 0, 0, 0, time.UTC)
	out := map[string]string{}
	for _, f := range ExportFormats {
		var b bytes.Buffer
		if err := Export(&b, f, r, at); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[f] = b.String()
		if c, i, bad := textwraptest.Leak(b.String()); bad {
			t.Errorf("%s: %U at %d:\n%q", f, c, i, b.String())
		}
		if got := textwraptest.LinesStartingWith(b.String(), "WARNING SIGNS"); len(got) > 0 {
			t.Errorf("%s: a note's line at column 0: %q", f, got)
		}
	}
	if !strings.Contains(out["markdown"], "slept badly\uFFFD\\]52;c;cHduZWQ=\uFFFD") {
		t.Errorf("markdown: the note is not shown, marked:\n%s", out["markdown"])
	}
	rows, err := csv.NewReader(strings.NewReader(out["csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var note string
	for _, row := range rows {
		if row[1] == "check-in" {
			note = row[7]
		}
	}
	if !strings.HasPrefix(note, "slept badly\uFFFD]52;") || !strings.Contains(note, "\n  WARNING SIGNS: none") {
		t.Errorf("csv: the note's cell is %q", note)
	}
	var back Record
	if err := json.Unmarshal([]byte(out["json"]), &back); err != nil || back.Checkins[0].Note != textwraptest.Hostile {
		t.Errorf("json: does not read back to the note as stored (%v)", err)
	}
	if !strings.Contains(out["json"], `\u009b`) || !strings.Contains(out["json"], `\u202e`) {
		t.Errorf("json: U+009B or U+202E not escaped:\n%s", out["json"])
	}
}
