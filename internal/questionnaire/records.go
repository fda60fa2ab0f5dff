package questionnaire

import (
	"fmt"
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
	var (
		pages []*Page
		q     *Question
	)
	for i, r := range rs {
		if len(r) == 0 {
			return nil, fmt.Errorf("record %d: empty", i+1)
		}
		bad := func(want string) error { return fmt.Errorf("record %d (%s): expected %s", i+1, r[0], want) }
		switch r[0] {
		case "page":
			if len(r) != 4 {
				return nil, bad("an id, a title and an intro")
			}
			pages = append(pages, &Page{ID: r[1], Title: r[2], Intro: r[3]})
			q = nil
		case "question":
			if len(r) != 7 || len(pages) == 0 {
				return nil, bad("an id, a kind, a warning mark, a prompt, a short name and a why, on a page")
			}
			q = &Question{ID: r[1], Kind: Kind(r[2]), Warning: r[3] == "warning", Prompt: r[4], Short: r[5], Why: r[6]}
			p := pages[len(pages)-1]
			p.Questions = append(p.Questions, q)
		case "range":
			if len(r) != 4 || q == nil {
				return nil, bad("a min, a max and a unit, after a question")
			}
			lo, err1 := strconv.Atoi(r[1])
			hi, err2 := strconv.Atoi(r[2])
			if err1 != nil || err2 != nil {
				return nil, bad("whole numbers")
			}
			q.Min, q.Max, q.Unit = lo, hi, r[3]
		case "show_if":
			if len(r) < 3 || q == nil {
				return nil, bad("a question and options, after a question")
			}
			q.ShowIf = &ShowIf{Question: r[1], AnyOf: r[2:]}
		case "option":
			if len(r) < 3 || len(r) > 4 || q == nil || (len(r) == 4 && r[3] != "exclusive") {
				return nil, bad(`an id, a label and optionally "exclusive", after a question`)
			}
			q.Options = append(q.Options, Option{ID: r[1], Label: r[2], Exclusive: len(r) == 4})
		default:
			return nil, fmt.Errorf("record %d: unknown record %q", i+1, r[0])
		}
	}
	return New(pages)
}
