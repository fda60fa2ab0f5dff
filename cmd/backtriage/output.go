package main

import (
	"fmt"
	"os"

	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/userpath"
)

// checkOutput finds a -o FILE that already exists before the questionnaire,
// not after it: without --force the summary could not be written there, and
// the person would learn it only at the end.
func checkOutput(path string, force bool) error {
	if path == "" || path == "-" {
		return nil
	}
	if err := userpath.CheckName(path); err != nil {
		return usagef("--output %q: %w", path, err)
	}
	if force {
		return nil
	}
	if _, err := os.Lstat(userpath.ExpandHome(path)); err == nil {
		return withCode(exitWrite, fmt.Errorf("--output: %s already exists; add --force to replace it, or choose another file", textwrap.Quote(userpath.Shown(path))))
	}
	return nil
}
