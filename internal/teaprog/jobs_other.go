//go:build !unix

package teaprog

import (
	"errors"

	tea "charm.land/bubbletea/v2"
)

// stop is not possible without Unix job control: ctrl+z only repaints the
// screen (the error has nowhere to go; the program goes on).
func stop() error { return errors.New("suspending is not supported on this system") }

// jobControl has no SIGTSTP to listen for.
func jobControl(ended <-chan struct{}, _ *tea.Program) { <-ended }
