package main

// Keys for the pseudo-terminal tests, computed from the questionnaire by
// question and option ids (internal/testkit/keyscript), so that a new option or
// follow-up question changes no script here.

import (
	"fmt"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
)

// ptyKeys are keyscript's key names as a terminal sends them.
func ptyKeys(tb testing.TB, names []string) []string {
	tb.Helper()
	out := make([]string, len(names))
	for i, k := range names {
		switch k {
		case keyscript.Enter:
			out[i] = kEnter
		case keyscript.Tab:
			out[i] = kTab
		case keyscript.ShiftTab:
			out[i] = kShiftTab
		case keyscript.Right:
			out[i] = kRight
		case keyscript.Left:
			out[i] = kLeft
		case keyscript.Space:
			out[i] = " "
		case keyscript.Backspace:
			out[i] = "\x7f"
		default:
			if len(k) != 1 {
				tb.Fatalf("no terminal bytes for the key %q", k)
			}
			out[i] = k
		}
	}
	return out
}

// sendKeys sends the keys a script has built since it last sent.
func (v *vterm) sendKeys(s *keyscript.Script) {
	v.t.Helper()
	v.send(ptyKeys(v.t, s.Keys())...)
}

// script starts the keys that answer the questionnaire, on its first page.
func script(tb testing.TB) *keyscript.Script { return keyscript.Default(tb) }

// label is how the page shows an option, for waiting on it: "[x] None of
// these".
func label(tb testing.TB, question, option string) string {
	tb.Helper()
	q, ok := questionnaire.Default().Question(question)
	if !ok {
		tb.Fatalf("no question %q", question)
	}
	o, ok := q.Option(option)
	if !ok {
		tb.Fatalf("question %q has no option %q", question, option)
	}
	return o.Label
}

// nowNumber is the number the line-by-line mode takes for an option of the
// first warning question, warning_now.
func nowNumber(tb testing.TB, option string) string {
	tb.Helper()
	q, _ := questionnaire.Default().Question("warning_now")
	n := keyscript.Number(q, option)
	if n == "" {
		tb.Fatalf("warning_now has no option %q", option)
	}
	return n
}

// fieldPick are the keys that choose option of q in a question field (the
// check-in asks with the questionnaire's fields) and go on: the option's
// number (or, past 9, the cursor moved onto it and x), then enter.
func fieldPick(tb testing.TB, q *questionnaire.Question, option string) []string {
	tb.Helper()
	i := q.OptionIndex(option)
	if i < 0 {
		tb.Fatalf("question %q has no option %q", q.ID, option)
	}
	if i < 9 {
		return []string{keyscript.Number(q, option), kEnter}
	}
	keys := []string{"g"}
	for range i {
		keys = append(keys, kDown)
	}
	return append(keys, "x", kEnter)
}

// pageOf is how the terminal UI numbers a page of the questionnaire
// ("page 2 of 8"), so tests never count pages themselves.
func pageOf(t testing.TB, id string) string {
	t.Helper()
	qn := questionnaire.Default()
	i := qn.PageIndex(id)
	if i < 0 {
		t.Fatalf("no page %q in the questionnaire", id)
	}
	return fmt.Sprintf("page %d of %d", i+1, len(qn.Pages))
}
