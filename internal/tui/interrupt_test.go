package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
)

// panicky makes the flow panic on the key x, as a bug in Update would.
type panicky struct{ tea.Model }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "x" {
		panic("a bug in the UI")
	}
	m, cmd := p.Model.Update(msg)
	return panicky{m}, cmd
}

// A panic inside the UI ends the program, not the person's work: the
// answers so far are saved and the message says how to go on.
func TestPanicSavesAnswers(t *testing.T) {
	dir := inTempDir(t)
	wrapModel = func(m tea.Model) tea.Model { return panicky{m} }
	t.Cleanup(func() { wrapModel = func(m tea.Model) tea.Model { return m } })

	in, feed := io.Pipe()
	defer feed.Close()
	go func() {
		time.Sleep(50 * time.Millisecond)
		// The write wakes the program's input; if the pipe is already
		// closed the test has ended and nothing is waiting for it.
		_, _ = feed.Write([]byte("x"))
	}()
	o := testOptions(t)
	o.Answers = answers.Answers{"age": answers.Num(40), "pain_where": answers.Choices("neck")}
	var out, msgs bytes.Buffer
	o.In, o.Out, o.Report = in, &out, &msgs

	done := make(chan error, 1)
	go func() { done <- Run(context.Background(), o) }()
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the program did not end after a panic")
	}
	if !errors.Is(err, ErrAborted) {
		t.Errorf("Run returned %v, want ErrAborted", err)
	}
	saved := filepath.Join(dir, "backtriage-answers-"+testDate.Format("2006-01-02")+".yaml")
	data, rerr := os.ReadFile(saved)
	if rerr != nil || !strings.Contains(string(data), "age: 40") {
		t.Fatalf("answers not saved after the panic: %v\n%s", rerr, data)
	}
	for _, want := range []string{"internal error", "Your answers so far are saved in", "backtriage --answers"} {
		if !strings.Contains(msgs.String(), want) {
			t.Errorf("message lacks %q:\n%s", want, msgs.String())
		}
	}

	// A second rescue on the same day never replaces the first file.
	m := New(o)
	var again bytes.Buffer
	m.sess.Rescue(&again)
	if !strings.Contains(again.String(), "-2.yaml") {
		t.Errorf("second rescue: %s", again.String())
	}
}
