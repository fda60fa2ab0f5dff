package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

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

func newQuestionsCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "questions",
		Short: "List the questionnaire: every question and option id",
		Long: "List the questionnaire with the ids an answers file uses. Warning-sign questions come first; " +
			"follow-ups say which answer makes them apply.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", format, textOrJSON); err != nil {
				return err
			}
			qn := questionnaire.Default()
			if format == "json" {
				return writeQuestionsJSON(cmd.OutOrStdout(), qn)
			}
			writeQuestionsText(cmd.OutOrStdout(), qn)
			return nil
		},
	}
	addChoiceFlag(cmd, &format, "format", "text", "The list's format", textOrJSON)
	return cmd
}

func writeQuestionsJSON(w io.Writer, qn *questionnaire.Questionnaire) error {
	out := []questionJSON{}
	for _, q := range qn.Questions() {
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

func writeQuestionsText(w io.Writer, qn *questionnaire.Questionnaire) {
	for i, p := range qn.Pages {
		fmt.Fprintf(w, "Page %d of %d: %s\n\n", i+1, len(qn.Pages), p.Title)
		for _, q := range p.Questions {
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
