package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/safetydoc"
)

func newRulesCmd(o *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Check, test and document a rule table",
		Long: "Work on a rule table (default: the built-in one; a folder of *.yaml files with DIR or --rules): " +
			"'check' validates it and prints every error as file:line:col, 'test' runs it against its " +
			"vignettes and the cases its rules carry, and 'doc' writes the clinical safety document " +
			"a clinician reviews it by. See rules/README.md for the format.",
	}
	check := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a rule table (default: the built-in one) and print every error",
		Long: "Validate every *.yaml file in DIR: strict keys, known question and option ids, unique ids, " +
			"sources and quotes, known causes and steps. Errors are printed as file:line:col.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := loadTable(o, args)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: ok: %d sources, %d causes, %d steps, %d rules in %d files\n",
				tableName(o, args), len(t.Sources), len(t.Causes), len(t.Steps), len(t.Rules), len(t.Files))
			return nil
		},
	}
	o.addTableFlag(check.Flags())
	cmd.AddCommand(check, newRulesTestCmd(o), newRulesDocCmd(o))
	return cmd
}

// newRulesDocCmd writes the clinical safety document generated from a table.
func newRulesDocCmd(o *rootOptions) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "doc [DIR]",
		Short: "Print the clinical safety document for a rule table (-o FILE to write it)",
		Long: "Print every warning question and option with the rules it reaches, each rule's level beside the " +
			"level its guidance gives and any departure, the get-help lines, and every cause and self-care step " +
			"with its source, as Markdown, on standard output; -o FILE writes it to FILE instead (the " +
			"repository's copy is " + safetydoc.Path + ": -o " + safetydoc.Path + " in the repository's folder).",
		Example: "  backtriage rules doc | less\n" +
			"  backtriage rules doc -o " + safetydoc.Path + "   # in the repository, after changing rules/*.yaml",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := loadTable(o, args)
			if err != nil {
				return err
			}
			out := safetydoc.Render(t.Questionnaire(), t)
			if output == "" || output == "-" {
				_, err := cmd.OutOrStdout().Write(out)
				return err
			}
			if err := writePublic(output, out); err != nil {
				return withCode(exitWrite, err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "Wrote %s\n", output)
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "Write the document to FILE instead of standard output")
	o.addTableFlag(cmd.Flags())
	return cmd
}

// writePublic replaces a generated file, making its folder: it is not
// health data, so it is readable by all.
func writePublic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := export.WriteFile(path, data, true); err != nil {
		return err
	}
	return os.Chmod(path, 0o644)
}

// builtinName is how the built-in table is named in messages.
const builtinName = "built-in rules"

// loadTable loads the YAML of the table the rules commands work on: DIR,
// else --rules, else the built-in one. Always the YAML, never the compiled
// snapshot the app starts from: that leaves the inline cases out. A DIR
// without a questionnaire section is checked against the built-in one.
func loadTable(o *rootOptions, args []string) (*rules.Table, error) {
	qn := questionnaire.Default()
	var (
		t   *rules.Table
		err error
	)
	if dir := tableName(o, args); dir == builtinName {
		t, err = rules.Load(backtriage.RuleFiles(), "rules", qn)
	} else {
		t, err = rules.LoadDir(dir, qn)
	}
	if err != nil {
		return nil, withCode(exitInput, err)
	}
	return t, nil
}

// tableName is the folder loadTable reads, or builtinName.
func tableName(o *rootOptions, args []string) string {
	switch {
	case len(args) > 0:
		return args[0]
	case o.RulesDir != "":
		return o.RulesDir
	}
	return builtinName
}
