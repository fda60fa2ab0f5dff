package textwraptest_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/history"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
	"github.com/backtriage/backtriage/internal/triage"
)

// FuzzRenderNote feeds an arbitrary note and an arbitrary title (of a cause,
// a step, a warning sign: what a diary or a --rules table may hold) through
// every writer of the program: the check-in's text, the history's text at
// two widths and its JSON, the diary export as CSV, Markdown and JSON, the
// assessment's summary as text, Markdown, spoken text and JSON, a
// file:line:col message naming a file of that name, and the text package's
// own forms. It fails on any byte below 0x20 other than a newline (a tab
// too), on DEL, on C1, on a bidi control or a line separator in the
// output, and on JSON that does not read back.
func FuzzRenderNote(f *testing.F) {
	for _, seed := range [][2]string{
		{textwraptest.Hostile, "Title\x1b]0;pwned\x07"},
		{"", ""},
		{"a\nWARNING SIGNS: none", "\u202eeltit"},
		{"\r\n\r\n", "\t"},
		{"\xff\xfe\x9b", "\xc2\x9b2J"},
		{strings.Repeat("word ", 500), strings.Repeat("x", 200)},
	} {
		f.Add(seed[0], seed[1])
	}
	r := newRenderers(f)
	f.Fuzz(func(t *testing.T, note, title string) { r.check(t, note, title) })
}

// renderers is what every input is rendered with, built once.
type renderers struct {
	qn       *questionnaire.Questionnaire
	tbl      *rules.Table
	eng      *triage.Engine
	assessed *triage.Assessment
	at       time.Time
}

func newRenderers(tb testing.TB) *renderers {
	qn := questionnaire.Default()
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), qn)
	if err != nil {
		tb.Fatal(err)
	}
	eng := triage.New(qn, tbl)
	base, err := answers.ReadFile("../../../testdata/readers/charlotte.yaml", nil, qn)
	if err != nil {
		tb.Fatal(err)
	}
	return &renderers{qn: qn, tbl: tbl, eng: eng, assessed: eng.Assess(base), at: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)}
}

// check renders note and title with every writer and fails t on what
// FuzzRenderNote says.
func (rr *renderers) check(t testing.TB, note, title string) {
	qn, tbl, eng, assessed, at := rr.qn, rr.tbl, rr.eng, rr.assessed, rr.at
	check := func(what string, out []byte) {
		t.Helper()
		if r, i, bad := textwraptest.Leak(string(out)); bad {
			t.Fatalf("%s: %U at byte %d of the output:\n%q", what, r, i, out)
		}
	}
	checkJSON := func(what string, out []byte) {
		t.Helper()
		check(what, out)
		if !json.Valid(out) {
			t.Fatalf("%s: not valid JSON:\n%s", what, out)
		}
	}

	// The diary: the note in a check-in, the title everywhere a
	// record holds one.
	pain := 4
	ep := &diary.Episode{ID: 1, At: at, Level: "soon", Warnings: []diary.Warning{{Title: title, Level: "soon"}},
		Causes: []diary.Cause{{ID: "c", Title: title, Top: true}}, Plan: []diary.Step{{ID: "heat", Title: title}},
		Withheld: []diary.Step{{ID: "x", Title: title, Why: note}}, Answers: map[string]any{"note": note}}
	rec := &diary.Record{Path: title, Episodes: []*diary.Episode{ep},
		Checkins: []*diary.Checkin{{EpisodeID: 1, At: at.AddDate(0, 0, 1), Level: "soon", Pain: &pain, Compared: title,
			StepsDone: []string{title}, Note: note, Warnings: []diary.Warning{{Title: title, Level: "soon"}},
			Advice: []diary.Advice{{Rule: "r", Title: title, Text: note}}}}}
	for _, format := range diary.ExportFormats {
		var b bytes.Buffer
		if err := diary.Export(&b, format, rec, at); err != nil {
			t.Fatal(err)
		}
		if format == "json" {
			checkJSON("diary export json", b.Bytes())
		} else {
			check("diary export "+format, b.Bytes())
		}
	}
	v := history.Build(rec, tbl, time.Time{})
	for _, width := range []int{history.TextWidth, 30} {
		check("history text", history.Document(v, width).Text(false))
		check("history markdown", history.Document(v, width).Markdown())
	}
	var hj bytes.Buffer
	if err := history.WriteJSON(&hj, v); err != nil {
		t.Fatal(err)
	}
	checkJSON("history json", hj.Bytes())

	// The check-in's own text, with the note as given (not cleaned,
	// as an older diary may hold it).
	res := checkin.Evaluate(eng, followup.State{Episode: ep}, checkin.Input{Answers: answers.Answers{}, Note: note, Now: at.AddDate(0, 0, 1)}, "v")
	check("check-in text", []byte(checkin.Text(res, tbl, emergencynumber.Local{})))
	if cleaned, err := checkin.CleanNote(note); err == nil {
		check("a cleaned note", []byte(cleaned))
	}

	// The assessment's summary: the title as a cause's (a --rules
	// table), the note as the diary's trend.
	as := *assessed
	as.Causes = append([]triage.RankedCause(nil), assessed.Causes...)
	if len(as.Causes) > 0 {
		c := *as.Causes[0].Cause
		c.Title = title
		as.Causes[0].Cause = &c
	}
	m := report.Meta{Questionnaire: qn, Date: at, Version: title, Trend: note}
	for _, format := range report.Formats() {
		out, err := report.Render(format, &as, m)
		if err != nil {
			t.Fatal(err)
		}
		if format == report.JSON {
			checkJSON("report json", out)
		} else {
			check("report "+string(format), out)
		}
	}
	spoken, err := report.RenderSpoken(&as, m)
	if err != nil {
		t.Fatal(err)
	}
	check("report spoken", spoken)

	// A message naming a file of that name, and the text forms.
	var errs input.List
	errs.Add(title, 1, 2, "bad")
	check("diag", []byte(errs.Err().Error()))
	check("Safe", []byte(textwrap.Safe(note)))
	check("SafeLines", []byte(textwrap.SafeLines(note)))
	block := textwrap.SafeBlock(note, "  ")
	check("SafeBlock", []byte(block))
	for i, l := range strings.Split(block, "\n") {
		if i > 0 && !strings.HasPrefix(l, "  ") {
			t.Fatalf("SafeBlock: line %d at column 0: %q", i, l)
		}
	}
	if strings.Contains(textwrap.Safe(note), "\n") {
		t.Fatalf("Safe kept a newline: %q", textwrap.Safe(note))
	}
}

// BenchmarkRenderNote is one input of FuzzRenderNote, the probe note.
func BenchmarkRenderNote(b *testing.B) {
	r := newRenderers(b)
	for b.Loop() {
		r.check(b, textwraptest.Hostile, "Title\x1b]0;pwned\x07")
	}
}

func BenchmarkRenderLongNote(b *testing.B) {
	r := newRenderers(b)
	for b.Loop() {
		r.check(b, strings.Repeat("word ", 500), strings.Repeat("x", 200))
	}
}
