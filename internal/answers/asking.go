package answers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// What asking the questions does with the answers, the same for every front
// end (the terminal UI, the line-by-line prompts, the check-in): which
// questions a page shows, what must be answered before going on, and how a
// choice changes an answer.

// Visible lists the questions of a page that apply to the answers so far,
// in order: follow-ups appear once their parent is answered to match.
func Visible(qn *questionnaire.Questionnaire, a Answers, p *questionnaire.Page) []*questionnaire.Question {
	return AppendVisible(nil, qn, a, p)
}

// AppendVisible is Visible appending to dst, to reuse a slice.
func AppendVisible(dst []*questionnaire.Question, qn *questionnaire.Questionnaire, a Answers, p *questionnaire.Page) []*questionnaire.Question {
	for _, q := range p.Questions {
		if Applies(qn, a, q) {
			dst = append(dst, q)
		}
	}
	return dst
}

// Required reports whether a question must be answered before going on.
// The warning signs are: self-care advice is only safe once they are known.
func Required(q *questionnaire.Question) bool { return q.Warning }

// Missing lists the required questions of a page that apply and are not
// answered yet.
func Missing(qn *questionnaire.Questionnaire, a Answers, p *questionnaire.Page) []*questionnaire.Question {
	var out []*questionnaire.Question
	for _, q := range p.Questions {
		if Required(q) && Applies(qn, a, q) && !a.Answered(q.ID) {
			out = append(out, q)
		}
	}
	return out
}

// MissingMessage says what to do about a required question left empty.
func MissingMessage(q *questionnaire.Question) string {
	switch q.Kind {
	case questionnaire.Number:
		return fmt.Sprintf("Please answer: a whole number from %d to %d.", q.Min, q.Max)
	case questionnaire.Many:
		for _, o := range q.Options {
			if o.Exclusive {
				return fmt.Sprintf("Please answer: choose %q if none apply.", o.Label)
			}
		}
	}
	return "Please answer this question before going on."
}

// FirstUnfinished is the first page with a question that applies and is not
// answered, where a person reopening saved answers picks up; -1 when every
// question that applies is answered.
func FirstUnfinished(qn *questionnaire.Questionnaire, a Answers) int {
	for i, p := range qn.Pages {
		for _, q := range p.Questions {
			if Applies(qn, a, q) && !a.Answered(q.ID) {
				return i
			}
		}
	}
	return -1
}

// Toggle flips an option of a many question. An exclusive option ("None of
// these") clears the others, and any other option clears the exclusive ones.
// The value is copied, never changed in place.
func Toggle(q *questionnaire.Question, v Value, id string) Value {
	if i := slices.Index(v.Options, id); i >= 0 {
		out := make([]string, 0, len(v.Options)-1)
		out = append(out, v.Options[:i]...)
		out = append(out, v.Options[i+1:]...)
		return Value{Options: out}
	}
	o, _ := q.Option(id)
	if o.Exclusive {
		return Choices(id)
	}
	out := make([]string, 0, len(v.Options)+1)
	for _, old := range v.Options {
		if oo, _ := q.Option(old); !oo.Exclusive {
			out = append(out, old)
		}
	}
	out = append(out, id)
	// Keep the questionnaire's order, so summaries read the same way.
	slices.SortFunc(out, func(a, b string) int { return optionIndex(q, a) - optionIndex(q, b) })
	return Value{Options: out}
}

// optionIndex orders options as the questionnaire does, unknown ones last.
func optionIndex(q *questionnaire.Question, id string) int {
	if i := q.OptionIndex(id); i >= 0 {
		return i
	}
	return len(q.Options)
}

// Choose is the answer for picking option id of a one or yes/no question.
func Choose(q *questionnaire.Question, id string) Value {
	if q.Kind == questionnaire.YesNo {
		return Bool(id == "yes")
	}
	return Choice(id)
}

// NumberError is a typed number that is not an answer: not a whole number,
// or out of the question's range. Its Error is a sentence fit to show
// before asking again.
type NumberError struct {
	Typed    string
	Min, Max int
	// OutOfRange is set for a whole number outside Min..Max.
	OutOfRange bool
}

func (e *NumberError) Error() string {
	if e.OutOfRange {
		return fmt.Sprintf("%s is out of range; enter a number from %d to %d.", e.Typed, e.Min, e.Max)
	}
	return fmt.Sprintf("%q is not a whole number; enter one from %d to %d.", e.Typed, e.Min, e.Max)
}

// ParseNumber reads a number answer; the error is a *NumberError.
func ParseNumber(q *questionnaire.Question, s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &NumberError{Typed: s, Min: q.Min, Max: q.Max}
	}
	if n < q.Min || n > q.Max {
		return 0, &NumberError{Typed: strconv.Itoa(n), Min: q.Min, Max: q.Max, OutOfRange: true}
	}
	return n, nil
}
