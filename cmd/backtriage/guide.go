package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/teaprog"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// testClockEnv, set to "after-input", gives the line-by-line routine a
// clock for tests: no waiting, time passing only once the typed commands
// have all been taken (guide.TextOptions.AfterInput). Not for people: with
// a terminal's input that never ends, time would never pass.
const testClockEnv = "BACKTRIAGE_TEST_CLOCK"

// guideOptions are guide's options: the shared ones and --quiet.
type guideOptions struct {
	*rootOptions
	quiet bool
}

func newGuideCmd(o *rootOptions) *cobra.Command {
	g := &guideOptions{rootOptions: o}
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
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			eng, err := o.appFor(cmd, "").Engine()
			if len(args) > 0 || err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, st := range guide.Offered(eng.Table(), nil, nil) {
				out = append(out, cobra.CompletionWithDesc(st.ID, st.Title))
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error { return g.run(cmd, args) },
	}
	cmd.Flags().BoolVar(&g.quiet, "quiet", false, "No terminal bell at each change")
	cmd.Flags().BoolVar(&o.Accessible, "accessible", false, "Announce each phase in plain text, line by line (automatic when not on a terminal)")
	o.addTableFlag(cmd.Flags())
	o.addClockFlags(cmd.Flags())
	o.diary.addStore(cmd.Flags())
	return cmd
}

// run lists the routines the plan offers (no args), or runs the one named
// and records it when finished.
func (g *guideOptions) run(cmd *cobra.Command, args []string) error {
	app := g.appFor(cmd, "")
	if _, err := app.Engine(); err != nil {
		return withCode(exitInput, err)
	}
	plan := app.RoutinePlan()
	if len(args) == 0 {
		return app.WriteRoutines(cmd.OutOrStdout(), plan)
	}
	step, note, err := app.PickRoutine(plan, args[0])
	if err != nil {
		return usage(err)
	}
	if note != "" {
		fmt.Fprintln(cmd.ErrOrStderr(), textwrap.Block(note, textwrap.Width)) // the terminal would break words
	}
	var res guide.Result
	if accessibleMode(cmd, g.rootOptions) {
		res, err = guide.RunText(cmd.Context(), step, guide.TextOptions{In: cmd.InOrStdin(), Out: cmd.OutOrStdout(), Quiet: g.quiet,
			AfterInput: os.Getenv(testClockEnv) == "after-input"})
	} else {
		res, err = guide.Run(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), step, g.quiet)
	}
	if err != nil {
		return teaprog.Say(cmd.Context(), err, "the routine was not recorded")
	}
	if res.Finished {
		app.RecordRoutine(step.ID, res.Elapsed)
	}
	return nil
}
