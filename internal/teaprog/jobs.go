package teaprog

import (
	"io"
	"os"
	"os/signal"
	"syscall"

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

// stopProcess stops the process group until it is continued.
type stopProcess struct{}

func (stopProcess) Run() error {
	// kill returns before every thread has stopped, and the caller would
	// go on to put the terminal back in raw mode under the shell; wait for
	// the SIGCONT instead.
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	defer signal.Stop(cont)
	// Pid 0: the whole process group, as the terminal's ctrl+z would.
	if err := syscall.Kill(0, syscall.SIGSTOP); err != nil {
		return err
	}
	<-cont
	return nil
}
func (stopProcess) SetStdin(io.Reader)  {}
func (stopProcess) SetStdout(io.Writer) {}
func (stopProcess) SetStderr(io.Writer) {}

// jobControl turns SIGTSTP into a suspendMsg until the program has ended.
func jobControl(ended <-chan struct{}, p *tea.Program) {
	tstp := make(chan os.Signal, 1)
	signal.Notify(tstp, syscall.SIGTSTP)
	defer signal.Stop(tstp)
	for {
		select {
		case <-tstp:
			p.Send(suspendMsg{})
		case <-ended:
			return
		}
	}
}
