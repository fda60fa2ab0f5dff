package guide

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/timer"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

func builtinStep(t *testing.T, id string) *rules.Step {
	t.Helper()
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	s := tbl.Step(id)
	if s == nil || s.Routine == nil {
		t.Fatalf("step %q has no routine", id)
	}
	return s
}

func TestSegmentsAndWords(t *testing.T) {
	s := builtinStep(t, "diaphragm-release")
	segs := Segments(s.Routine)
	if len(segs) != 6 || segs[0].Duration() != 12*time.Second || segs[5].Round != 3 {
		t.Fatalf("segments: %+v", segs)
	}
	if got := segs[2].Announce(); !strings.HasPrefix(got, "Round 2 of 3, phase 1 of 2: Hold under the ribs, 12 seconds.") {
		t.Errorf("announce: %q", got)
	}
	for d, want := range map[time.Duration]string{5 * time.Minute: "5 minutes", 12 * time.Second: "12 seconds", 90 * time.Second: "1 minute 30 seconds", time.Second: "1 second"} {
		if got := Words(d); got != want {
			t.Errorf("Words(%v) = %q, want %q", d, got, want)
		}
	}
}

// tick advances the model's countdown by one interval, as bubbles' timer
// would after waiting; timeout ends the phase, as the timer reports it.
func tick(m Model) Model {
	next, _ := m.Update(timer.TickMsg{ID: m.timer.ID()})
	return next.(Model)
}

func runPhase(m Model) Model {
	for m.timer.Timeout > 0 {
		m = tick(m)
	}
	next, _ := m.Update(timer.TimeoutMsg{ID: m.timer.ID()})
	return next.(Model)
}

func key(m Model, k string) (Model, tea.Cmd) {
	var msg tea.KeyPressMsg
	switch k {
	case "space":
		msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	default:
		msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
	}
	next, cmd := m.Update(msg)
	return next.(Model), cmd
}

// A ten-minute tennis-ball routine runs through in the test without
// waiting: each phase in turn, a bell at every change, the progress and the
// elapsed time right, and a finished result.
func TestModelRunsTheRoutineWithoutWaiting(t *testing.T) {
	step := builtinStep(t, "tennis-ball")
	m := NewModel(step, time.Second, false)
	var names []string
	for {
		seg, ok := m.Segment()
		if !ok {
			break
		}
		names = append(names, seg.Phase.Name)
		if !strings.Contains(m.View().Content, seg.Phase.Name) {
			t.Fatalf("view does not show the phase %q", seg.Phase.Name)
		}
		m = runPhase(m)
	}
	want := []string{"Find the tender spot", "Keep still on the spot", "Find the tender spot", "Keep still on the spot"}
	if !slices.Equal(names, want) {
		t.Errorf("phases %v, want %v", names, want)
	}
	res := m.Result()
	if !res.Finished || res.Elapsed != 660*time.Second || res.Skipped != 0 {
		t.Errorf("result %+v, want finished after 11 minutes", res)
	}
	if m.bells != 4 {
		t.Errorf("%d bells at phase changes, want 4", m.bells)
	}
	// Said once: in a line after the last frame (Run), or in the results'
	// frame when embedded.
	for _, v := range []string{m.EndWords(), flat(m.Embed().View().Content)} {
		if !strings.Contains(v, finished(step)) || strings.Contains(v, "Finished. Done.") {
			t.Errorf("the end: %s", v)
		}
	}
	if strings.Contains(m.View().Content, "Finished") {
		t.Errorf("the last frame changed as the program quits:\n%s", m.View().Content)
	}
}

func TestModelPauseSkipQuitQuiet(t *testing.T) {
	m := NewModel(builtinStep(t, "diaphragm-release"), time.Second, true)
	m = tick(tick(m))
	if m.elapsed != 2*time.Second || m.timer.Timeout != 10*time.Second {
		t.Fatalf("after two ticks: elapsed %v, left %v", m.elapsed, m.timer.Timeout)
	}
	// Pause: the toggle's message stops the countdown; ticks change nothing.
	m, cmd := key(m, "space")
	next, _ := m.Update(cmd())
	m = next.(Model)
	if m.Running() || !strings.Contains(m.View().Content, "paused") {
		t.Fatal("space did not pause")
	}
	m = tick(m)
	if m.elapsed != 2*time.Second {
		t.Errorf("time ran while paused: %v", m.elapsed)
	}
	// Skip moves to the next phase.
	m, _ = key(m, "s")
	if seg, _ := m.Segment(); seg.Phase.Name != "Let go and breathe" || m.skipped != 1 {
		t.Errorf("after skip: %+v", seg)
	}
	// Quit: not finished.
	m, cmd = key(m, "q")
	if cmd == nil || m.Result().Finished {
		t.Errorf("q did not quit, or counted as finished: %+v", m.Result())
	}
	if m.bells != 0 {
		t.Errorf("quiet, yet %d bells", m.bells)
	}
}

// The accessible routine announces every phase in text, says the minutes
// left in long phases, rings the bell unless quiet, and takes commands.
func TestRunTextAnnouncesEachPhase(t *testing.T) {
	step := builtinStep(t, "tennis-ball")
	now := func(time.Duration) <-chan time.Time {
		c := make(chan time.Time, 1)
		c <- time.Time{}
		return c
	}
	var out bytes.Buffer
	res, err := RunText(context.Background(), step, TextOptions{Out: &out, After: now})
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Round 1 of 2, phase 1 of 2: Find the tender spot, 30 seconds.",
		"Round 2 of 2, phase 2 of 2: Keep still on the spot, 5 minutes.",
		"4 minutes left.", finished(step), "Caution: ",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if n := strings.Count(text, Bell); n != 5 {
		t.Errorf("%d bells, want 5 (four phases and the end)", n)
	}
	if !res.Finished || res.Elapsed != 660*time.Second {
		t.Errorf("result %+v", res)
	}

	// Quiet, and quit at once: no bell, not finished.
	out.Reset()
	never := func(time.Duration) <-chan time.Time { return make(chan time.Time) }
	res, err = RunText(context.Background(), step, TextOptions{Out: &out, In: strings.NewReader("q\n"), After: never, Quiet: true})
	if err != nil || res.Finished || strings.Contains(out.String(), Bell) || !strings.Contains(out.String(), "Stopped after 0 seconds; the routine was not recorded.") {
		t.Errorf("quit: %+v %v\n%s", res, err, out.String())
	}
}

func TestOfferedLeavesOutWithheld(t *testing.T) {
	tbl, _ := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	all := Offered(tbl, nil, nil)
	if len(all) < 4 {
		t.Fatalf("offered %d steps", len(all))
	}
	got := Offered(tbl, []string{"tennis-ball", "cold-packs", "side-sleep-pillows"}, []string{"tennis-ball"})
	if len(got) != 1 || got[0].ID != "cold-packs" {
		t.Errorf("offered %v, want only cold-packs (tennis-ball is withheld, pillows have no routine)", got)
	}
}

// Skipping most of a routine is not doing it: it ends without "Finished",
// says how much ran, and does not count as done (the diary records only
// routines that count).
func TestMostlySkippedIsNotDone(t *testing.T) {
	step := builtinStep(t, "tennis-ball") // 30 s, 5 min, 30 s, 5 min
	never := func(time.Duration) <-chan time.Time { return make(chan time.Time) }
	var out bytes.Buffer
	res, err := RunText(context.Background(), step, TextOptions{Out: &out, In: strings.NewReader("s\ns\ns\ns\n"), After: never, Quiet: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Finished || res.Skipped != 4 || strings.Contains(out.String(), "Finished.") ||
		!strings.Contains(out.String(), "Ended: 0 seconds of 11 minutes ran, the rest was skipped, so it is not counted as done.") {
		t.Errorf("every phase skipped: %+v\n%s", res, out.String())
	}

	// The model: the two long phases skipped, the short ones run (1 of 11 minutes).
	m := NewModel(step, time.Second, true)
	m = runPhase(m)
	m, _ = key(m, "s")
	m = runPhase(m)
	m, _ = key(m, "s")
	if res := m.Result(); res.Finished || res.Elapsed != time.Minute {
		t.Errorf("two of four phases skipped, most of the time: %+v", res)
	}
	if v := m.EndWords(); !strings.Contains(v, "not counted as done") || strings.Contains(v, "Finished.") {
		t.Errorf("the end: %s", v)
	}
}

// AfterInput: every typed command is taken before any time passes, then
// the rest runs at once. Run many times, the result is the same: the
// commands never race the clock.
func TestAfterInputClockTakesCommandsFirst(t *testing.T) {
	step := builtinStep(t, "tennis-ball") // 30 s, 5 min, 30 s, 5 min
	for range 50 {
		var out bytes.Buffer
		res, err := RunText(context.Background(), step, TextOptions{Out: &out, In: strings.NewReader("s\ns\ns\n"), AfterInput: true, Quiet: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Skipped != 3 || res.Elapsed != 5*time.Minute || res.Finished {
			t.Fatalf("three phases skipped, the last run: %+v\n%s", res, out.String())
		}
	}
	// No input at all: the whole routine runs at once.
	res, err := RunText(context.Background(), step, TextOptions{Out: io.Discard, AfterInput: true, Quiet: true})
	if err != nil || !res.Finished || res.Elapsed != 660*time.Second {
		t.Errorf("no input: %+v %v", res, err)
	}
}

// finished is what the end of a routine that counts says: "Finished." and
// the step's last words, with no "Done." after "Finished.".
func finished(step *rules.Step) string {
	return "Finished. " + strings.TrimPrefix(step.Routine.Then, "Done. ")
}

// flat is a view's text as one line: styles stripped, lines joined, so a
// sentence wrapped across lines is found whole.
func flat(view string) string {
	return strings.Join(strings.Fields(ansi.Strip(view)), " ")
}

// At any width from 60 the phase's whole instruction is on the screen,
// wrapped at spaces with no line wider than the window, with the countdown
// and the keys; ? lists the keys and esc hides them; q stops, and the last
// frame says the routine was not recorded.
func TestModelViewWholeInstructionKeysAndStop(t *testing.T) {
	step := builtinStep(t, "stretch-before-bed")
	for _, w := range []int{60, 80, 120} {
		m := NewModel(step, time.Second, true)
		next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		m = next.(Model)
		seg, _ := m.Segment()
		v := ansi.Strip(m.View().Content)
		for _, l := range strings.Split(v, "\n") {
			if lipgloss.Width(l) >= w {
				t.Errorf("width %d: a line is %d wide: %q", w, lipgloss.Width(l), l)
			}
		}
		// Embedded in the results, the footer is longer: it breaks between
		// keys, never inside one.
		for _, l := range strings.Split(ansi.Strip(m.Embed().View().Content), "\n") {
			if l = strings.TrimSpace(l); strings.HasSuffix(l, " ?") || strings.HasSuffix(l, "·") || l == "all keys" {
				t.Errorf("width %d: the footer breaks inside a key: %q", w, l)
			}
		}
		for _, want := range []string{seg.Announce(), "00:20", "q/esc stop", "? all keys"} {
			if !strings.Contains(flat(v), want) {
				t.Errorf("width %d: %q is not on the screen:\n%s", w, want, v)
			}
		}
		m, _ = key(m, "?")
		if v := flat(m.View().Content); !strings.Contains(v, "skip this phase (a routine mostly skipped") || !strings.Contains(v, "hide the keys") {
			t.Errorf("width %d: ? shows no keys:\n%s", w, v)
		}
		m, cmd := key(m, "esc")
		if cmd != nil || m.Stopped() || strings.Contains(m.View().Content, "hide the keys") {
			t.Errorf("width %d: esc with the keys shown did not just hide them", w)
		}
		running := m.View().Content
		m, cmd = key(m, "q")
		if cmd == nil || !m.Stopped() || m.Result().Finished {
			t.Errorf("width %d: q did not stop: %+v", w, m.Result())
		}
		// The last frame stays as it was (Run says the end after it);
		// embedded in the results, the frame says it.
		if m.View().Content != running {
			t.Errorf("width %d: the frame changed as the program quits", w)
		}
		const said = "Stopped after 0 seconds; the routine was not recorded."
		if m.EndWords() != said {
			t.Errorf("width %d: the end is %q", w, m.EndWords())
		}
		em, _ := key(NewModel(step, time.Second, true).Embed(), "q")
		if v := flat(em.View().Content); !strings.Contains(v, said) || strings.Contains(v, "00:") {
			t.Errorf("width %d: the embedded routine does not say it stopped:\n%s", w, v)
		}
	}
}

// On the smallest window the questionnaire allows (60x16), with the keys
// listed (?), every routine's frame fits and keeps its footer, which says
// how to hide them: the key list gives way, not the footer (it was cut
// off the bottom).
func TestKeysFitSmallWindow(t *testing.T) {
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 60, 16
	for _, step := range tbl.Steps {
		if step.Routine == nil {
			continue
		}
		for _, m := range []Model{NewModel(step, time.Second, true), NewModel(step, time.Second, true).Embed()} {
			next, _ := m.Update(tea.WindowSizeMsg{Width: w - 2, Height: h}) // the results indent it a column
			m, _ = key(next.(Model), "?")
			v := strings.TrimSuffix(ansi.Strip(m.View().Content), "\n")
			if n := strings.Count(v, "\n") + 1; n > h || !strings.Contains(v, "hide the keys") || !strings.Contains(v, "Caution") && step.Caution != "" {
				t.Errorf("%s: %d lines at %dx%d, the footer or the caution lost:\n%s", step.ID, n, w, h, v)
			}
		}
	}
}
