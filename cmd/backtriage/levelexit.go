package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/service"
)

// errLevel carries a level's exit status; there is nothing to print.
var errLevel = errors.New("exit status reflects the level")

// levelExit is the error that makes the program exit with a level's
// status under --exit-level (service.LevelStatus), or nil for self-care.
func levelExit(status int) error {
	if status == 0 {
		return nil
	}
	return withCode(status, errLevel)
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
	complete := cobra.FixedCompletions(service.Regions(), cobra.ShellCompDirectiveNoFileComp)
	if err := cmd.RegisterFlagCompletionFunc("region", complete); err != nil {
		panic(err) // a flag registered twice: a programming error, met by every test
	}
}
