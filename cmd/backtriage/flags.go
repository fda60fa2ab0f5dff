package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/report"
)

// addChoiceFlag registers a string flag whose values are a fixed list: its
// help names them and shell completion offers them.
func addChoiceFlag(cmd *cobra.Command, p *string, name, def, usage string, valid []string) {
	cmd.Flags().StringVar(p, name, def, usage+": "+strings.Join(valid, ", "))
	complete := cobra.FixedCompletions(valid, cobra.ShellCompDirectiveNoFileComp)
	if err := cmd.RegisterFlagCompletionFunc(name, complete); err != nil {
		panic(err) // a flag registered twice: a programming error, met by every test
	}
}

// oneOf checks the value of a choice flag.
func oneOf(name, value string, valid []string) error {
	if slices.Contains(valid, value) {
		return nil
	}
	return usagef("--%s %q: valid: %s", name, value, strings.Join(valid, ", "))
}

// textOrJSON are the formats of the commands that print for people or for
// scripts.
var textOrJSON = []string{"text", "json"}

// reportFormats are the summary formats, as --format spells them.
func reportFormats() []string {
	fs := report.Formats()
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}
