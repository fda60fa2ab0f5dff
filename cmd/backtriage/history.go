package main

import (
	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/history"
)

// historyOptions are history's options: the shared ones (the rule table,
// the diary's folder, the clock) and the output's format.
type historyOptions struct {
	*rootOptions
	format string
}

func newHistoryCmd(o *rootOptions) *cobra.Command {
	h := &historyOptions{rootOptions: o}
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Your diary: pain over the days as a chart, steps done and the current advice",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return h.run(cmd) },
	}
	addChoiceFlag(cmd, &h.format, "format", "text", "The output's format", textOrJSON)
	o.addTableFlag(cmd.Flags())
	o.diary.addDataDir(cmd.Flags())
	o.diary.addClock(cmd.Flags())
	cmd.Flag("now").Usage = "Show the diary as it stood at this date and time, in RFC 3339 such as 2026-11-09T08:00:00+01:00 (also BACKTRIAGE_NOW)"
	return cmd
}

// run prints the diary's history, as it stands or as it stood at --now.
func (h *historyOptions) run(cmd *cobra.Command) error {
	if err := oneOf("format", h.format, textOrJSON); err != nil {
		return err
	}
	app := h.appFor(cmd, "")
	eng, err := app.Engine()
	if err != nil {
		return withCode(exitInput, err)
	}
	d, err := h.diaryToShow(cmd)
	if err != nil {
		return err
	}
	// With --now, the diary as it stood then, to reproduce what
	// was shown.
	at, _, _ := h.diary.clock()
	rec, err := d.Shown(at)
	if err != nil {
		return diaryFault(err)
	}
	v := history.Build(rec, eng.Table(), app.Now())
	if h.format == "json" {
		return history.WriteJSON(cmd.OutOrStdout(), v)
	}
	return history.WriteText(cmd.OutOrStdout(), v)
}
