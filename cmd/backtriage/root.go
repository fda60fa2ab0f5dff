package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/tui"
	builtin "github.com/backtriage/backtriage/rules"
)

// rootOptions are the flags every command shares, and the interactive flow's.
type rootOptions struct {
	RulesDir    string
	Date        string
	AnswersPath string
	Output      string
	Format      string
	Force       bool
	Theme       string
	Accessible  bool
	person      personFlags
	diary       diaryFlags // the private diary and the clock (diary.go)

	eng *triage.Engine
}

// engine loads the rule table once: --rules DIR, or the built-in one.
func (o *rootOptions) engine() (*triage.Engine, error) {
	if o.eng != nil {
		return o.eng, nil
	}
	qn := questionnaire.Default()
	var (
		t   *rules.Table
		err error
	)
	if o.RulesDir != "" {
		t, err = rules.LoadDir(o.RulesDir, qn)
	} else {
		// The compiled snapshot of rules/*.yaml: a millisecond, not ten.
		t, err = rules.LoadSnapshot(builtin.Snapshot, qn)
	}
	if err != nil {
		return nil, withCode(exitInput, err)
	}
	o.eng = triage.New(qn, t)
	return o.eng, nil
}

// now is the date printed on summaries and stored in the diary: --now or
// BACKTRIAGE_NOW, else --date, else the clock.
func (o *rootOptions) now() time.Time {
	if t, ok, _ := o.diary.clock(); ok {
		return t
	}
	if o.Date != "" {
		if d, err := time.Parse("2006-01-02", o.Date); err == nil {
			return d
		}
	}
	return time.Now()
}

func (o *rootOptions) checkDate() error {
	if o.Date == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", o.Date); err != nil {
		return withCode(exitUsage, fmt.Errorf("--date %q: expected YYYY-MM-DD", o.Date))
	}
	return nil
}

func newRootCmd() *cobra.Command {
	o := &rootOptions{}
	root := &cobra.Command{
		Use:   "backtriage",
		Short: "Upper back pain on waking: causes, what to do",
		Long: "backtriage asks where and when your upper back hurts, how you sleep and how you spend your day.\n" +
			"It checks for warning signs first, then suggests the likely muscle causes (and why), a\n" +
			"self-care plan and when to get professional help. " + triage.Disclaimer + "\n" +
			"Nothing leaves your machine.\n\n" +
			"Run without a command for the interactive questionnaire.",
		Args: cobra.NoArgs,
		Example: "  backtriage                                   # the interactive questionnaire\n" +
			"  backtriage --answers my-answers.yaml         # reopen saved answers for editing\n" +
			"  backtriage assess --answers my-answers.yaml  # assess an answers file, print text\n" +
			"  backtriage questions --format json           # the questionnaire, for scripts",
		PersistentPreRunE: func(*cobra.Command, []string) error {
			if err := o.checkDate(); err != nil {
				return err
			}
			return o.diary.check()
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runInteractive(cmd, o)
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&o.RulesDir, "rules", "", "load the rule table from `DIR` instead of the built-in one")
	pf.StringVar(&o.Date, "date", "", "date printed on summaries, `YYYY-MM-DD` (default today)")
	o.diary.add(pf)

	f := root.Flags()
	f.StringVar(&o.AnswersPath, "answers", "", "start from the answers in `FILE` (saved earlier) and edit them")
	f.StringVarP(&o.Output, "output", "o", "", "at the end, export the summary to `FILE` without asking")
	f.StringVar(&o.Format, "format", "text", "format for --output: text, markdown or json")
	f.BoolVar(&o.Force, "force", false, "let --output replace an existing file")
	f.StringVar(&o.Theme, "theme", "charm", "colour theme: "+strings.Join(tui.ThemeNames(), ", "))
	f.BoolVar(&o.Accessible, "accessible", false, "line-by-line prompts for screen readers (automatic when not on a terminal)")
	o.person.add(f)

	root.AddCommand(newQuestionsCmd(), newAssessCmd(o), newRulesCmd(o))
	root.AddCommand(newCheckinCmd(o), newHistoryCmd(o), newGuideCmd(o), newForgetCmd(o), newDiaryCmd(o))
	return root
}
