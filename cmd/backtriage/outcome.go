package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// outcome is how one run of the program ended: the first error any command
// met. No error is ever handed back to fang: fang asks the terminal for its
// background colour (OSC 11) before it calls any error handler, and on a
// terminal that never answers that stalls for seconds before a one-line
// message. So every cobra hook that can fail prints its error at once,
// records it here and returns nil; the hooks after it in the same run see
// the error and do nothing.
type outcome struct {
	err error
}

// fail prints err and records it as the run's error.
func (r *outcome) fail(cmd *cobra.Command, err error) {
	printError(cmd.ErrOrStderr(), cmd.CommandPath(), err)
	if r.err == nil {
		r.err = err
	}
}

// guard routes every error of root and its subcommands through r: flag
// errors (cobra's flag-error hook), argument errors (each Args validator),
// and the errors of the pre-run and run hooks. Commands added later (cobra
// adds help and __complete while executing) are not guarded: help cannot
// fail, and __complete is for shells.
func (r *outcome) guard(root *cobra.Command) {
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		r.fail(cmd, usage(flagError(cmd, err)))
		return nil // cobra stops after a flag error, with or without one
	})
	r.guardTree(root)
}

func (r *outcome) guardTree(c *cobra.Command) {
	if !c.Runnable() && c.HasSubCommands() {
		// A command that only holds subcommands (rules, diary,
		// completion) shows its help alone; anything after it that is not
		// a subcommand is an unknown command, a usage error like any other
		// (cobra would show the help and exit 0, or fail before any hook).
		c.Args = cobra.NoArgs
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
	if args := c.Args; args != nil {
		c.Args = func(cmd *cobra.Command, a []string) error {
			if err := args(cmd, a); err != nil {
				none := args(cmd, nil) == nil && args(cmd, a[:min(1, len(a))]) != nil
				r.fail(cmd, usage(argsError(cmd, a, none, err)))
			}
			return nil
		}
	}
	c.PersistentPreRunE = r.wrap(c.PersistentPreRunE)
	c.PreRunE = r.wrap(c.PreRunE)
	c.RunE = r.wrap(c.RunE)
	for _, sub := range c.Commands() {
		r.guardTree(sub)
	}
}

// wrap makes a hook record its error instead of returning it, and skip
// when an earlier hook of the run failed.
func (r *outcome) wrap(hook func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	if hook == nil {
		return nil
	}
	return func(cmd *cobra.Command, args []string) error {
		if r.err != nil {
			return nil
		}
		if err := hook(cmd, args); err != nil {
			r.fail(cmd, err)
		}
		return nil
	}
}

// argsError says plainly what is wrong with a command's arguments. cobra's
// own "did you mean" for a mistyped command never fires here: it is made
// only when a command has no Args validator (legacyArgs), and every
// command here has one (cobra.NoArgs on the root, so that `backtriage x`
// is refused, not run). So the suggestion is made here, with cobra's
// SuggestionsFor (Levenshtein distance up to SuggestionsMinimumDistance,
// or a prefix). That distance is left 0 (only a prefix matches) until
// cobra's own lookup sets it, so it is set here. none says the command
// takes no arguments at all.
func argsError(cmd *cobra.Command, args []string, none bool, err error) error {
	if len(args) == 0 {
		return err
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if cmd.HasAvailableSubCommands() {
		msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += fmt.Sprintf("; did you mean %q?", s[0])
		} else {
			msg += fmt.Sprintf("; its commands: %s", strings.Join(commandNames(cmd), ", "))
		}
		return errors.New(msg)
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = strconv.Quote(a)
	}
	// Named without the program's name, which the message's prefix gives.
	name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
	if none {
		return fmt.Errorf("%s takes no arguments, but was given %s", name, strings.Join(quoted, " "))
	}
	return fmt.Errorf("%s: too many arguments (%s); usage: %s", name, strings.Join(quoted, " "), cmd.UseLine())
}

// commandNames are cmd's subcommands a person would type.
func commandNames(cmd *cobra.Command) []string {
	var out []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			out = append(out, c.Name())
		}
	}
	return out
}

// flagError adds to an unknown flag's error the nearest flag of the
// command, as git and gh do: "unknown flag: --answer; did you mean
// --answers?".
func flagError(cmd *cobra.Command, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return err
	}
	best, bestD := "", max(cmd.SuggestionsMinimumDistance, 2)
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		if d := textwrap.Distance(name, f.Name); d <= bestD && (best == "" || d < textwrap.Distance(name, best)) || strings.HasPrefix(f.Name, name) && best == "" {
			best = f.Name
		}
	})
	if best == "" {
		return err
	}
	return fmt.Errorf("%w; did you mean --%s?", err, best)
}
