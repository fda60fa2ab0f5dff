package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Every command's help fits 60, 80 and 120 columns: no line is wider (but
// for a single word wider than the line), and no flag or command is split
// across lines (issue 18, item 5).
func TestHelpFitsEveryWidth(t *testing.T) {
	root := newRootCmd()
	root.InitDefaultCompletionCmd()
	setHelp(root)
	var all []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		all = append(all, c)
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
	for _, cmd := range all {
		for _, width := range []int{60, 80, 120} {
			var b strings.Builder
			writeHelp(&b, cmd, width)
			out := b.String()
			for _, l := range strings.Split(out, "\n") {
				if ansi.StringWidth(l) > width && len(strings.Fields(l)) > 1 {
					t.Errorf("%s at %d: %d columns: %q", cmd.CommandPath(), width, ansi.StringWidth(l), l)
				}
			}
			words := " " + strings.Join(strings.Fields(out), " ") + " "
			cmd.Flags().VisitAll(func(f *pflag.Flag) {
				if !f.Hidden && !strings.Contains(words, " --"+f.Name+" ") {
					t.Errorf("%s at %d: --%s is split or missing:\n%s", cmd.CommandPath(), width, f.Name, out)
				}
			})
		}
	}
}
