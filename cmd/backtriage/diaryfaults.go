package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/backtriage/backtriage/internal/service"
)

// exitNoDiary is the diary commands' "there is nothing to show": no diary,
// no consent, or storing turned off. It is an input problem, like a missing
// answers file.
const exitNoDiary = exitInput

// diaryToShow is the diary for a command that only shows it (history,
// diary export); no folder for it is a usage error.
func (o *rootOptions) diaryToShow(cmd *cobra.Command) (service.Diary, error) {
	d := o.appFor(cmd, "").Diary()
	if d.PathErr != nil {
		return d, usage(d.PathErr)
	}
	return d, nil
}

// diaryFault gives a diary's fault its exit status: no diary to show is an
// input problem, like a missing answers file.
func diaryFault(err error) error {
	var none *service.NoDiary
	if errors.As(err, &none) {
		return withCode(exitNoDiary, err)
	}
	return withCode(diaryExit(err), err)
}

// diaryExit is the exit status of a command whose work is the diary itself
// (history, diary export, diary start, forget) when the diary fails it: 3
// when the file cannot be read or is not a diary, 4 when it cannot be
// written, as for an output file. docs/scripting.md lists them.
func diaryExit(err error) int {
	switch service.FaultOf(err) {
	case service.Unreadable:
		return exitInput
	case service.Unwritable:
		return exitWrite
	}
	return exitError
}
