//go:build unix

package teaprog

import (
	"context"
	"errors"
	"io"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// waiting is a program that does nothing until stopped; started is closed
// once it runs.
type waiting struct{ started chan struct{} }

func (w waiting) Init() tea.Cmd {
	return func() tea.Msg { close(w.started); return nil }
}
func (w waiting) Update(tea.Msg) (tea.Model, tea.Cmd) { return w, nil }
func (w waiting) View() tea.View                      { return tea.NewView("waiting") }

// Each stop signal ends a running program with a *Stopped naming it, the
// status the README documents; a burst of the same signal is absorbed (it
// never kills the test process).
//
// Only the last signal comes as a burst: a signal sent to the process is
// delivered when a thread next runs, so under load the rest of a burst can
// arrive after its program has ended, and would stop the next program with
// the wrong signal (seen once in a loaded run). One signal is delivered
// once, and what is left of the last burst can only be the same signal.
func TestSignalStopsRun(t *testing.T) {
	cases := []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 130}, {syscall.SIGHUP, 129}}
	for i, c := range cases {
		burst := 1
		if i == len(cases)-1 {
			burst = 3
		}
		in, feed := io.Pipe()
		w := waiting{make(chan struct{})}
		done := make(chan error, 1)
		go func() {
			_, err := Run(context.Background(), w, Options{In: in, Out: io.Discard})
			done <- err
		}()
		<-w.started
		for range burst {
			if err := syscall.Kill(syscall.Getpid(), c.sig); err != nil {
				t.Fatal(err)
			}
		}
		err := <-done
		feed.Close()
		var s *Stopped
		if !errors.As(err, &s) || s.Signal != c.sig || s.ExitCode() != c.code {
			t.Errorf("%v: Run returned %v (%#v)", c.sig, err, s)
		}
		said := Say(context.Background(), err, "the routine was not recorded")
		if said.Error() != "backtriage was stopped; the routine was not recorded." {
			t.Errorf("%v: said %q", c.sig, said)
		}
	}
}

// A context already stopped by a signal (one that came between two
// programs) stops the next program at once, with the same error.
func TestStoppedContextStopsNextProgram(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(&Stopped{Signal: syscall.SIGTERM})
	in, feed := io.Pipe()
	defer feed.Close()
	_, err := Run(ctx, waiting{make(chan struct{})}, Options{In: in, Out: io.Discard})
	if s, ok := As(ctx, err); !ok || s.Signal != syscall.SIGTERM {
		t.Errorf("Run returned %v", err)
	}
	// Another end of the context is Bubble Tea's "killed".
	ctx, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if _, err := Run(ctx, waiting{make(chan struct{})}, Options{In: in, Out: io.Discard}); !errors.Is(err, tea.ErrProgramKilled) {
		t.Errorf("Run with a cancelled context returned %v", err)
	}
	// Other errors pass Say unchanged.
	other := errors.New("disk full")
	if got := Say(context.Background(), other, "x"); got != other {
		t.Errorf("Say changed %v into %v", other, got)
	}
}

// ctrl+z never reaches the model: the wrapper suspends instead.
func TestCtrlZSuspends(t *testing.T) {
	var seen []tea.Msg
	m := jobs{recorder{&seen}}
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl})
	if cmd == nil || len(seen) != 0 {
		t.Errorf("ctrl+z: command %v, the model saw %v", cmd, seen)
	}
	_, _ = m.Update(tea.KeyPressMsg{Code: 'a', Text: "a"})
	_, cmd = m.Update(resumedMsg{})
	if len(seen) != 2 || cmd == nil {
		t.Errorf("other keys and the resume reach the model, with a repaint: %v, %v", seen, cmd)
	}
	if _, ok := seen[1].(tea.ResumeMsg); !ok {
		t.Errorf("the model heard %T on resume, want tea.ResumeMsg", seen[1])
	}
}

type recorder struct{ seen *[]tea.Msg }

func (r recorder) Init() tea.Cmd { return nil }
func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	*r.seen = append(*r.seen, msg)
	return r, nil
}
func (r recorder) View() tea.View { return tea.NewView("") }
