package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/safetydoc"
	"github.com/backtriage/backtriage/rules"
)

func newRulesCmd(o *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Check a rule table",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a rule table (default: the built-in one) and print every error",
		Long: "Validate every *.yaml file in DIR: strict keys, known question and option ids, unique ids,\n" +
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
	})
	cmd.AddCommand(newRulesTestCmd(o))
	cmd.AddCommand(newRulesDocCmd(o))
	return cmd
}

// newRulesDocCmd writes the clinical safety document generated from a table.
func newRulesDocCmd(o *rootOptions) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "doc [DIR]",
		Short: "Write the clinical safety document for a rule table (default: " + safetydoc.Path + ")",
		Long: "Write every warning question and option with the rules it reaches, each rule's level beside the\n" +
			"level its guidance gives and any departure, the get-help lines, and every cause and self-care step\n" +
			"with its source, as Markdown. -o - writes to standard output.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := loadTable(o, args)
			if err != nil {
				return err
			}
			out := safetydoc.Render(questionnaire.Default(), t)
			if output == "-" {
				_, err := cmd.OutOrStdout().Write(out)
				return err
			}
			if err := os.MkdirAll(filepath.Dir(output), 0o755); err != nil {
				return withCode(exitWrite, err)
			}
			// Generated, so replaced; not health data, so readable by all.
			if err := export.WriteFile(output, out, true); err != nil {
				return withCode(exitWrite, err)
			}
			if err := os.Chmod(output, 0o644); err != nil {
				return withCode(exitWrite, err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "Wrote %s\n", output)
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", safetydoc.Path, "write the document to `FILE`, or - for standard output")
	return cmd
}

// loadTable loads DIR, else --rules, else the built-in table.
func loadTable(o *rootOptions, args []string) (*rules.Table, error) {
	qn := questionnaire.Default()
	dir := tableName(o, args)
	var (
		t   *rules.Table
		err error
	)
	if dir == "built-in rules" {
		t, err = rules.Load(ruletable.FS, "rules", qn)
	} else {
		t, err = rules.LoadDir(dir, qn)
	}
	if err != nil {
		return nil, withCode(exitInput, err)
	}
	return t, nil
}

func tableName(o *rootOptions, args []string) string {
	switch {
	case len(args) > 0:
		return args[0]
	case o.RulesDir != "":
		return o.RulesDir
	}
	return "built-in rules"
}
