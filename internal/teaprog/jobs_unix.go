//go:build unix

package teaprog

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// stop stops the process group until it is continued.
func stop() error {
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
