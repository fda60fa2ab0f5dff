package keyscript

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// NoWarnings is "None of these" to every warning question with that option,
// "no" to a yes/no warning question, and age to the age. A warning
// question it cannot answer so fails the test, so a new kind of warning
// question is noticed here once rather than in every script.
func NoWarnings(tb testing.TB, qn *questionnaire.Questionnaire, age int) answers.Answers {
	tb.Helper()
	a := answers.Answers{}
	for _, q := range qn.Questions() {
		if !q.Warning {
			continue
		}
		switch {
		case q.Kind == questionnaire.YesNo:
			a[q.ID] = answers.Bool(false)
		case q.Kind == questionnaire.Number && q.ID == "age":
			a[q.ID] = answers.Num(age)
		case slices.Contains(q.OptionIDs(), None):
			a[q.ID] = answers.Choices(None)
		default:
			tb.Fatalf("keyscript: warning question %q has no %q option: say how to answer it here", q.ID, None)
		}
	}
	return a
}

// With is a copy of a with more answers: the even arguments are question
// ids, each followed by its answer as written in an answers file ("yes",
// "no", a number, or option ids separated by commas).
func With(tb testing.TB, qn *questionnaire.Questionnaire, a answers.Answers, pairs ...string) answers.Answers {
	tb.Helper()
	if len(pairs)%2 != 0 {
		tb.Fatalf("keyscript: With needs question and answer pairs, got %v", pairs)
	}
	out := a.Clone()
	for i := 0; i < len(pairs); i += 2 {
		q, ok := qn.Question(pairs[i])
		if !ok {
			tb.Fatalf("keyscript: no question %q", pairs[i])
		}
		val := pairs[i+1]
		switch q.Kind {
		case questionnaire.Number:
			n, err := answers.ParseNumber(q, val)
			if err != nil {
				tb.Fatalf("keyscript: %s: %v", q.ID, err)
			}
			out[q.ID] = answers.Num(n)
		case questionnaire.YesNo:
			if val != "yes" && val != "no" {
				tb.Fatalf("keyscript: %s is yes or no, not %q", q.ID, val)
			}
			out[q.ID] = answers.Bool(val == "yes")
		default:
			ids := strings.Split(val, ",")
			for _, id := range ids {
				if q.OptionIndex(id) < 0 {
					tb.Fatalf("keyscript: question %q has no option %q (it has %v)", q.ID, id, q.OptionIDs())
				}
			}
			out[q.ID] = answers.Choices(ids...)
		}
	}
	return out
}

// Lines are the lines the line-by-line mode (internal/accessible) reads for
// answers a: one for each question it asks, in order, skipping the
// follow-ups a does not show. An answer is its options' numbers (as a
// person types them), a number, or an empty line for a question a leaves
// out (skipped). An answer naming an unknown option fails the test.
func Lines(tb testing.TB, qn *questionnaire.Questionnaire, a answers.Answers) []string {
	tb.Helper()
	return lines(tb, qn, a, 0, len(qn.Questions()))
}

// LinesUntil are the Lines up to and including question's.
func LinesUntil(tb testing.TB, qn *questionnaire.Questionnaire, a answers.Answers, question string) []string {
	tb.Helper()
	return lines(tb, qn, a, 0, index(tb, qn, question)+1)
}

// LinesAfter are the Lines after question's.
func LinesAfter(tb testing.TB, qn *questionnaire.Questionnaire, a answers.Answers, question string) []string {
	tb.Helper()
	return lines(tb, qn, a, index(tb, qn, question)+1, len(qn.Questions()))
}

// WarningLines are the Lines of the warning questions, which come first.
func WarningLines(tb testing.TB, qn *questionnaire.Questionnaire, a answers.Answers) []string {
	tb.Helper()
	n := 0
	for n < len(qn.Questions()) && qn.Questions()[n].Warning {
		n++
	}
	return lines(tb, qn, a, 0, n)
}

func index(tb testing.TB, qn *questionnaire.Questionnaire, question string) int {
	tb.Helper()
	i := qn.Index(question)
	if i < 0 {
		tb.Fatalf("keyscript: no question %q", question)
	}
	return i
}

// lines are the Lines of the questions from..to-1 in the order asked.
func lines(tb testing.TB, qn *questionnaire.Questionnaire, a answers.Answers, from, to int) []string {
	tb.Helper()
	var out []string
	for _, q := range qn.Questions()[from:to] {
		if answers.Applies(qn, a, q) {
			out = append(out, line(tb, q, a[q.ID]))
		}
	}
	return out
}

// line is the line that answers q with v in the line-by-line mode: the
// options' numbers separated by spaces, or the number; empty for no answer.
func line(tb testing.TB, q *questionnaire.Question, v answers.Value) string {
	tb.Helper()
	ids := v.Options
	switch {
	case v.Number != nil:
		return strconv.Itoa(*v.Number)
	case v.Yes != nil && *v.Yes:
		ids = []string{"yes"}
	case v.Yes != nil:
		ids = []string{"no"}
	}
	nums := make([]string, len(ids))
	for i, id := range ids {
		if nums[i] = Number(q, id); nums[i] == "" {
			tb.Fatalf("keyscript: question %q has no option %q (it has %v)", q.ID, id, q.OptionIDs())
		}
	}
	return strings.Join(nums, " ")
}

// Number is an option's number as the line-by-line mode and the pages show
// it ("7" for the seventh), or "" when q has no such option.
func Number(q *questionnaire.Question, id string) string {
	i := slices.Index(q.OptionIDs(), id)
	if i < 0 {
		return ""
	}
	return strconv.Itoa(i + 1)
}
