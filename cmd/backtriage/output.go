package main

import (
	"errors"
	"fmt"

	"github.com/backtriage/backtriage/internal/export"
)

// checkOutput finds a -o FILE that already exists before the questionnaire,
// not after it: without --force the summary could not be written there, and
// the person would learn it only at the end.
func checkOutput(path string, force bool) error {
	err := export.Check(path, force)
	var bad *export.BadName
	switch {
	case errors.As(err, &bad):
		return usagef("--output %q: %w", path, bad.Err)
	case err != nil:
		return withCode(exitWrite, fmt.Errorf("--output: %w", err))
	}
	return nil
}
