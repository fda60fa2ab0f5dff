package checkin

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// A check-in answers file is read as answers files are: a FIFO is refused by
// name without blocking, and deep nesting is refused before parsing.
func TestReadFileRefusesHostileInput(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "checkin.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, _, err := ReadFile(fifo, nil, questionnaire.Default()); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("FIFO: got %v", err)
		}
	case <-time.After(60 * time.Second): // a hang guard
		t.Fatal("ReadFile blocked on a FIFO")
	}

	deep := filepath.Join(dir, "deep.yaml")
	if err := os.WriteFile(deep, []byte("pain_now: "+strings.Repeat("[", 10000)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadFile(deep, nil, questionnaire.Default()); err == nil || !strings.Contains(err.Error(), "nested deeper than") {
		t.Errorf("deep nesting: got %v", err)
	}
}
