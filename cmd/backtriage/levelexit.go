package main

import (
	"errors"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/rules"
)

// Exit statuses for --exit-level: opt-in, for scripts, and clear of the
// error codes (1-5) and of the signal codes (129 and up). Self-care is 0.
const (
	exitLevelSoon      = 10
	exitLevelUrgent    = 11
	exitLevelEmergency = 12
)

// errLevel carries a level's exit status; there is nothing to print.
var errLevel = errors.New("exit status reflects the level")

// levelExit is the error that makes the program exit with the level's
// status under --exit-level, or nil for self-care.
func levelExit(l rules.Level) error {
	switch l {
	case rules.Emergency:
		return withCode(exitLevelEmergency, errLevel)
	case rules.Urgent:
		return withCode(exitLevelUrgent, errLevel)
	case rules.Soon:
		return withCode(exitLevelSoon, errLevel)
	}
	return nil
}

// personFlags are the flags of the commands that show a person results:
// where they are (for the emergency number), the exit status, rule details.
type personFlags struct {
	Region    string
	ExitLevel bool
	Explain   bool
}

func (p *personFlags) add(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&p.Region, "region", "", "The country CODE for the emergency number (GB, US, IE, AU...; default from the locale, all numbers when unknown)")
	f.BoolVar(&p.ExitLevel, "exit-level", false, "Exit with a status for the level: 0 self-care, 10 soon, 11 urgent, 12 emergency")
	f.BoolVar(&p.Explain, "explain", false, "Show rule ids, scores and weights (for rule authors)")
	complete := cobra.FixedCompletions(emergencynumber.Regions(), cobra.ShellCompDirectiveNoFileComp)
	if err := cmd.RegisterFlagCompletionFunc("region", complete); err != nil {
		panic(err) // a flag registered twice: a programming error, met by every test
	}
}

// emergency resolves the emergency number from --region or the locale.
func (p *personFlags) emergency() (emergencynumber.Local, error) {
	if p.Region != "" {
		if _, ok := emergencynumber.Lookup(p.Region); !ok {
			return emergencynumber.Local{}, usagef("--region %q: not in the table; known: %s (or leave it out to list every number)",
				p.Region, strings.Join(emergencynumber.Regions(), ", "))
		}
	}
	return emergencynumber.Here(p.Region, os.Getenv), nil
}
