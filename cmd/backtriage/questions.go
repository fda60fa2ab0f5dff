package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
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

// questionsOptions are `questions`'s: the ids to list and the format.
type questionsOptions struct {
	ids    []string
	format string
}

func newQuestionsCmd() *cobra.Command {
	opt := &questionsOptions{}
	cmd := &cobra.Command{
		Use:   "questions [ID...]",
		Short: "List the questionnaire: every question and option id",
		Long: "List the questionnaire with the ids an answers file uses, or only the questions whose ids are " +
			"given (Tab completes them). Warning-sign questions come first; follow-ups say which answer makes them apply.",
		Example: "  backtriage questions\n" +
			"  backtriage questions pain_where duration --format json",
		Args:              cobra.ArbitraryArgs,
		ValidArgsFunction: completeQuestionIDs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.ids = args
			return opt.run(cmd.OutOrStdout())
		},
	}
	addChoiceFlag(cmd, &opt.format, "format", "text", "The list's format", textOrJSON)
	return cmd
}

// completeQuestionIDs offers the question ids not given yet, each with its
// short title.
func completeQuestionIDs(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, q := range questionnaire.Default().Questions() {
		if !slices.Contains(args, q.ID) {
			out = append(out, cobra.CompletionWithDesc(q.ID, q.Short))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// run lists the questions asked for, as text or JSON.
func (opt *questionsOptions) run(w io.Writer) error {
	if err := oneOf("format", opt.format, textOrJSON); err != nil {
		return err
	}
	qn := questionnaire.Default()
	keep, err := onlyQuestions(qn, opt.ids)
	if err != nil {
		return err
	}
	if opt.format == "json" {
		return writeQuestionsJSON(w, qn, keep)
	}
	writeQuestionsText(w, qn, keep)
	return nil
}

// onlyQuestions is which questions to list: those named by ids, or all.
// An unknown id is a usage error naming the nearest.
func onlyQuestions(qn *questionnaire.Questionnaire, ids []string) (func(id string) bool, error) {
	for _, id := range ids {
		if _, ok := qn.Question(id); ok {
			continue
		}
		best, bestD := "", 3
		for _, q := range qn.Questions() {
			if d := input.Distance(id, q.ID); d < bestD {
				best, bestD = q.ID, d
			}
		}
		if best != "" {
			return nil, usagef("no question %q; did you mean %q? ('backtriage questions' lists them)", id, best)
		}
		return nil, usagef("no question %q ('backtriage questions' lists them)", id)
	}
	return func(id string) bool { return len(ids) == 0 || slices.Contains(ids, id) }, nil
}

func writeQuestionsJSON(w io.Writer, qn *questionnaire.Questionnaire, keep func(string) bool) error {
	out := []questionJSON{}
	for _, q := range qn.Questions() {
		if !keep(q.ID) {
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

func writeQuestionsText(w io.Writer, qn *questionnaire.Questionnaire, keep func(string) bool) {
	for i, p := range qn.Pages {
		if !slices.ContainsFunc(p.Questions, func(q *questionnaire.Question) bool { return keep(q.ID) }) {
			continue
		}
		fmt.Fprintf(w, "Page %d of %d: %s\n\n", i+1, len(qn.Pages), p.Title)
		for _, q := range p.Questions {
			if !keep(q.ID) {
				continue
			}
			fmt.Fprintf(w, "  %s (%s)\n    %s\n    Why we ask: %s\n", q.ID, kindText(q), q.Prompt, q.Why)
			if q.ShowIf != nil {
				fmt.Fprintf(w, "    Asked only if %s\n", q.ShowIf)
			}
			for _, o := range q.Options {
				fmt.Fprintf(w, "      %-24s %s\n", o.ID, o.Label)
			}
			fmt.Fprintln(w)
		}
	}
}

func kindText(q *questionnaire.Question) string {
	switch q.Kind {
	case questionnaire.One:
		return "one option"
	case questionnaire.Many:
		return "a list of options"
	case questionnaire.Number:
		return fmt.Sprintf("a number, %d to %d %s", q.Min, q.Max, q.Unit)
	}
	return "true or false"
}
