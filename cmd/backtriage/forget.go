package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/diary"
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
	if !diary.Exists(path) {
		// No diary is status 3 for every diary command (docs/scripting.md).
		return withCode(exitNoDiary, fmt.Errorf("no diary at %s; nothing to delete", path))
	}
	if !f.yes {
		if !isTerminal(cmd.InOrStdin()) {
			return usagef("deleting %s needs a confirmation: run on a terminal, or add --yes", path)
		}
		if !askYes(cmd.InOrStdin(), cmd.ErrOrStderr(), "Delete your whole diary at "+path+"? This cannot be undone. Type y to delete:") {
			fmt.Fprintln(cmd.OutOrStdout(), "Nothing was deleted.")
			return nil
		}
	}
	removed, err := diary.Forget(path)
	if err != nil {
		return forgetFailed(err, removed)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "Deleted your diary: %s\n", strings.Join(removed, ", "))
	return nil
}

// forgetFailed says what forget refused, or could not do, and why: it
// deletes only the diary's own regular files, never another program's
// database or a FIFO, device or folder of the same name.
func forgetFailed(err error, removed []string) error {
	var de *diary.Error
	if !errors.As(err, &de) {
		return withCode(exitWrite, err)
	}
	var why string
	switch de.Kind {
	case diary.Link:
		return withCode(exitInput, err) // the same words as every command's
	case diary.NotRegular:
		why = fmt.Sprintf("%s is not a regular file but %v, and forget deletes only the diary's own files", de.Path, de.Err)
	case diary.Foreign:
		why = fmt.Sprintf("%s is an SQLite database of another program, not a backtriage diary, and forget deletes only a diary", de.Path)
		if de.Err != nil && strings.Contains(de.Err.Error(), "not an SQLite database") {
			why = fmt.Sprintf("%s is not an SQLite database, so it is not a backtriage diary (or is damaged past recognising), and forget deletes only a diary", de.Path)
		}
	default:
		msg := err.Error()
		if len(removed) > 0 {
			msg += " (deleted before that: " + strings.Join(removed, ", ") + ")"
		}
		return withCode(exitWrite, errors.New(msg))
	}
	return withCode(exitInput, fmt.Errorf("nothing was deleted: %s. If you are sure nothing else needs it, delete it yourself; if your diary is elsewhere, give its folder with --data-dir", why))
}
