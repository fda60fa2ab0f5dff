// Package answers holds a person's answers to the questionnaire and reads and
// writes the answers file: YAML or JSON mapping question id to an option id,
// a list of option ids, a number or a yes/no.
package answers

import (
	"maps"
	"slices"
	"strconv"
	"strings"

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
// follow-up applies only when one of its show-if conditions holds (the
// answer includes an option it names, or a number is at least its
// minimum) on a question that itself applies. A warning question that has
// an answer always applies: a sign once given is never hidden or dropped
// because a partner answer changed or was never given, and an answers file
// written before the question became a follow-up assesses and reads as it
// did.
func Applies(qn *questionnaire.Questionnaire, a Answers, q *questionnaire.Question) bool {
	if q.ShowIf == nil || (q.Warning && a.Answered(q.ID)) {
		return true
	}
	if branchApplies(qn, a, q.ShowIf) {
		return true
	}
	for i := range q.ShowIf.Or {
		if branchApplies(qn, a, &q.ShowIf.Or[i]) {
			return true
		}
	}
	return false
}

// branchApplies reports whether one show-if condition (its Or aside)
// holds on a question that applies.
func branchApplies(qn *questionnaire.Questionnaire, a Answers, s *questionnaire.ShowIf) bool {
	if !holds(s, a) {
		return false
	}
	parent, ok := qn.Question(s.Question)
	return ok && Applies(qn, a, parent)
}

// holds reports whether one show-if condition (its Or aside) holds for the
// answers.
func holds(s *questionnaire.ShowIf, a Answers) bool {
	if s.Min != 0 {
		v, ok := a[s.Question]
		return ok && v.Number != nil && *v.Number >= s.Min
	}
	for _, id := range s.AnyOf {
		if a.Has(s.Question, id) {
			return true
		}
	}
	return false
}

// Prune drops answers to follow-ups that no longer apply (the person changed
// the parent answer), so what is shown and assessed is what they meant.
func Prune(qn *questionnaire.Questionnaire, a Answers) Answers {
	// Walks the answers, not the questions: a few answers, many questions.
	// Most often none is dropped, and a clone is cheaper than a new map.
	keep := func(id string) bool {
		q, ok := qn.Question(id)
		return ok && Applies(qn, a, q)
	}
	all := true
	for id := range a {
		if !keep(id) {
			all = false
			break
		}
	}
	if all && a != nil { // a clone of nil is nil, and Prune never returns nil
		return maps.Clone(a)
	}
	out := make(Answers, len(a))
	for id, v := range a {
		if keep(id) {
			out[id] = v
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
	if len(v.Options) == 1 {
		return optionText(q, v.Options[0])
	}
	// Several options are joined in one allocation: "; " between labels.
	n := 2 * max(len(v.Options)-1, 0)
	for _, id := range v.Options {
		n += len(optionText(q, id))
	}
	var b strings.Builder
	b.Grow(n)
	for i, id := range v.Options {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(optionText(q, id))
	}
	return b.String()
}

// optionText is an option's label, or its id when q has no such option.
func optionText(q *questionnaire.Question, id string) string {
	for i := range q.Options {
		if q.Options[i].ID == id {
			return q.Options[i].Label
		}
	}
	return id
}
