package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/questionlist"
)

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
	ids, shorts := questionlist.Completions(args)
	for i, id := range ids {
		out = append(out, cobra.CompletionWithDesc(id, shorts[i]))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// run lists the questions asked for, as text or JSON. An unknown id is a
// usage error naming the nearest.
func (opt *questionsOptions) run(w io.Writer) error {
	if err := oneOf("format", opt.format, textOrJSON); err != nil {
		return err
	}
	l, err := questionlist.Of(opt.ids)
	if err != nil {
		return usage(err)
	}
	if opt.format == "json" {
		return l.WriteJSON(w)
	}
	return l.WriteText(w)
}
