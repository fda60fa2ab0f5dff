package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/userpath"
)

// assessOptions are assess's options: the shared ones, the answers file,
// the summary's format and file, --store and the person's.
type assessOptions struct {
	*rootOptions
	answersPath string
	format      string
	output      string
	force       bool
	store       bool
	person      personFlags
}

func newAssessCmd(o *rootOptions) *cobra.Command {
	opt := &assessOptions{rootOptions: o}
	cmd := &cobra.Command{
		Use:   "assess --answers FILE|-",
		Short: "Assess an answers file and print or save the summary",
		Long: "Assess an answers file (YAML or JSON: question id -> option id, list of option ids, number or " +
			"true/false; see 'backtriage questions') and print the summary, or write it with -o.",
		Example: "  backtriage assess --answers answers.yaml\n" +
			"  backtriage assess --answers answers.yaml --format json\n" +
			"  cat answers.json | backtriage assess --answers - -o summary.md --format markdown",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return opt.run(cmd) },
	}
	fl := cmd.Flags()
	fl.StringVar(&opt.answersPath, "answers", "", "The answers FILE (YAML or JSON), or - for standard input (required)")
	addChoiceFlag(cmd, &opt.format, "format", "text", "The summary's format", reportFormats())
	fl.StringVarP(&opt.output, "output", "o", "", "Write the summary to FILE (created with mode 0600)")
	fl.BoolVar(&opt.force, "force", false, "Replace FILE if it exists")
	fl.BoolVar(&opt.store, "store", false, "Save this assessment in your diary; in scripts this is your consent to keep one (on a terminal you are asked)")
	opt.person.add(cmd)
	o.addTableFlag(fl)
	o.addClockFlags(fl)
	o.diary.addStore(fl)
	return cmd
}

// run assesses the answers file and prints or saves the summary; the
// diary keeps it when the person keeps one.
func (opt *assessOptions) run(cmd *cobra.Command) error {
	if opt.answersPath == "" {
		return usagef("--answers: give the answers FILE, or - for standard input")
	}
	f, err := report.ParseFormat(opt.format)
	if err != nil {
		return usagef("--format: %w", err)
	}
	eng, err := opt.engine()
	if err != nil {
		return err
	}
	here, err := opt.person.emergency()
	if err != nil {
		return err
	}
	// Standard input is kept as read, to look for warning signs in
	// it when it has a mistake.
	var stdin bytes.Buffer
	a, err := answers.ReadFile(opt.answersPath, io.TeeReader(cmd.InOrStdin(), &stdin), eng.Questionnaire())
	if err != nil {
		err = withCode(exitInput, err)
		if l := warningsFirst(cmd, eng, opt.answersPath, stdin.Bytes(), opt.format, here); l >= rules.Urgent {
			err = &urgentError{level: l, err: err}
			if opt.person.ExitLevel {
				return withCode(exitCode(levelExit(l)), err) // the warning sign outranks the file's mistake
			}
		}
		return err
	}
	as := eng.Assess(a)
	meta := report.Meta{Questionnaire: eng.Questionnaire(), Date: opt.now(), Version: versionString(), Emergency: here, Explain: opt.person.Explain}
	meta.Trend = opt.trendLine(cmd, eng.Table()) // the diary's, when there is one
	out, err := report.Render(f, as, meta)
	if err != nil {
		return err
	}
	if opt.output == "" || opt.output == "-" {
		_, err = cmd.OutOrStdout().Write(out)
	} else if err = export.WriteFile(opt.output, out, opt.force); err != nil {
		err = withCode(exitWrite, err)
	} else {
		fmt.Fprintf(cmd.ErrOrStderr(), "Saved the summary to %s\n", textwrap.Quote(userpath.Abs(opt.output)))
	}
	if err == nil {
		// After the summary is out: the diary never holds it up.
		var ask service.Ask
		if opt.answersPath != "-" && isTerminal(cmd.InOrStdin()) && isTerminal(cmd.ErrOrStderr()) {
			ask = opt.askConsentOnTerminal(cmd)
		}
		opt.saveEpisode(cmd, as, "assess", opt.store, ask)
	}
	if err == nil && opt.person.ExitLevel {
		return levelExit(as.Level)
	}
	return err
}

// warningsFirst reads the warning-sign answers a refused answers file still
// gives (as a check-in file's are read) and, at urgent or emergency level,
// shows what to do before the error, as `checkin --answers` does. The
// advice goes to standard output, or to standard error with --format json
// (no JSON is written for a refused file). It returns the level shown, or
// SelfCare when nothing was.
func warningsFirst(cmd *cobra.Command, eng *triage.Engine, path string, stdin []byte, format string, here emergencynumber.Local) rules.Level {
	data := stdin
	if path != "-" {
		var err error
		if data, err = input.ReadFile(path, answers.MaxFileSize); err != nil {
			return rules.SelfCare // not read at all: the error says why
		}
	}
	warn := checkin.SalvageWarnings(data, eng.Questionnaire())
	if len(warn) == 0 {
		return rules.SelfCare
	}
	as := eng.Assess(warn)
	if as.Level < rules.Urgent {
		return rules.SelfCare
	}
	w := cmd.OutOrStdout()
	if format == "json" {
		w = cmd.ErrOrStderr()
	}
	fmt.Fprint(w, checkin.Stop(&checkin.Result{Assessment: as, Stopped: true}, here))
	fmt.Fprintln(w, "\n"+textwrap.Block("This file was not assessed: it has a mistake, named below. The advice above stands whatever the mistake.", textwrap.Width))
	return as.Level
}
