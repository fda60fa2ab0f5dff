package tui

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/field"
)

// Enter never records an answer the person did not give: after the warning
// signs, pressing only enter walks every optional question, leaving each
// empty and marked skipped, and the footer says enter skips.
func TestEnterOnlySkipsEveryOptionalQuestion(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter") // welcome
	press(m, noWarnings(t, 30)...)
	if m.screen() != scrPage || m.page.page != 1 {
		t.Fatalf("not on page 2: screen %d page %d", m.screen(), m.page.page)
	}
	seen := map[string]bool{}
	for i := 0; i < 200 && m.screen() == scrPage; i++ {
		q := m.page.focused()
		seen[q.ID] = true
		if s := plain(m); !strings.Contains(s, "enter next (skip)") {
			t.Fatalf("on %s the footer does not say enter skips:\n%s", q.ID, s)
		}
		press(m, "enter")
		if m.screen() == scrPage && m.page.focused() != q {
			// The question just left shows that it was skipped.
			if !field.Of(m.page.fieldOf(q)).Skipped() {
				t.Errorf("%s not marked skipped", q.ID)
			}
		}
	}
	if m.screen() != scrReview {
		t.Fatalf("enter alone did not reach the review; screen %d", m.screen())
	}
	for _, q := range m.qn.Questions() {
		if q.Warning {
			continue
		}
		if m.sess.Given.Answered(q.ID) {
			t.Errorf("%s was answered %v by pressing enter only", q.ID, m.sess.Given[q.ID])
		}
	}
	for _, id := range []string{"pain_side", "duration", "sleep_neck", "wake_to_change", "pillow_height", "slouch", "baby", "hot_nights"} {
		if !seen[id] {
			t.Errorf("the walk never reached %s", id)
		}
	}
}

// The skipped mark is drawn on the question, and goes once it is answered;
// choosing is deliberate: space, x or the option's number.
func TestSkippedMarkAndDeliberateChoice(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter")
	press(m, script(t).NoWarnings(30).Choose("pain_where", "between_shoulder_blades").Focus("pain_side").Keys()...)
	if q := m.page.focused(); q.ID != "pain_side" {
		t.Fatalf("focus on %s, want pain_side", q.ID)
	}
	press(m, "enter") // skip it
	press(m, "shift+tab")
	mustContain(t, m, "Which side?", "skipped")
	if m.sess.Given.Answered("pain_side") {
		t.Fatalf("pain_side answered by enter: %v", m.sess.Given["pain_side"])
	}
	press(m, "down", "space")
	if !m.sess.Given.Answered("pain_side") {
		t.Fatal("space did not choose")
	}
	if strings.Contains(plain(m), "skipped") {
		t.Errorf("still marked skipped after choosing:\n%s", plain(m))
	}
	s := plain(m)
	if !strings.Contains(s, "enter next") || strings.Contains(s, "enter next (skip)") {
		t.Errorf("footer should say enter goes on, not skip:\n%s", s)
	}
	press(m, "1")
	if v := m.sess.Given["pain_side"]; len(v.Options) != 1 || v.Options[0] != m.page.focused().Choices()[0].ID {
		t.Errorf("number key did not pick option 1: %v", v)
	}
}
