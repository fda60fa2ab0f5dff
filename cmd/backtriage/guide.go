package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/teaprog"
	"github.com/backtriage/backtriage/internal/textwrap"
)

func secs(n int) time.Duration { return time.Duration(n) * time.Second }

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
	eng, err := g.engine()
	if err != nil {
		return err
	}
	t := eng.Table()
	// The plan and what a warning sign withholds are read
	// read-only, so a diary that cannot be written (a read-only
	// file system, a folder not writable) still withholds them.
	now, err := g.diaryOf(cmd).CurrentPlan()
	g.diary.warn(cmd, err)
	if len(args) == 0 {
		return listGuides(cmd, now, t)
	}
	step, err := pickRoutine(cmd, t, now, args[0])
	if err != nil {
		return err
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
		g.recordRoutine(cmd, step.ID, res)
	}
	return nil
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
