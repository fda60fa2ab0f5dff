package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/textwrap"
)

func newDiaryCmd(o *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diary",
		Short: "Start, locate or export your private diary",
		Long: "The diary keeps your assessments, check-ins and finished routines in one SQLite file on this " +
			"machine, readable only by you, once you have agreed to it: 'start' agrees to it, 'path' prints " +
			"where it is and 'export' writes it for a clinician. See also 'backtriage history' and " +
			"'backtriage forget'.",
	}
	cmd.AddCommand(newDiaryStartCmd(o), newDiaryPathCmd(o), newDiaryExportCmd(o))
	return cmd
}

// diaryStartOptions are `diary start`'s: --yes agrees without asking.
type diaryStartOptions struct {
	*rootOptions
	yes bool
}

func newDiaryStartCmd(o *rootOptions) *cobra.Command {
	opt := &diaryStartOptions{rootOptions: o}
	cmd := &cobra.Command{
		Use:   "start",
		Short: "Agree to keep a diary: shows what is kept and where, then asks",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return opt.run(cmd) },
	}
	cmd.Flags().BoolVar(&opt.yes, "yes", false, "Agree without being asked (for scripts; the words shown are what you agree to)")
	o.addClockFlags(cmd.Flags())
	o.diary.addStore(cmd.Flags())
	return cmd
}

// run shows what is kept and where, asks (unless --yes) and records the
// consent; a diary already kept is only named.
func (opt *diaryStartOptions) run(cmd *cobra.Command) error {
	out := cmd.OutOrStdout()
	d := opt.appFor(cmd, "").Diary()
	if d.Off {
		return usagef("storing is off (%s)", d.OffBy)
	}
	if s, err := d.Open(); err != nil {
		return withCode(diaryExit(err), err)
	} else if s != nil {
		defer s.Close()
		fmt.Fprintf(out, "Your diary is already kept in %s.\n", textwrap.Quote(s.Path()))
		return nil
	}
	fmt.Fprintln(out, consentWords(d.ConsentText()))
	how := "diary start --yes"
	if !opt.yes {
		if !isTerminal(cmd.InOrStdin()) {
			return usagef("agreeing needs a terminal, or --yes")
		}
		if !askYes(cmd.InOrStdin(), out, service.KeepDiaryPrompt()) {
			fmt.Fprintln(out, "No diary: nothing is stored.")
			return nil
		}
		how = "diary start"
	}
	s, err := d.Consent(how, opt.now())
	if err != nil {
		return withCode(diaryExit(err), err)
	}
	defer s.Close()
	fmt.Fprintf(out, "Your diary is kept in %s.\n", textwrap.Quote(s.Path()))
	return nil
}

// newDiaryPathCmd prints where the diary is kept; it opens nothing.
func newDiaryPathCmd(o *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "path",
		Short: "Print where the diary is kept",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := o.diary.path()
			if err != nil {
				return usage(err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), textwrap.Quote(path)) // as it is unless it holds a control
			return nil
		},
	}
	o.diary.addDataDir(cmd.Flags())
	return cmd
}

// diaryExportOptions are `diary export`'s: the format, and the file.
type diaryExportOptions struct {
	*rootOptions
	format string
	output string
	force  bool
}

func newDiaryExportCmd(o *rootOptions) *cobra.Command {
	opt := &diaryExportOptions{rootOptions: o}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write the whole diary for a clinician: csv, markdown or json",
		Args:  cobra.NoArgs,
		Example: "  backtriage diary export --format markdown -o diary.md\n" +
			"  backtriage diary export --format csv > diary.csv",
		RunE: func(cmd *cobra.Command, _ []string) error { return opt.run(cmd) },
	}
	addChoiceFlag(cmd, &opt.format, "format", "markdown", "The export's format", service.ExportFormats())
	cmd.Flags().StringVarP(&opt.output, "output", "o", "", "Write to FILE (created with mode 0600) instead of standard output")
	cmd.Flags().BoolVar(&opt.force, "force", false, "Replace FILE if it exists")
	o.addClockFlags(cmd.Flags())
	o.diary.addDataDir(cmd.Flags())
	return cmd
}

// run streams the diary to standard output or to the file: each record is
// written as it is read, so ten years of check-ins take no more memory
// than a week's.
func (opt *diaryExportOptions) run(cmd *cobra.Command) error {
	f := strings.ToLower(opt.format)
	if f == "md" {
		f = "markdown"
	}
	if err := oneOf("format", f, service.ExportFormats()); err != nil {
		return err
	}
	if err := checkOutput(opt.output, opt.force); err != nil {
		return err
	}
	d, err := opt.diaryToShow(cmd)
	if err != nil {
		return err
	}
	// Read-only: it works in a folder that is not writable, and writes
	// nothing.
	s, err := d.OpenToShow()
	if err != nil {
		return diaryFault(err)
	}
	defer s.Close()
	write := func(w io.Writer) error { return s.Export(w, f, opt.now()) }
	if opt.output == "" || opt.output == "-" {
		bw := bufio.NewWriter(cmd.OutOrStdout())
		if err := write(bw); err != nil {
			return withCode(diaryExit(err), err)
		}
		return bw.Flush()
	}
	if err := export.Write(opt.output, opt.force, write); err != nil {
		if service.FaultOf(err) != service.NotDiaryFault {
			return withCode(diaryExit(err), err)
		}
		return withCode(exitWrite, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Saved your diary to %s\n", textwrap.Quote(opt.output))
	return nil
}
