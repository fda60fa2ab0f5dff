package main

import (
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/tui"
)

// rootOptions are the flags the commands share, and the interactive flow's.
// Each command registers only the flags it uses (see the add* methods), so
// `help`, `completion` and `questions` show none of --rules, --date or the
// diary's flags.
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

	app *service.App // set up by appFor
}

// rulesFlagUsage is --rules's help, on every command that takes it.
const rulesFlagUsage = "Load the rule table from the folder DIR instead of the built-in one"

// addTableFlag registers --rules, on the commands that run the rule table.
func (o *rootOptions) addTableFlag(f *pflag.FlagSet) {
	f.StringVar(&o.RulesDir, "rules", "", rulesFlagUsage)
}

// addClockFlags registers --date and --now, on the commands that date what
// they print or store.
func (o *rootOptions) addClockFlags(f *pflag.FlagSet) {
	f.StringVar(&o.Date, "date", "", "The date to use, as YYYY-MM-DD, at midnight UTC (default today; for reproducible summaries)")
	o.diary.addClock(f)
}

// appFor is the run's service.App, from the flags as they were parsed:
// the rule table, the diary, the clock; region is the command's --region.
// Notices go to cmd's standard error.
func (o *rootOptions) appFor(cmd *cobra.Command, region string) *service.App {
	if o.app == nil {
		o.app = &service.App{Getenv: os.Getenv, Now: o.now}
	}
	a := o.app
	a.RulesDir, a.DataDir, a.NoStore, a.Region = o.RulesDir, o.diary.DataDir, o.diary.NoStore, region
	a.Notices = cmd.ErrOrStderr()
	return a
}

// start is appFor, with the region checked and the rule table loaded: the
// errors every command that assesses meets first.
func (o *rootOptions) start(cmd *cobra.Command, region string) (*service.App, error) {
	a := o.appFor(cmd, region)
	if err := a.CheckRegion(); err != nil {
		return nil, usagef("--region %w", err)
	}
	if _, err := a.Engine(); err != nil {
		return nil, withCode(exitInput, err)
	}
	return a, nil
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
		return usagef("--date %q: expected YYYY-MM-DD", o.Date)
	}
	return nil
}

func newRootCmd() *cobra.Command {
	o := &rootOptions{}
	root := &cobra.Command{
		Use:   "backtriage",
		Short: "Upper back pain on waking: causes, what to do",
		Long: "backtriage asks where and when your upper back hurts, how you sleep and how you spend your day. " +
			"It checks for warning signs first, then suggests the likely muscle causes (and why), a " +
			"self-care plan and when to get professional help. " + service.Disclaimer + " " +
			"Nothing leaves your machine.\n\n" +
			"Run without a command for the interactive questionnaire.",
		Args: cobra.NoArgs,
		Example: "  backtriage                                   # the interactive questionnaire\n" +
			"  backtriage --answers my-answers.yaml         # reopen saved answers for editing\n" +
			"  backtriage assess --answers my-answers.yaml  # assess an answers file, print text\n" +
			"  backtriage questions --format json           # the questionnaire, for scripts",
		// The clock flags are checked before any command runs; a command
		// without them leaves them empty.
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
	f := root.Flags()
	f.StringVar(&o.AnswersPath, "answers", "", "Start from the answers in FILE (saved earlier) and edit them")
	f.StringVarP(&o.Output, "output", "o", "", "At the end, export the summary to FILE without asking")
	addChoiceFlag(root, &o.Format, "format", "text", "The format for --output", reportFormats())
	f.BoolVar(&o.Force, "force", false, "Let --output replace an existing file")
	addChoiceFlag(root, &o.Theme, "theme", "charm", "The colour theme", tui.ThemeNames())
	f.BoolVar(&o.Accessible, "accessible", false, "Ask line by line, for screen readers (automatic when not on a terminal)")
	o.person.add(root)
	o.addTableFlag(f)
	o.addClockFlags(f)
	o.diary.addStore(f)

	root.AddCommand(newQuestionsCmd(), newAssessCmd(o), newRulesCmd())
	root.AddCommand(newCheckinCmd(o), newHistoryCmd(o), newGuideCmd(o), newForgetCmd(o), newDiaryCmd(o))
	root.AddCommand(newManCmd())
	return root
}
