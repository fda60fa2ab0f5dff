// Package questionlist renders the questionnaire for `backtriage
// questions`: a text list for people and JSON for scripts (a public
// contract, docs/contracts.md), every question with its ids.
package questionlist

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// questionJSON is one entry of `backtriage questions --format json`: a
// public contract.
type questionJSON struct {
	ID      string                 `json:"id"`
	Page    string                 `json:"page"`
	Prompt  string                 `json:"prompt"`
	Short   string                 `json:"short"`
	Why     string                 `json:"why"`
	Kind    questionnaire.Kind     `json:"kind"`
	Options []questionnaire.Option `json:"options"`
	Min     *int                   `json:"min,omitempty"`
	Max     *int                   `json:"max,omitempty"`
	Unit    string                 `json:"unit,omitempty"`
	Warning bool                   `json:"warning"`
	ShowIf  *questionnaire.ShowIf  `json:"show_if,omitempty"`
}

// List is the built-in questionnaire, or the questions of it named.
type List struct {
	qn  *questionnaire.Questionnaire
	ids []string
}

// UnknownID is a question id the questionnaire does not hold; Nearest is
// the closest one, "" when none is close.
type UnknownID struct{ ID, Nearest string }

func (e *UnknownID) Error() string {
	if e.Nearest != "" {
		return fmt.Sprintf("no question %q; did you mean %q? ('backtriage questions' lists them)", e.ID, e.Nearest)
	}
	return fmt.Sprintf("no question %q ('backtriage questions' lists them)", e.ID)
}

// Of is the built-in questionnaire's questions named by ids, or all of
// them; an id it does not hold is an *UnknownID.
func Of(ids []string) (*List, error) {
	qn := questionnaire.Default()
	for _, id := range ids {
		if _, ok := qn.Question(id); ok {
			continue
		}
		best, bestD := "", 3
		for _, q := range qn.Questions() {
			if d := textwrap.Distance(id, q.ID); d < bestD {
				best, bestD = q.ID, d
			}
		}
		return nil, &UnknownID{ID: id, Nearest: best}
	}
	return &List{qn: qn, ids: ids}, nil
}

func (l *List) keep(id string) bool { return len(l.ids) == 0 || slices.Contains(l.ids, id) }

// Completions are the question ids not in given, each with its short
// title, for shell completion.
func Completions(given []string) (ids, shorts []string) {
	for _, q := range questionnaire.Default().Questions() {
		if !slices.Contains(given, q.ID) {
			ids, shorts = append(ids, q.ID), append(shorts, q.Short)
		}
	}
	return ids, shorts
}

// WriteJSON writes the list for scripts.
func (l *List) WriteJSON(w io.Writer) error {
	out := []questionJSON{}
	for _, q := range l.qn.Questions() {
		if !l.keep(q.ID) {
			continue
		}
		j := questionJSON{ID: q.ID, Page: q.Page, Prompt: q.Prompt, Short: q.Short, Why: q.Why, Kind: q.Kind,
			Options: q.Choices(), Unit: q.Unit, Warning: q.Warning, ShowIf: q.ShowIf}
		if q.Kind == questionnaire.Number {
			j.Options = []questionnaire.Option{}
			j.Min, j.Max = &q.Min, &q.Max
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteText writes the list for people, page by page.
func (l *List) WriteText(w io.Writer) error {
	for i, p := range l.qn.Pages {
		if !slices.ContainsFunc(p.Questions, func(q *questionnaire.Question) bool { return l.keep(q.ID) }) {
			continue
		}
		fmt.Fprintf(w, "Page %d of %d: %s\n\n", i+1, len(l.qn.Pages), p.Title)
		for _, q := range p.Questions {
			if !l.keep(q.ID) {
				continue
			}
			fmt.Fprintf(w, "  %s (%s)\n    %s\n    Why we ask: %s\n", q.ID, q.AnswerShape(), q.Prompt, q.Why)
			if q.ShowIf != nil {
				fmt.Fprintf(w, "    Asked only if %s\n", q.ShowIf)
			}
			for _, o := range q.Options {
				fmt.Fprintf(w, "      %-24s %s\n", o.ID, o.Label)
			}
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
	}
	return nil
}
