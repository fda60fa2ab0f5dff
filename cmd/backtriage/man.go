package main

import (
	"fmt"
	"strings"

	"github.com/muesli/mango"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newManCmd writes the manual page, for `backtriage man | man -l -`. It
// replaces fang's: that one names a flag with a short form "--o --output"
// and has no exit status section; this one runs through the same error
// handling as every other command.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man",
		Short:  "Write the manual page (roff), to read with: backtriage man | man -l -",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprint(cmd.OutOrStdout(), manPage(cmd.Root()).Build(roff.NewDocument()))
			return err
		},
	}
}

// manPage is the manual page of root: its commands, each with its flags.
func manPage(root *cobra.Command) *mango.ManPage {
	page := mango.NewManPage(1, root.Name(), root.Short).WithLongDescription(root.Long)
	manCommand(&page.Root, root)
	return page.WithSection("Exit status", exitStatusText)
}

// manCommand adds c's flags and visible subcommands to m.
func manCommand(m *mango.Command, c *cobra.Command) {
	c.NonInheritedFlags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		// mango writes a flag as prefix+name; without its own prefix it
		// reads "-o, --output" for a short form.
		name, pflagStyle := f.Name, true
		if f.Shorthand != "" {
			name, pflagStyle = f.Shorthand+", --"+f.Name, false
		}
		_ = m.AddFlag(mango.Flag{Name: name, Usage: f.Usage, PFlag: pflagStyle}) // names are unique in a flag set
	})
	for _, sub := range c.Commands() {
		if sub.Hidden || !sub.IsAvailableCommand() {
			continue
		}
		item := mango.NewCommand(sub.Name(), sub.Short, sub.Use)
		_ = m.AddCommand(item) // names are unique among a command's subcommands
		manCommand(item, sub)
	}
}

// exitStatusText is the list of exit codes in docs/scripting.md, for the manual.
var exitStatusText = strings.Join([]string{
	"0 success; 1 unexpected error; 2 bad flags or arguments; 3 an answers file or rule table with errors, " +
		"or no diary to read; 4 the output file could not be written, or exists and --force was not given; " +
		"5 rules test found a failing case; 129 stopped by SIGHUP; 130 stopped by ctrl+c (SIGINT) or SIGTERM.",
	"With --exit-level a successful run exits with the level instead: 0 self-care, 10 soon, 11 urgent, 12 emergency.",
}, "\n")
