package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/service"
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
	app, err := opt.start(cmd, opt.person.Region)
	if err != nil {
		return err
	}
	as, err := app.AssessFile(opt.answersPath, cmd.InOrStdin())
	if err != nil {
		return opt.refused(cmd, err)
	}
	eng, _ := app.Engine()
	meta := report.Meta{Questionnaire: eng.Questionnaire(), Date: opt.now(), Version: versionString(),
		Emergency: app.Emergency(), Explain: opt.person.Explain, Trend: app.TrendLine()}
	out, err := report.Render(f, as, meta)
	if err != nil {
		return err
	}
	if opt.output == "" || opt.output == "-" {
		_, err = cmd.OutOrStdout().Write(out)
	} else if err = export.WriteFile(opt.output, out, opt.force); err != nil {
		err = withCode(exitWrite, err)
	} else {
		fmt.Fprintf(cmd.ErrOrStderr(), "Saved the summary to %s\n", export.Shown(opt.output))
	}
	if err == nil {
		// After the summary is out: the diary never holds it up.
		var ask service.Ask
		if opt.answersPath != "-" && isTerminal(cmd.InOrStdin()) && isTerminal(cmd.ErrOrStderr()) {
			ask = askConsentOnTerminal(cmd)
		}
		app.SaveEpisode(as, "assess", opt.store, ask)
	}
	if err == nil && opt.person.ExitLevel {
		return levelExit(service.LevelStatus(as.Level))
	}
	return err
}

// refused reports an answers file refused for a mistake. An urgent or
// emergency warning sign read from it anyway is shown first (on standard
// output, or standard error with --format json: no JSON is written for a
// refused file), and under --exit-level its status outranks the mistake's.
func (opt *assessOptions) refused(cmd *cobra.Command, err error) error {
	return warningFirst(cmd, opt.format, opt.person.ExitLevel, withCode(exitInput, err))
}

// warningFirst shows the advice of a refused file's warning signs, if it
// has any (a *service.Refused), before its error.
func warningFirst(cmd *cobra.Command, format string, exitLevel bool, err error) error {
	var r *service.Refused
	if !errors.As(err, &r) {
		return err
	}
	w := cmd.OutOrStdout()
	if format == "json" {
		w = cmd.ErrOrStderr()
	}
	fmt.Fprint(w, r.Advice)
	if exitLevel {
		return withCode(service.LevelStatus(r.Level), err) // the warning sign outranks the file's mistake
	}
	return err
}
