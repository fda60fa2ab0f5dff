package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/export"
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
