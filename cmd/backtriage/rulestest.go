package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/vignettes"
)

// defaultCasesDir is where `rules test` looks for vignettes when --cases is
// not given, relative to the current folder (the repository root).
const defaultCasesDir = "testdata/vignettes"

func newRulesTestCmd(o *rootOptions) *cobra.Command {
	var casesDir, format string
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run a rule table (default: the built-in one) against its vignettes and inline cases",
		Long: "Run the rule table in DIR (default: the built-in one) against standardised patient vignettes, " +
			"each with a gold triage level and the causes expected in the top three, and against the " +
			"inline cases its rules carry (tests: fires / does_not_fire). Prints a table of cases, then " +
			"emergency recall, the share of cases at an acceptable level, self-care cases over-triaged " +
			"and top-3 cause agreement, then the inline cases. Vignettes are read from --cases, or from " +
			defaultCasesDir + " when it exists; without them only the inline cases run.\n\n" +
			"Exit status: 0 when every case passes, 5 when a case fails, 3 when a rule or vignette file " +
			"has errors.",
		Example: "  backtriage rules test\n" +
			"  backtriage rules test rules --cases testdata/vignettes\n" +
			"  backtriage rules test my-rules --format json",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, textOrJSON); err != nil {
				return err
			}
			t, err := loadTable(o, args)
			if err != nil {
				return err
			}
			qn := t.Questionnaire()
			cases, meta, err := loadCases(cmd, casesDir, qn, t)
			if err != nil {
				return err
			}
			meta.Table = tableName(o, args)
			rep := vignettes.Run(triage.New(qn, t), cases)
			if format == "json" {
				err = vignettes.WriteJSON(cmd.OutOrStdout(), rep, meta)
			} else {
				err = vignettes.WriteText(cmd.OutOrStdout(), rep, meta)
			}
			if err != nil {
				return err
			}
			if !rep.OK() {
				return withCode(exitFailing, errors.New("rules test: "+vignettes.Summary(rep)))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&casesDir, "cases", "", "Read vignettes from the folder DIR (default "+defaultCasesDir+" if it exists)")
	addChoiceFlag(cmd, &format, "format", "text", "The report's format", textOrJSON)
	o.addTableFlag(fl)
	return cmd
}

// loadCases reads the vignettes from --cases, or from defaultCasesDir when
// it exists; without either, none (the meta says so).
func loadCases(cmd *cobra.Command, casesDir string, qn *questionnaire.Questionnaire, t *rules.Table) ([]*vignettes.Case, vignettes.Meta, error) {
	dir := casesDir
	if dir == "" {
		dir = defaultCasesDir
	}
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		cases, err := vignettes.LoadDir(dir, qn, t)
		if err != nil {
			return nil, vignettes.Meta{}, withCode(exitInput, err)
		}
		return cases, vignettes.Meta{CasesDir: dir}, nil
	case !cmd.Flags().Changed("cases"):
		return nil, vignettes.Meta{Note: fmt.Sprintf("no vignettes found (%s is not a directory here; use --cases DIR); "+
			"running the inline rule cases only", dir)}, nil
	case err == nil:
		return nil, vignettes.Meta{}, usagef("--cases %s: not a directory", dir)
	case errors.Is(err, fs.ErrNotExist):
		return nil, vignettes.Meta{}, usagef("--cases %s: no such directory", dir)
	}
	return nil, vignettes.Meta{}, usagef("--cases %s: %w", dir, err)
}
