package teaprog

import (
	"io"

	tea "charm.land/bubbletea/v2"
)

// Job control: ctrl+z and SIGTSTP from outside both suspend the same way.
// Bubble Tea gives the terminal back (cooked mode, main screen, cursor
// shown), the process group stops, and on SIGCONT (the shell's fg) Bubble
// Tea takes the terminal again and the screen is repainted whole.
//
// Bubble Tea's own suspend cannot be used: it stops the process by sending
// SIGTSTP, and once a Go program has caught SIGTSTP (which it must, to
// restore the terminal first) the runtime keeps its handler and the signal
// no longer stops it. SIGSTOP always does.

// suspendMsg asks the program to suspend; resumedMsg says it is back.
type (
	suspendMsg struct{}
	resumedMsg struct{}
)

// jobs wraps a program's model with job control, the same for every
// program: the models themselves never see ctrl+z.
type jobs struct{ tea.Model }

func (j jobs) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case suspendMsg:
		return j, suspend()
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+z" {
			return j, suspend()
		}
	case resumedMsg:
		// The shell drew on the screen meanwhile: paint all of it again.
		// (Bubble Tea, taking the terminal back, sends the size it may
		// have changed to; asking for it here too would run two size
		// checks at once, which race in Bubble Tea.) The model hears of it
		// as Bubble Tea's own resume.
		m, cmd := j.Model.Update(tea.ResumeMsg{})
		return jobs{m}, tea.Batch(cmd, tea.ClearScreen)
	}
	m, cmd := j.Model.Update(msg)
	return jobs{m}, cmd
}

// suspend runs stopProcess as an "external command", which is what
// Bubble Tea's Exec does: release the terminal, run it, take it back.
func suspend() tea.Cmd {
	return tea.Exec(stopProcess{}, func(error) tea.Msg { return resumedMsg{} })
}

// stopProcess stops the process until it is continued; stop is the
// system's way (see jobs_unix.go; elsewhere there is no job control).
type stopProcess struct{}

func (stopProcess) Run() error          { return stop() }
func (stopProcess) SetStdin(io.Reader)  {}
func (stopProcess) SetStdout(io.Writer) {}
func (stopProcess) SetStderr(io.Writer) {}
