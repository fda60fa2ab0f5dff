package checkin

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// FromFile reads a check-in from an answers file (path, or "-" for
// standard input) against the plan of o.State. Every warning sign must be
// answered again, every time; only the age may come from the assessment
// (it is assessed with, not stored as today's answer). A file with
// mistakes is an *InvalidFile carrying the answers that could still be
// read, so a front end can show an urgent sign's advice before the error.
func FromFile(path string, stdin io.Reader, o Options) (*Input, error) {
	var plan []diary.Step
	if o.State.Episode != nil {
		plan = o.State.Episode.Plan
	}
	qn := FileQuestionnaire(plan, o.Engine.Table())
	a, note, err := ReadFile(path, stdin, qn)
	if err != nil {
		return nil, err
	}
	full := a.Clone()
	for k, v := range Prefill(o) {
		if !full.Answered(k) {
			full[k] = v
		}
	}
	if miss := Missing(qn, full); len(miss) > 0 {
		return nil, &InvalidFile{Err: missingError(path, miss), Warnings: a}
	}
	return &Input{Answers: a, Note: note, Now: o.Now}, nil
}

// missingError names the warning-sign questions a check-in file left out,
// and how each kind is answered.
func missingError(path string, miss []*questionnaire.Question) error {
	ids := make([]string, len(miss))
	var hints []string
	for i, q := range miss {
		ids[i] = q.ID
		hint := "answer none where none of the options apply"
		switch q.Kind {
		case questionnaire.Number:
			hint = fmt.Sprintf("%s: give a whole number from %d to %d", q.ID, q.Min, q.Max)
		case questionnaire.YesNo:
			hint = q.ID + ": answer yes or no"
		}
		if !slices.Contains(hints, hint) {
			hints = append(hints, hint)
		}
	}
	if path == "-" {
		path = "<stdin>" // as the file's other errors name it
	}
	return fmt.Errorf("%s: the warning-sign questions come first, every time; not answered: %s (%s; see 'backtriage questions')",
		path, strings.Join(ids, ", "), strings.Join(hints, "; "))
}
