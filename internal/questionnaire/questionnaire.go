// Package questionnaire is backtriage's questions: their types, and the
// built-in questionnaire (Default) and follow-up facts (Followup). The text
// is data, written in rules/questions.yaml beside the rules that read it and
// read here from its compiled copy at the head of rules/table.json, so no
// question text is in Go. The terminal UI, the accessible prompts, the
// answers file, `backtriage questions` and the rule loader all read these
// definitions.
package questionnaire

import (
	"fmt"
	"strings"
)

// Kind is how a question is answered. The ids are part of the JSON contract.
type Kind string

const (
	One    Kind = "one"    // pick one option
	Many   Kind = "many"   // pick any number of options
	Number Kind = "number" // a whole number within Min..Max
	YesNo  Kind = "yesno"  // yes or no
	// Text is free text, read by no rule: the check-in's note, the one
	// question of this kind (a follow-up fact, never in the assessment).
	Text Kind = "text"
)

// Option is one choice of a one or many question.
type Option struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Exclusive options ("none of these", "don't know") cannot be combined
	// with others in a many question.
	Exclusive bool `json:"exclusive,omitempty"`
}

// ShowIf makes a question a follow-up: it is asked only when the answer to
// Question includes one of AnyOf (for a yesno question, "yes" or "no"), or,
// for a number question, is at least Min; or when any condition in Or holds
// (each on its own question). A question the rules need only in
// combination is asked only when a partner is answered.
type ShowIf struct {
	Question string   `json:"question"`
	AnyOf    []string `json:"any_of,omitempty"`
	Min      int      `json:"min,omitempty"`
	Or       []ShowIf `json:"or,omitempty"`
}

// Branches are the conditions of a show-if, any of which shows the
// question: the first, then each of Or.
func (s *ShowIf) Branches() []ShowIf {
	first := *s
	first.Or = nil
	return append([]ShowIf{first}, s.Or...)
}

// String says when the question is asked, in ids: "warning_history is
// accident or osteoporosis_steroids, or age is at least 70".
func (s *ShowIf) String() string {
	var parts []string
	for _, b := range s.Branches() {
		if b.Min != 0 {
			parts = append(parts, fmt.Sprintf("%s is at least %d", b.Question, b.Min))
		} else {
			parts = append(parts, b.Question+" is "+strings.Join(b.AnyOf, " or "))
		}
	}
	return strings.Join(parts, ", or ")
}

// Question is one thing we ask.
type Question struct {
	ID     string `json:"id"`
	Page   string `json:"page"`
	Prompt string `json:"prompt"`
	// Short names the answer in summaries ("Sleep position: side").
	Short string `json:"short"`
	// Why is the one-line "why we ask".
	Why     string   `json:"why"`
	Kind    Kind     `json:"kind"`
	Options []Option `json:"options,omitempty"`
	Min     int      `json:"min,omitempty"`
	Max     int      `json:"max,omitempty"`
	Unit    string   `json:"unit,omitempty"`
	// Warning marks the warning-sign screen, asked before anything else.
	Warning bool    `json:"warning,omitempty"`
	ShowIf  *ShowIf `json:"show_if,omitempty"`
	// FromPlan says the options listed come before ones added from the
	// person's plan when it is asked (options_from: plan, the check-in's
	// checklist of steps): one option of its own is then enough.
	FromPlan bool `json:"-"`

	ids []string // option ids, built once by New
}

// Option returns the option with the given id.
func (q *Question) Option(id string) (Option, bool) {
	for _, o := range q.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

var yesNo = []string{"yes", "no"}

var yesNoOptions = []Option{{ID: "yes", Label: "Yes"}, {ID: "no", Label: "No"}}

// Choices are the options offered: the question's own, or Yes and No for a
// yes/no question. The slice is shared: do not modify.
func (q *Question) Choices() []Option {
	if q.Kind == YesNo {
		return yesNoOptions
	}
	return q.Options
}

// OptionIndex is the position of option id in Options, or -1.
func (q *Question) OptionIndex(id string) int {
	for i, o := range q.Options {
		if o.ID == id {
			return i
		}
	}
	return -1
}

// AnswerShape says in words what an answers file gives for the question
// ("one option", "a number, 16 to 120 years"): the one wording the question
// list and the safety document share.
func (q *Question) AnswerShape() string {
	switch q.Kind {
	case One:
		return "one option"
	case Many:
		return "a list of options"
	case Number:
		return strings.TrimSpace(fmt.Sprintf("a number, %d to %d %s", q.Min, q.Max, q.Unit))
	case YesNo:
		return "true or false"
	}
	return "free text"
}

// OptionIDs lists the valid option ids. The slice is shared: do not modify.
func (q *Question) OptionIDs() []string {
	if q.Kind == YesNo {
		return yesNo
	}
	if q.ids == nil { // a Question not built by New
		ids := make([]string, len(q.Options))
		for i, o := range q.Options {
			ids[i] = o.ID
		}
		return ids
	}
	return q.ids
}

// Page groups a handful of questions on one screen.
type Page struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Intro     string      `json:"intro"`
	Questions []*Question `json:"questions"`
}

// Questionnaire is the ordered set of pages. It is immutable once built (by
// New, FromRecords or the rule loader); share it freely.
type Questionnaire struct {
	Pages     []*Page
	questions []*Question
	index     map[string]int
}

// Questions lists every question in the order asked.
func (qn *Questionnaire) Questions() []*Question { return qn.questions }

// Question looks a question up by id.
func (qn *Questionnaire) Question(id string) (*Question, bool) {
	i, ok := qn.index[id]
	if !ok {
		return nil, false
	}
	return qn.questions[i], true
}

// Index is the position of a question in Questions, or -1.
func (qn *Questionnaire) Index(id string) int {
	if i, ok := qn.index[id]; ok {
		return i
	}
	return -1
}

// Page is the page with id; an error names a page that is not there.
func (qn *Questionnaire) Page(id string) (*Page, error) {
	if i := qn.PageIndex(id); i >= 0 {
		return qn.Pages[i], nil
	}
	return nil, fmt.Errorf("no page %q", id)
}

// PageIndex is the position of a page by id, or -1.
func (qn *Questionnaire) PageIndex(id string) int {
	for i, p := range qn.Pages {
		if p.ID == id {
			return i
		}
	}
	return -1
}

// IDs lists the question ids in order, for error messages.
func (qn *Questionnaire) IDs() []string {
	ids := make([]string, len(qn.questions))
	for i, q := range qn.questions {
		ids[i] = q.ID
	}
	return ids
}

// New indexes pages and checks that the definitions are consistent: unique
// ids, options where needed, follow-ups that point at earlier questions.
func New(pages []*Page) (*Questionnaire, error) {
	qn := &Questionnaire{Pages: pages, index: map[string]int{}}
	for _, p := range pages {
		for _, q := range p.Questions {
			if _, dup := qn.index[q.ID]; dup {
				return nil, fmt.Errorf("question %q defined twice", q.ID)
			}
			q.Page = p.ID
			switch q.Kind {
			case One, Many:
				if len(q.Options) < 2 && (!q.FromPlan || len(q.Options) == 0) {
					return nil, fmt.Errorf("question %q: a %s question needs options", q.ID, q.Kind)
				}
				seen := map[string]bool{}
				for _, o := range q.Options {
					if seen[o.ID] {
						return nil, fmt.Errorf("question %q: option %q defined twice", q.ID, o.ID)
					}
					seen[o.ID] = true
				}
				if len(q.Options) > 64 {
					return nil, fmt.Errorf("question %q: more than 64 options", q.ID)
				}
			case Number:
				if q.Max <= q.Min {
					return nil, fmt.Errorf("question %q: needs min < max", q.ID)
				}
			case YesNo, Text:
			default:
				return nil, fmt.Errorf("question %q: unknown kind %q", q.ID, q.Kind)
			}
			if q.ShowIf != nil {
				if err := qn.checkShowIf(q); err != nil {
					return nil, err
				}
			}
			q.ids = nil
			q.ids = q.OptionIDs()
			qn.index[q.ID] = len(qn.questions)
			qn.questions = append(qn.questions, q)
		}
	}
	return qn, nil
}

// checkShowIf checks each condition of q's show-if: a question asked before
// q, and options of it (or, for a number question, a minimum within its
// range).
func (qn *Questionnaire) checkShowIf(q *Question) error {
	for _, s := range q.ShowIf.Branches() {
		i, ok := qn.index[s.Question]
		if !ok {
			return fmt.Errorf("question %q: show_if names %q, which is not asked before it", q.ID, s.Question)
		}
		parent := qn.questions[i]
		if parent.Kind == Number {
			if len(s.AnyOf) > 0 || s.Min <= parent.Min || s.Min > parent.Max {
				return fmt.Errorf("question %q: show_if on number question %q needs min within %d to %d, and no any_of", q.ID, s.Question, parent.Min+1, parent.Max)
			}
			continue
		}
		if s.Min != 0 || len(s.AnyOf) == 0 {
			return fmt.Errorf("question %q: show_if on %q needs any_of (its options), not min", q.ID, s.Question)
		}
		for _, id := range s.AnyOf {
			if parent.Kind == YesNo && (id == "yes" || id == "no") {
				continue
			}
			if _, ok := parent.Option(id); !ok {
				return fmt.Errorf("question %q: show_if option %q is not an option of %q", q.ID, id, s.Question)
			}
		}
	}
	return nil
}
