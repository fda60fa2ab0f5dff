package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/history"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/teaprog"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// exitNoDiary is the diary commands' "there is nothing to show": no diary,
// no consent, or storing turned off. It is an input problem, like a missing
// answers file.
const exitNoDiary = exitInput

// needDiary opens the diary for a command that only reads it: read-only,
// so it works in a folder that is not writable and writes nothing.
func (o *rootOptions) needDiary(cmd *cobra.Command) (*diary.Store, error) {
	d := o.diaryOf(cmd)
	if d.PathErr != nil {
		return nil, usage(d.PathErr)
	}
	s, err := d.OpenToShow()
	if err != nil {
		return nil, diaryFault(err)
	}
	return s, nil
}

// diaryFault gives a diary's fault its exit status: no diary to show is an
// input problem, like a missing answers file.
func diaryFault(err error) error {
	var none *service.NoDiary
	if errors.As(err, &none) {
		return withCode(exitNoDiary, err)
	}
	return withCode(diaryExit(err), err)
}

// diaryExit is the exit status of a command whose work is the diary itself
// (history, diary export, diary start, forget) when the diary fails it: 3
// when the file cannot be read or is not a diary (damaged, another
// program's, not a regular file, a symbolic link, newer, unreadable), 4
// when it cannot be written (read-only, full, locked), as for an output
// file. docs/scripting.md lists them.
func diaryExit(err error) int {
	var de *diary.Error
	if !errors.As(err, &de) {
		return exitError
	}
	switch de.Kind {
	case diary.Corrupt, diary.Foreign, diary.NotRegular, diary.TooNew, diary.Unreadable, diary.Link:
		return exitInput
	case diary.ReadOnly, diary.Full, diary.Locked:
		return exitWrite
	}
	return exitError
}

func newHistoryCmd(o *rootOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Your diary: pain over the days as a chart, steps done and the current advice",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := oneOf("format", format, textOrJSON); err != nil {
				return err
			}
			eng, err := o.engine()
			if err != nil {
				return err
			}
			d := o.diaryOf(cmd)
			if d.PathErr != nil {
				return usage(d.PathErr)
			}
			// With --now, the diary as it stood then, to reproduce what
			// was shown.
			at, _, _ := o.diary.clock()
			rec, err := d.Shown(at)
			if err != nil {
				return diaryFault(err)
			}
			v := history.Build(rec, eng.Table())
			if format == "json" {
				return history.WriteJSON(cmd.OutOrStdout(), v)
			}
			return history.WriteText(cmd.OutOrStdout(), v)
		},
	}
	addChoiceFlag(cmd, &format, "format", "text", "The output's format", textOrJSON)
	o.addTableFlag(cmd.Flags())
	o.diary.addDataDir(cmd.Flags())
	o.diary.addClock(cmd.Flags())
	cmd.Flag("now").Usage = "Show the diary as it stood at this date and time, in RFC 3339 such as 2026-11-09T08:00:00+01:00 (also BACKTRIAGE_NOW)"
	return cmd
}

func newForgetCmd(o *rootOptions) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "forget",
		Short: "Delete your diary: every assessment, check-in and routine, and the consent",
		Long: "Delete the diary file (and the two files SQLite keeps beside it) after asking you to confirm; " +
			"--yes deletes without asking, for scripts. A damaged diary can be deleted too. Only the diary's own " +
			"regular files are deleted: another program's database, or a FIFO, device or folder of that name, is " +
			"refused with why, and nothing is deleted (exit status 3).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := o.diary.path()
			if err != nil {
				return usage(err)
			}
			if !diary.Exists(path) {
				// No diary is status 3 for every diary command (docs/scripting.md).
				return withCode(exitNoDiary, fmt.Errorf("no diary at %s; nothing to delete", path))
			}
			if !yes {
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
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "Delete without asking (for scripts)")
	o.diary.addDataDir(cmd.Flags())
	return cmd
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

func newDiaryCmd(o *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diary",
		Short: "Start, locate or export your private diary",
		Long: "The diary keeps your assessments, check-ins and finished routines in one SQLite file on this " +
			"machine, readable only by you, once you have agreed to it: 'start' agrees to it, 'path' prints " +
			"where it is and 'export' writes it for a clinician. See also 'backtriage history' and " +
			"'backtriage forget'.",
	}
	var yes bool
	start := &cobra.Command{
		Use:   "start",
		Short: "Agree to keep a diary: shows what is kept and where, then asks",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			d := o.diaryOf(cmd)
			if d.Off {
				return usagef("storing is off (%s)", d.OffBy)
			}
			if s, err := d.Open(); err != nil {
				return withCode(diaryExit(err), err)
			} else if s != nil {
				defer s.Close()
				fmt.Fprintf(cmd.OutOrStdout(), "Your diary is already kept in %s.\n", s.Path())
				return nil
			}
			fmt.Fprintln(cmd.OutOrStdout(), consentWords(d.ConsentText()))
			how := "diary start --yes"
			if !yes {
				if !isTerminal(cmd.InOrStdin()) {
					return usagef("agreeing needs a terminal, or --yes")
				}
				if !askYes(cmd.InOrStdin(), cmd.OutOrStdout(), "Keep a diary? Type y for yes, anything else for no:") {
					fmt.Fprintln(cmd.OutOrStdout(), "No diary: nothing is stored.")
					return nil
				}
				how = "diary start"
			}
			s, err := d.Consent(how, o.now())
			if err != nil {
				return withCode(diaryExit(err), err)
			}
			defer s.Close()
			fmt.Fprintf(cmd.OutOrStdout(), "Your diary is kept in %s.\n", s.Path())
			return nil
		},
	}
	start.Flags().BoolVar(&yes, "yes", false, "Agree without being asked (for scripts; the words shown are what you agree to)")
	o.addClockFlags(start.Flags())
	o.diary.addStore(start.Flags())

	where := &cobra.Command{
		Use:   "path",
		Short: "Print where the diary is kept",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := o.diary.path()
			if err != nil {
				return usage(err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), path)
			return nil
		},
	}

	var format, output string
	var force bool
	export := &cobra.Command{
		Use:   "export",
		Short: "Write the whole diary for a clinician: csv, markdown or json",
		Args:  cobra.NoArgs,
		Example: "  backtriage diary export --format markdown -o diary.md\n" +
			"  backtriage diary export --format csv > diary.csv",
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := strings.ToLower(format)
			if f == "md" {
				f = "markdown"
			}
			if err := oneOf("format", f, diary.ExportFormats); err != nil {
				return err
			}
			if err := checkOutput(output, force); err != nil {
				return err
			}
			s, err := o.needDiary(cmd)
			if err != nil {
				return err
			}
			defer s.Close()
			// Streamed: each record is written as it is read, so ten years
			// of check-ins take no more memory than a week's.
			write := func(w io.Writer) error { return s.Export(w, f, o.now()) }
			if output == "" || output == "-" {
				bw := bufio.NewWriter(cmd.OutOrStdout())
				if err := write(bw); err != nil {
					return withCode(diaryExit(err), err)
				}
				return bw.Flush()
			}
			if err := export.Write(output, force, write); err != nil {
				var de *diary.Error
				if errors.As(err, &de) {
					return withCode(diaryExit(err), err)
				}
				return withCode(exitWrite, err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "Saved your diary to %s\n", output)
			return nil
		},
	}
	addChoiceFlag(export, &format, "format", "markdown", "The export's format", diary.ExportFormats)
	export.Flags().StringVarP(&output, "output", "o", "", "Write to FILE (created with mode 0600) instead of standard output")
	export.Flags().BoolVar(&force, "force", false, "Replace FILE if it exists")
	o.addClockFlags(export.Flags())
	o.diary.addDataDir(export.Flags())
	o.diary.addDataDir(where.Flags())
	cmd.AddCommand(start, where, export)
	return cmd
}

func secs(n int) time.Duration { return time.Duration(n) * time.Second }

// testClockEnv, set to "after-input", gives the line-by-line routine a
// clock for tests: no waiting, time passing only once the typed commands
// have all been taken (guide.TextOptions.AfterInput). Not for people: with
// a terminal's input that never ends, time would never pass.
const testClockEnv = "BACKTRIAGE_TEST_CLOCK"

func newGuideCmd(o *rootOptions) *cobra.Command {
	var quiet bool
	cmd := &cobra.Command{
		Use:   "guide [STEP]",
		Short: "Run a timed self-care step as a guided routine (tennis ball, cold pack, stretches...)",
		Long: "Run a self-care step that has a time in it as a guided routine: each phase announced, a " +
			"countdown, a progress bar and a bell at each change (--quiet for none). Space pauses and " +
			"resumes, s skips a phase, q stops. Without STEP it lists the steps it can guide: those in your " +
			"plan, leaving out any that your latest warning signs rule out. Finishing a routine is recorded " +
			"in your diary when you keep one.",
		Args: cobra.MaximumNArgs(1),
		// Tab completes the ids of the steps with a routine, with their
		// titles; the plan's check is made when one is run.
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			eng, err := o.engine()
			if len(args) > 0 || err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, st := range guide.Offered(eng.Table(), nil, nil) {
				out = append(out, cobra.CompletionWithDesc(st.ID, st.Title))
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			eng, err := o.engine()
			if err != nil {
				return err
			}
			t := eng.Table()
			// The plan and what a warning sign withholds are read
			// read-only, so a diary that cannot be written (a read-only
			// file system, a folder not writable) still withholds them.
			now, err := o.diaryOf(cmd).CurrentPlan()
			o.diary.warn(cmd, err)
			if len(args) == 0 {
				return listGuides(cmd, now, t)
			}
			step, err := pickRoutine(cmd, t, now, args[0])
			if err != nil {
				return err
			}
			var res guide.Result
			if accessibleMode(cmd, o) {
				res, err = guide.RunText(cmd.Context(), step, guide.TextOptions{In: cmd.InOrStdin(), Out: cmd.OutOrStdout(), Quiet: quiet,
					AfterInput: os.Getenv(testClockEnv) == "after-input"})
			} else {
				res, err = guide.Run(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), step, quiet)
			}
			if err != nil {
				return teaprog.Say(cmd.Context(), err, "the routine was not recorded")
			}
			if res.Finished {
				o.recordRoutine(cmd, step.ID, res)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&quiet, "quiet", false, "No terminal bell at each change")
	cmd.Flags().BoolVar(&o.Accessible, "accessible", false, "Announce each phase in plain text, line by line (automatic when not on a terminal)")
	o.addTableFlag(cmd.Flags())
	o.addClockFlags(cmd.Flags())
	o.diary.addStore(cmd.Flags())
	return cmd
}

// pickRoutine is the step id names, when it has a routine that is offered
// now; a step outside the current plan is run after a note.
func pickRoutine(cmd *cobra.Command, t *rules.Table, now service.Plan, id string) (*rules.Step, error) {
	step := t.Step(id)
	switch {
	case step == nil || step.Routine == nil:
		var ids []string
		for _, st := range guide.Offered(t, nil, nil) {
			ids = append(ids, st.ID)
		}
		return nil, usagef("%q has no guided routine; steps with one: %s", id, strings.Join(ids, ", "))
	case now.Refusal(id) != "":
		return nil, usagef("%q is not offered now: %s", id, now.Refusal(id))
	case now.Known && !now.InPlan(id):
		fmt.Fprintln(cmd.ErrOrStderr(), textwrap.Block(fmt.Sprintf("Note: %q is not in your current plan; read its caution before you start.", id), textwrap.Width))
	case !now.Known:
		fmt.Fprintln(cmd.ErrOrStderr(), textwrap.Block("Note: "+unchecked, textwrap.Width)) // the terminal would break words
	}
	return step, nil
}

// unchecked is said when no assessment in a diary tells which steps a
// warning sign or an answer rules out.
const unchecked = "No assessment in a diary to check these against your warning signs: do not start one " +
	"that your results left out, and with a warning sign get help first. Read each step's caution before you start."

// recordRoutine records a finished routine in the diary the person agreed
// to, and says plainly what was recorded, or what was not and why.
func (o *rootOptions) recordRoutine(cmd *cobra.Command, id string, res guide.Result) {
	d := o.diaryOf(cmd)
	rec, err := d.RecordRoutine(id, res.Elapsed, o.now())
	o.diary.warn(cmd, err)
	fmt.Fprintln(cmd.ErrOrStderr(), rec.Message(d.OffBy))
}

// listGuides lists the routines the plan offers, and those a warning sign
// or an answer rules out, with why.
func listGuides(cmd *cobra.Command, now service.Plan, t *rules.Table) error {
	w := cmd.OutOrStdout()
	if now.Blocked != "" {
		fmt.Fprintln(w, "No guided routine is offered: "+now.Blocked+".")
		return nil
	}
	if now.Known {
		fmt.Fprintln(w, "Guided routines for the steps in your plan:")
	} else {
		fmt.Fprintln(w, "Guided routines. "+unchecked)
	}
	offered := now.Offered(t)
	if len(offered) == 0 {
		fmt.Fprintln(w, "  none: no step in your plan has a timed routine.")
	}
	for _, s := range offered {
		fmt.Fprintf(w, "  %-24s %s (%s)\n", s.ID, s.Title, guide.Words(secs(s.Routine.TotalSeconds())))
	}
	for _, id := range now.Withheld {
		if st := t.Step(id); st != nil && st.Routine != nil {
			fmt.Fprintf(w, "Not offered now: %s: %s\n", st.Title, now.Why[id])
		}
	}
	fmt.Fprintln(w, "Run one with: backtriage guide STEP")
	return nil
}
