package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/triage"
)

// Asking for the results while the rule table is still loading (a slow
// disk, a huge --rules folder) must not block Update: keys, ctrl+c
// included, keep working, and the results show when the table arrives.
func TestResultsWaitForTableWithoutBlocking(t *testing.T) {
	o := testOptions(t)
	eng := testEngine(t)
	release := make(chan struct{})
	o.Load = func() (*triage.Engine, error) { <-release; return eng, nil }
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})

	keys := charlotteKeys(t) // ends by asking for the results
	done := make(chan struct{})
	go func() {
		defer close(done)
		press(m, keys...)
		press(m, "ctrl+c")
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second): // a hang guard
		close(release)
		t.Fatal("Update blocked while the rule table loaded")
	}
	if m.screen() == scrResults || !m.wantResults {
		t.Fatalf("screen %v, wantResults %v: the results cannot show before the table", m.screen(), m.wantResults)
	}
	press(m, "esc") // leave the quit dialog ctrl+c opened

	close(release)
	msg := m.waitEngine()
	m.Update(msg)
	if m.screen() != scrResults {
		t.Fatalf("screen %v after the table loaded, want the results", m.screen())
	}
	mustContain(t, m, "Shoulder-blade muscles strained in the night")
}

// A warning sign answered while the table still loads gets its emergency
// check when the table arrives, not never.
func TestEmergencyCheckWaitsForTable(t *testing.T) {
	o := testOptions(t)
	eng := testEngine(t)
	release := make(chan struct{})
	o.Load = func() (*triage.Engine, error) { <-release; return eng, nil }
	m := New(o)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "enter", "1", "enter") // welcome; chest pain; next question
	if m.screen() == scrStop || !m.wantCheck {
		t.Fatalf("screen %v, wantCheck %v before the table loaded", m.screen(), m.wantCheck)
	}
	close(release)
	m.Update(m.waitEngine())
	if m.screen() != scrStop {
		t.Fatalf("screen %v after the table loaded, want the emergency screen", m.screen())
	}
}
