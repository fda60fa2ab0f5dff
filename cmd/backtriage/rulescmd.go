package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/textwrap"
)

func newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Check, test and document a rule table",
		Long: "Work on a rule table (default: the built-in one; a folder of *.yaml files with DIR or --rules): " +
			"'check' validates it and prints every error as file:line:col, 'test' runs it against its " +
			"vignettes and the cases its rules carry, and 'doc' writes the clinical safety document " +
			"a clinician reviews it by. See rules/README.md for the format.",
	}
	cmd.AddCommand(newRulesCheckCmd(), newRulesTestCmd(), newRulesDocCmd())
	return cmd
}

// tableOptions name the table a rules command works on: DIR, else --rules,
// else the built-in one.
type tableOptions struct {
	rulesDir string // --rules
	dir      string // the DIR argument
}

func (t *tableOptions) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&t.rulesDir, "rules", "", rulesFlagUsage)
}

// folder is the table's folder, or "" for the built-in one.
func (t *tableOptions) folder() string {
	if t.dir != "" {
		return t.dir
	}
	return t.rulesDir
}

// argDir takes the optional DIR argument.
func (t *tableOptions) argDir(args []string) {
	if len(args) > 0 {
		t.dir = args[0]
	}
}

// rulesCheckOptions are `rules check`'s.
type rulesCheckOptions struct{ table tableOptions }

func newRulesCheckCmd() *cobra.Command {
	opt := &rulesCheckOptions{}
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a rule table (default: the built-in one) and print every error",
		Long: "Validate every *.yaml file in DIR: strict keys, known question and option ids, unique ids, " +
			"sources and quotes, known causes and steps. Errors are printed as file:line:col.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.table.argDir(args)
			return opt.run(cmd)
		},
	}
	opt.table.add(cmd)
	return cmd
}

// run validates the table and says what it holds.
func (opt *rulesCheckOptions) run(cmd *cobra.Command) error {
	line, err := service.TableSummary(opt.table.folder())
	if err != nil {
		return withCode(exitInput, err)
	}
	fmt.Fprintln(cmd.OutOrStdout(), textwrap.Safe(line)) // the folder's name is the person's
	return nil
}

// rulesDocOptions are `rules doc`'s.
type rulesDocOptions struct {
	table  tableOptions
	output string
}

// newRulesDocCmd writes the clinical safety document generated from a table.
func newRulesDocCmd() *cobra.Command {
	opt := &rulesDocOptions{}
	cmd := &cobra.Command{
		Use:   "doc [DIR]",
		Short: "Print the clinical safety document for a rule table (-o FILE to write it)",
		Long: "Print every warning question and option with the rules it reaches, each rule's level beside the " +
			"level its guidance gives and any departure, the get-help lines, and every cause and self-care step " +
			"with its source, as Markdown, on standard output; -o FILE writes it to FILE instead (the " +
			"repository's copy is " + service.SafetyDocPath + ": -o " + service.SafetyDocPath + " in the repository's folder).",
		Example: "  backtriage rules doc | less\n" +
			"  backtriage rules doc -o " + service.SafetyDocPath + "   # in the repository, after changing rules/*.yaml",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opt.table.argDir(args)
			return opt.run(cmd)
		},
	}
	cmd.Flags().StringVarP(&opt.output, "output", "o", "", "Write the document to FILE instead of standard output")
	opt.table.add(cmd)
	return cmd
}

// run renders the document to standard output or to the file.
func (opt *rulesDocOptions) run(cmd *cobra.Command) error {
	out, err := service.SafetyDoc(opt.table.folder())
	if err != nil {
		return withCode(exitInput, err)
	}
	if opt.output == "" || opt.output == "-" {
		_, err := cmd.OutOrStdout().Write(out)
		return err
	}
	if err := writePublic(opt.output, out); err != nil {
		return withCode(exitWrite, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Wrote %s\n", textwrap.Quote(opt.output))
	return nil
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
