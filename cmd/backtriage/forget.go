package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// forgetOptions are forget's options: the diary's folder and --yes.
type forgetOptions struct {
	*rootOptions
	yes bool
}

func newForgetCmd(o *rootOptions) *cobra.Command {
	f := &forgetOptions{rootOptions: o}
	cmd := &cobra.Command{
		Use:   "forget",
		Short: "Delete your diary: every assessment, check-in and routine, and the consent",
		Long: "Delete the diary file (and the two files SQLite keeps beside it) after asking you to confirm; " +
			"--yes deletes without asking, for scripts. A damaged diary can be deleted too. Only the diary's own " +
			"regular files are deleted: another program's database, or a FIFO, device or folder of that name, is " +
			"refused with why, and nothing is deleted (exit status 3).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return f.run(cmd) },
	}
	cmd.Flags().BoolVar(&f.yes, "yes", false, "Delete without asking (for scripts)")
	o.diary.addDataDir(cmd.Flags())
	return cmd
}

// run deletes the diary's files, after a confirmation unless --yes.
func (f *forgetOptions) run(cmd *cobra.Command) error {
	path, err := f.diary.path()
	if err != nil {
		return usage(err)
	}
	if !service.DiaryExists(path) {
		// No diary is status 3 for every diary command (docs/scripting.md).
		return withCode(exitNoDiary, fmt.Errorf("no diary at %s; nothing to delete", path))
	}
	if !f.yes {
		if !isTerminal(cmd.InOrStdin()) {
			return usagef("deleting %s needs a confirmation: run on a terminal, or add --yes", path)
		}
		if !askYes(cmd.InOrStdin(), cmd.ErrOrStderr(), service.ForgetPrompt(path)) {
			fmt.Fprintln(cmd.OutOrStdout(), "Nothing was deleted.")
			return nil
		}
	}
	removed, err := service.Forget(path)
	if err != nil {
		return forgetFailed(err)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Deleted your diary: %s\n", quoteAll(removed))
	return nil
}

// forgetFailed gives what forget refused, or could not do, its exit
// status: a file that is not the diary's own is an input problem (3), as
// for every command; a failure to delete is a write problem (4).
func forgetFailed(err error) error {
	var refused *service.ForgetRefused
	if errors.As(err, &refused) || service.FaultOf(err) == service.Unreadable {
		return withCode(exitInput, err)
	}
	return withCode(exitWrite, err)
}

// quoteAll is file names as messages print them (textwrap.Quote), joined.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = textwrap.Quote(n)
	}
	return strings.Join(q, ", ")
}
