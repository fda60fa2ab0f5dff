package main

import (
	"github.com/spf13/cobra"
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
		r.fail(cmd, usage(err))
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
				r.fail(cmd, usage(err))
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
