package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// runInteractive is the interactive flow (`backtriage` with no subcommand).
func runInteractive(cmd *cobra.Command, o *rootOptions) error {
	return errors.New("the interactive mode is not built yet; use `backtriage assess --answers FILE` (see `backtriage questions` for the ids)")
}
