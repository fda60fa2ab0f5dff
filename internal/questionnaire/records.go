package questionnaire

import (
	"fmt"
	"slices"
	"strconv"
)

// Records are a questionnaire flattened for the compiled rule table
// (rules/table.json): one list of strings per page, question, number range,
// show-if and option, in the order asked. Each record starts with its kind:
//
//	["page", id, title, intro]
//	["question", id, kind, "warning" or "", prompt, short, why]
//	["range", min, max, unit]              (after a number question)
//	["show_if", question, option, ...]     (after a show-if question)
//	["options_from", "plan"]               (after a checklist of the plan)
//	["option", id, label]                  (or with a fourth field "exclusive")
//
// Flat lists of strings decode several times faster than nested objects,
// which matters because the questionnaire is read at every start-up.
type Records [][]string

// Records flattens qn. FromRecords(qn.Records()) is qn again.
func (qn *Questionnaire) Records() Records {
	var out Records
	for _, p := range qn.Pages {
		out = append(out, []string{"page", p.ID, p.Title, p.Intro})
		for _, q := range p.Questions {
			warning := ""
			if q.Warning {
				warning = "warning"
			}
			out = append(out, []string{"question", q.ID, string(q.Kind), warning, q.Prompt, q.Short, q.Why})
			if q.Kind == Number {
				out = append(out, []string{"range", strconv.Itoa(q.Min), strconv.Itoa(q.Max), q.Unit})
			}
			if q.ShowIf != nil {
				out = append(out, append([]string{"show_if", q.ShowIf.Question}, q.ShowIf.AnyOf...))
			}
			if q.FromPlan {
				out = append(out, []string{"options_from", "plan"})
			}
			for _, o := range q.Options {
				r := []string{"option", o.ID, o.Label}
				if o.Exclusive {
					r = append(r, "exclusive")
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// FromRecords rebuilds a questionnaire from Records and checks it as New does.
func FromRecords(rs Records) (*Questionnaire, error) {
	var nq, no int
	for _, r := range rs {
		if len(r) > 0 {
			switch r[0] {
			case "question":
				nq++
			case "option":
				no++
			}
		}
	}
	b := newRecordBuilder(nq, no)
	for i, r := range rs {
		if len(r) == 0 {
			return nil, fmt.Errorf("record %d: empty", i+1)
		}
		if err := b.add(r); err != nil {
			return nil, fmt.Errorf("record %d (%s): %w", i+1, r[0], err)
		}
	}
	return b.build()
}

// build ends the last page and checks the questionnaire as New does.
func (b *recordBuilder) build() (*Questionnaire, error) {
	b.endPage()
	return New(b.pages)
}

// recordBuilder adds records to the pages; q is the question the records
// after it belong to. Questions and options are taken from arrays sized
// by a count first: start-up reads the questionnaire, and one allocation
// for all options beats one per question.
type recordBuilder struct {
	pages []*Page
	q     *Question

	questions []Question
	asked     []*Question // the pages' questions, page after page
	options   []Option
	// pageStart and optStart are where the current page's questions and
	// the current question's options start in asked and options.
	pageStart, optStart int
}

// newRecordBuilder builds nq questions with no options in all.
func newRecordBuilder(nq, no int) *recordBuilder {
	return &recordBuilder{questions: make([]Question, 0, nq), asked: make([]*Question, 0, nq), options: make([]Option, 0, no)}
}

// endQuestion gives the current question its options (nil when none).
func (b *recordBuilder) endQuestion() {
	if b.q != nil && len(b.options) > b.optStart {
		b.q.Options = b.options[b.optStart:len(b.options):len(b.options)]
	}
	b.q, b.optStart = nil, len(b.options)
}

// endPage gives the current page its questions.
func (b *recordBuilder) endPage() {
	b.endQuestion()
	if len(b.pages) > 0 && len(b.asked) > b.pageStart {
		b.pages[len(b.pages)-1].Questions = b.asked[b.pageStart:len(b.asked):len(b.asked)]
	}
	b.pageStart = len(b.asked)
}

func (b *recordBuilder) add(r []string) error {
	switch r[0] {
	case "page":
		if len(r) != 4 {
			return fmt.Errorf("expected an id, a title and an intro")
		}
		b.endPage()
		b.pages = append(b.pages, &Page{ID: r[1], Title: r[2], Intro: r[3]})
	case "question":
		if len(r) != 7 || len(b.pages) == 0 || len(b.questions) == cap(b.questions) {
			return fmt.Errorf("expected an id, a kind, a warning mark, a prompt, a short name and a why, on a page")
		}
		b.endQuestion()
		b.questions = append(b.questions, Question{ID: r[1], Kind: Kind(r[2]), Warning: r[3] == "warning", Prompt: r[4], Short: r[5], Why: r[6]})
		b.q = &b.questions[len(b.questions)-1]
		b.asked = append(b.asked, b.q)
	case "range":
		return b.addRange(r)
	case "show_if":
		if len(r) < 3 || b.q == nil {
			return fmt.Errorf("expected a question and options, after a question")
		}
		b.q.ShowIf = &ShowIf{Question: r[1], AnyOf: slices.Clone(r[2:])} // r may be reused
	case "options_from":
		if len(r) != 2 || r[1] != "plan" || b.q == nil {
			return fmt.Errorf(`expected "plan", after a question`)
		}
		b.q.FromPlan = true
	case "option":
		return b.addOption(r)
	default:
		return fmt.Errorf("unknown record")
	}
	return nil
}

func (b *recordBuilder) addOption(r []string) error {
	if len(r) < 3 || len(r) > 4 || b.q == nil || (len(r) == 4 && r[3] != "exclusive") || len(b.options) == cap(b.options) {
		return fmt.Errorf(`expected an id, a label and optionally "exclusive", after a question`)
	}
	b.options = append(b.options, Option{ID: r[1], Label: r[2], Exclusive: len(r) == 4})
	return nil
}

func (b *recordBuilder) addRange(r []string) error {
	if len(r) != 4 || b.q == nil {
		return fmt.Errorf("expected a min, a max and a unit, after a question")
	}
	lo, err1 := strconv.Atoi(r[1])
	hi, err2 := strconv.Atoi(r[2])
	if err1 != nil || err2 != nil {
		return fmt.Errorf("expected whole numbers")
	}
	b.q.Min, b.q.Max, b.q.Unit = lo, hi, r[3]
	return nil
}
