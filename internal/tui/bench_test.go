package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkArrowKey is Update+View for one arrow key on the warning page,
// the hot path: a few cache lookups and one string build.
func BenchmarkArrowKey(b *testing.B) {
	m := newTestModel(b, testOptions(b), 80, 24)
	press(m, "enter")
	m.View()
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i%2 == 1 {
			k = up
		}
		i++
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkToggle is Update+View for choosing an option (space).
func BenchmarkToggle(b *testing.B) {
	m := newTestModel(b, testOptions(b), 80, 24)
	press(m, "enter", "down")
	m.View()
	space := keyMsg("space")
	b.ReportAllocs()
	for b.Loop() {
		m.Update(space)
		_ = m.View()
	}
}

// BenchmarkResultsScroll is Update+View for scrolling the results.
func BenchmarkResultsScroll(b *testing.B) {
	m := newTestModel(b, testOptions(b), 80, 24)
	answerCharlotte(b, m)
	m.View()
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i%8 >= 4 {
			k = up
		}
		i++
		m.Update(k)
		_ = m.View()
	}
}

var _ tea.Model = (*Model)(nil)
