package checkin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// probe is the note, as it can come in on one line: OSC 52 (the
// clipboard), OSC 0 (the window title), clear the screen, the one-byte
// CSI, NUL, a carriage return that would overwrite the line, a bidi
// override, a bell.
const probe = "slept badly\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b[2J\u009b2J nul\x00 cr\rWARNING SIGNS: none \u202eevil\u202c\x07 end"

// unsafeIn reports the first character in s that must not reach a
// terminal: a control other than a newline, DEL, C1, a bidi control.
func unsafeIn(s string) (rune, bool) {
	for _, r := range s {
		if r != '\n' && textwrap.Unsafe(r) {
			return r, true
		}
	}
	return 0, false
}

// script answers every warning question with none (the age is kept from
// the assessment), the pain 5, the comparison and the checklist's first
// options, then the note lines.
func script(qn *questionnaire.Questionnaire, note ...string) string {
	var b strings.Builder
	for _, q := range qn.Questions() {
		switch {
		case q.Warning && q.Kind == questionnaire.Number:
			b.WriteString("\n")
		case q.Warning:
			b.WriteString("none\n")
		}
	}
	b.WriteString("5\n1\n1\n")
	for _, n := range note {
		b.WriteString(n + "\n")
	}
	return b.String()
}

func linesOptions(t *testing.T) Options {
	eng := testrules.Builtin(t)
	ep := episode(t, eng)
	return Options{Engine: eng, State: followup.State{Episode: ep}, Questionnaire: Questionnaire(ep.Plan), Now: day0.AddDate(0, 0, 1)}
}

// The line mode reads the probe note through the bounded reader: it is
// never echoed raw, it is kept cleaned, and the check-in's text shows it
// without a control character.
func TestLinesCleanTheProbeNote(t *testing.T) {
	o := linesOptions(t)
	var out bytes.Buffer
	l := NewLines(context.Background(), strings.NewReader(script(o.Questionnaire, probe)), &out, true)
	got, err := RunLines(l, o)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if r, bad := unsafeIn(out.String()); bad {
		t.Errorf("the transcript holds %U:\n%q", r, out.String())
	}
	if strings.Contains(out.String(), "pwned") || strings.Contains(got.Note, "pwned") {
		t.Errorf("an escape sequence's text came through: %q", got.Note)
	}
	if !strings.HasPrefix(got.Note, "slept badly") || !strings.Contains(got.Note, "cr\nWARNING SIGNS: none evil end") {
		t.Errorf("note kept as %q", got.Note)
	}
	res := Evaluate(o.Engine, o.State, *got, "v")
	text := Text(res, o.Engine.Table(), emergencynumber.Local{})
	if r, bad := unsafeIn(text); bad {
		t.Errorf("the check-in's text holds %U:\n%s", r, text)
	}
	if !strings.Contains(text, "- Note:\n    > slept badly2J nul cr\n    > WARNING SIGNS: none evil end\n") {
		t.Errorf("the note's lines are not each indented under \"Note:\":\n%s", text)
	}
}

// A note over the limit is said, with its length, and asked again: never
// cut. A line over the reader's cap is not read, said, and asked again.
func TestLinesSayANoteIsTooLong(t *testing.T) {
	o := linesOptions(t)
	var out bytes.Buffer
	in := script(o.Questionnaire, strings.Repeat("w", 3000), strings.Repeat("x", 5000), "short")
	l := NewLines(context.Background(), strings.NewReader(in), &out, true)
	got, err := RunLines(l, o)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	text := out.String()
	for _, want := range []string{"A note is at most 2,000 characters; yours has 3,000. Type a shorter one",
		"That line is longer than 4 KiB, so it was not read"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, strings.Repeat("x", 100)) {
		t.Error("the over-long line was echoed")
	}
	if got.Note != "short" {
		t.Errorf("note %q", got.Note)
	}
}

// endless is a line without end, as /dev/zero or a 30 MB paste gives.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.n += int64(len(p))
	return len(p), nil
}

// A line without end is refused at the total cap: read no further than a
// little past it, never echoed.
func TestLinesRefuseALineWithoutEnd(t *testing.T) {
	o := linesOptions(t)
	var out bytes.Buffer
	src := &endless{}
	l := NewLines(context.Background(), src, &out, true)
	_, err := RunLines(l, o)
	if !errors.Is(err, input.ErrRefused) {
		t.Fatalf("err = %v, want the bounded reader's refusal", err)
	}
	if src.n > 2*input.MaxTyped {
		t.Errorf("read %d bytes of a line without end", src.n)
	}
	if out.Len() > 16<<10 {
		t.Errorf("%d bytes written for a refused line", out.Len())
	}
}

// The answers file: the same cleaning and the same limit, in the same
// words, at the note's place.
func TestFileNoteCleanedAndLimited(t *testing.T) {
	o := linesOptions(t)
	qn := o.Questionnaire
	_, note, err := Parse("c.yaml", []byte(none+"note: \"a\\e]0;pwned\\a\\e[2J\\x9b2J b\\r\\nWARNING SIGNS: none \\u202ec\\0\"\n"), qn)
	if err != nil {
		t.Fatal(err)
	}
	if note != "a2J b\nWARNING SIGNS: none c" {
		t.Errorf("note %q", note)
	}
	_, _, err = Parse("c.yaml", []byte(none+"note: "+strings.Repeat("x", 5000)+"\n"), qn)
	want := fmt.Sprintf("c.yaml:%d:1: note: a note is at most 2,000 characters; yours has 5,000", strings.Count(none, "\n")+1)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
	// Spaces and escapes do not count: what is kept is measured.
	if _, note, err := Parse("c.yaml", []byte(none+"note: \""+strings.Repeat("\\e[2J", 500)+strings.Repeat("y", MaxNote)+"\"\n"), qn); err != nil || len(note) != MaxNote {
		t.Errorf("a note of %d characters after cleaning: %v", len(note), err)
	}
}

// A note stored raw (by an older backtriage, or written into the file by
// hand) is shown safely all the same: the output boundary cleans it.
func TestTextShowsARawNoteSafely(t *testing.T) {
	o := linesOptions(t)
	res := Evaluate(o.Engine, o.State, Input{Answers: nil, Note: textwraptest.Hostile, Now: o.Now}, "v")
	text := Text(res, o.Engine.Table(), emergencynumber.Local{})
	if r, bad := unsafeIn(text); bad {
		t.Fatalf("the text holds %U:\n%q", r, text)
	}
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "WARNING SIGNS: none") && !strings.HasPrefix(l, "    ") {
			t.Errorf("the note's line passes for one of ours: %q", l)
		}
	}
}

// The form checks its note as the other front ends do: the same limit in
// the same words, counted after cleaning.
func TestFormNoteCheck(t *testing.T) {
	n := newNote(2 * MaxNote)
	n.Paste(strings.Repeat("z", MaxNote+1), nil)
	if n.Valid() || field.Of(n).Err() != "a note is at most 2,000 characters; yours has 2,001" {
		t.Errorf("a note over the limit: %q", field.Of(n).Err())
	}
	n = newNote(2 * MaxNote)
	n.Paste(strings.Repeat("\x1b[2J", 100)+strings.Repeat("z", MaxNote), nil)
	if !n.Valid() {
		t.Errorf("escapes were counted: %v", field.Of(n).Err())
	}
}
