// Package answers holds a person's answers to the questionnaire and reads and
// writes the answers file: YAML or JSON mapping question id to an option id,
// a list of option ids, a number or a yes/no.
package answers

import (
	"slices"
	"strconv"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Value is one answer. Exactly one field is set, matching the question kind:
// Options for one (a single id) and many, Number for number, Yes for yesno.
type Value struct {
	Options []string
	Number  *int
	Yes     *bool
}

// Answers maps question id to its answer. A missing key is unanswered.
type Answers map[string]Value

// Choice is the answer to a one question.
func Choice(id string) Value { return Value{Options: []string{id}} }

// Choices is the answer to a many question.
func Choices(ids ...string) Value { return Value{Options: ids} }

// Num is the answer to a number question.
func Num(n int) Value { return Value{Number: &n} }

// Bool is the answer to a yesno question.
func Bool(b bool) Value { return Value{Yes: &b} }

// Has reports whether the answer to question includes option. For a yesno
// question the options are "yes" and "no".
func (a Answers) Has(question, option string) bool {
	v, ok := a[question]
	if !ok {
		return false
	}
	if v.Yes != nil {
		return (option == "yes") == *v.Yes
	}
	return slices.Contains(v.Options, option)
}

// Answered reports whether the question has an answer.
func (a Answers) Answered(question string) bool {
	v, ok := a[question]
	return ok && (len(v.Options) > 0 || v.Number != nil || v.Yes != nil)
}

// Applies reports whether q should be asked given the answers so far: a
// follow-up applies only when its parent applies and was answered with one of
// the options it names.
func Applies(qn *questionnaire.Questionnaire, a Answers, q *questionnaire.Question) bool {
	for q.ShowIf != nil {
		s := q.ShowIf
		match := false
		for _, id := range s.AnyOf {
			if a.Has(s.Question, id) {
				match = true
				break
			}
		}
		if !match {
			return false
		}
		parent, ok := qn.Question(s.Question)
		if !ok {
			return false
		}
		q = parent
	}
	return true
}

// Prune drops answers to follow-ups that no longer apply (the person changed
// the parent answer), so what is shown and assessed is what they meant.
func Prune(qn *questionnaire.Questionnaire, a Answers) Answers {
	out := make(Answers, len(a))
	for _, q := range qn.Questions() {
		if v, ok := a[q.ID]; ok && Applies(qn, a, q) {
			out[q.ID] = v
		}
	}
	return out
}

// Clone copies the answers deeply enough that editing the copy never changes
// the original.
func (a Answers) Clone() Answers {
	out := make(Answers, len(a))
	for k, v := range a {
		out[k] = Value{Options: slices.Clone(v.Options), Number: v.Number, Yes: v.Yes}
	}
	return out
}

// Text renders an answer in words, for summaries ("On my side, On my back").
func Text(q *questionnaire.Question, v Value) string {
	switch {
	case v.Yes != nil:
		if *v.Yes {
			return "Yes"
		}
		return "No"
	case v.Number != nil:
		s := strconv.Itoa(*v.Number)
		if q.Unit != "" {
			s += " " + q.Unit
		}
		return s
	}
	s := ""
	for i, id := range v.Options {
		if i > 0 {
			s += "; "
		}
		if o, ok := q.Option(id); ok {
			s += o.Label
		} else {
			s += id
		}
	}
	return s
}
