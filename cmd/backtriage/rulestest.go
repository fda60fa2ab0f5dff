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
	"github.com/backtriage/backtriage/rules"
)

// defaultCasesDir is where `rules test` looks for vignettes when --cases is
// not given, relative to the current folder (the repository root).
const defaultCasesDir = "testdata/vignettes"

func newRulesTestCmd(o *rootOptions) *cobra.Command {
	var casesDir, format string
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run a rule table (default: the built-in one) against its vignettes and inline cases",
		Long: "Run the rule table in DIR (default: the built-in one) against standardised patient vignettes,\n" +
			"each with a gold triage level and the causes expected in the top three, and against the\n" +
			"inline cases its rules carry (tests: fires / does_not_fire). Prints a table of cases, then\n" +
			"emergency recall, the share of cases at an acceptable level, self-care cases over-triaged\n" +
			"and top-3 cause agreement, then the inline cases. Vignettes are read from --cases, or from\n" +
			defaultCasesDir + " when it exists; without them only the inline cases run.\n\n" +
			"Exit status: 0 when every case passes, 5 when a case fails, 3 when a rule or vignette file\n" +
			"has errors.",
		Example: "  backtriage rules test\n" +
			"  backtriage rules test rules --cases testdata/vignettes\n" +
			"  backtriage rules test my-rules --format json",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return withCode(exitUsage, fmt.Errorf("--format %q: valid: text, json", format))
			}
			// Always the YAML: the compiled snapshot the app starts from
			// leaves the inline cases out.
			qn := questionnaire.Default()
			var t *rules.Table
			var err error
			if name := tableName(o, args); name == "built-in rules" {
				t, err = rules.Load(ruletable.FS, "rules", qn)
			} else {
				t, err = rules.LoadDir(name, qn)
			}
			if err != nil {
				return withCode(exitInput, err)
			}
			meta := vignettes.Meta{Table: tableName(o, args)}

			dir := casesDir
			if dir == "" {
				dir = defaultCasesDir
			}
			var cases []*vignettes.Case
			st, statErr := os.Stat(dir)
			switch {
			case statErr == nil && st.IsDir():
				cases, err = vignettes.LoadDir(dir, qn, t)
				if err != nil {
					return withCode(exitInput, err)
				}
				meta.CasesDir = dir
			case cmd.Flags().Changed("cases"):
				if statErr == nil {
					return withCode(exitUsage, fmt.Errorf("--cases %s: not a directory", dir))
				}
				if errors.Is(statErr, fs.ErrNotExist) {
					return withCode(exitUsage, fmt.Errorf("--cases %s: no such directory", dir))
				}
				return withCode(exitUsage, fmt.Errorf("--cases %s: %w", dir, statErr))
			default:
				meta.Note = fmt.Sprintf("no vignettes found (%s is not a directory here; use --cases DIR); "+
					"running the inline rule cases only", dir)
			}

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
	fl.StringVar(&casesDir, "cases", "", "read vignettes from `DIR` (default "+defaultCasesDir+" if it exists)")
	fl.StringVar(&format, "format", "text", "text or json")
	return cmd
}
