package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/service"
)

// rulesTestOptions are `rules test`'s.
type rulesTestOptions struct {
	table    tableOptions
	casesDir string
	format   string
}

func newRulesTestCmd() *cobra.Command {
	opt := &rulesTestOptions{}
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run a rule table (default: the built-in one) against its vignettes and inline cases",
		Long: "Run the rule table in DIR (default: the built-in one) against standardised patient vignettes, " +
			"each with a gold triage level and the causes expected in the top three, and against the " +
			"inline cases its rules carry (tests: fires / does_not_fire). Prints a table of cases, then " +
			"emergency recall, the share of cases at an acceptable level, self-care cases over-triaged " +
			"and top-3 cause agreement, then the inline cases. Vignettes are read from --cases, or from " +
			service.DefaultCasesDir + " when it exists; without them only the inline cases run.\n\n" +
			"Exit status: 0 when every case passes, 5 when a case fails, 3 when a rule or vignette file " +
			"has errors.",
		Example: "  backtriage rules test\n" +
			"  backtriage rules test rules --cases testdata/vignettes\n" +
			"  backtriage rules test my-rules --format json",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.table.argDir(args)
			return opt.run(cmd)
		},
	}
	cmd.Flags().StringVar(&opt.casesDir, "cases", "", "Read vignettes from the folder DIR (default "+service.DefaultCasesDir+" if it exists)")
	addChoiceFlag(cmd, &opt.format, "format", "text", "The report's format", textOrJSON)
	opt.table.add(cmd)
	return cmd
}

// run tests the table and prints the report; a failing case is exit 5.
func (opt *rulesTestOptions) run(cmd *cobra.Command) error {
	if err := oneOf("format", opt.format, textOrJSON); err != nil {
		return err
	}
	res, err := service.TestRules(opt.table.folder(), opt.casesDir)
	var bad *service.CasesDirError
	switch {
	case errors.As(err, &bad):
		return usagef("--cases %w", err)
	case err != nil:
		return withCode(exitInput, err)
	}
	if err := res.Write(cmd.OutOrStdout(), opt.format == "json"); err != nil {
		return err
	}
	return withCode(exitFailing, res.Failed())
}
