package checkin

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

func press(m *formModel, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		default:
			msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		}
		_, cmd = m.Update(msg)
	}
	return cmd
}

// sized is m on a terminal 80 columns wide and h rows high.
func sized(m *formModel, h int) *formModel {
	m.Update(tea.WindowSizeMsg{Width: 80, Height: h})
	return m
}

// A checklist longer than the screen scrolls: every option comes into view
// with the cursor on it, and the frame never grows past the terminal.
func TestFormScrollsALongList(t *testing.T) {
	var plan []diary.Step
	for i := range 20 {
		plan = append(plan, diary.Step{ID: "s" + string(rune('a'+i)), Title: "Step " + string(rune('A'+i)) + " of the plan, with a title long enough to wrap onto a second line"})
	}
	o := Options{Questionnaire: Questionnaire(plan)}
	q, _ := o.Questionnaire.Question(StepsDone)
	m := sized(newFormModel(&form{o: o}, answers.Answers{}, []*questionnaire.Question{q}, nil, nil), 16)
	for j, opt := range q.Choices() {
		if j > 0 {
			press(m, "down")
		}
		frame := ansi.Strip(m.render())
		lines := strings.Split(frame, "\n")
		if len(lines) > 16 {
			t.Fatalf("option %d: %d lines on a terminal of 16:\n%s", j, len(lines), frame)
		}
		cursor := ""
		for _, l := range lines {
			if strings.Contains(l, "› ") {
				cursor = l
			}
		}
		if first := field.Wrap(opt.Label, 60)[0]; !strings.Contains(cursor, first) {
			t.Fatalf("option %d (%q) not in view with the cursor:\n%s", j, opt.Label, frame)
		}
	}
}

// The pain score starts empty, and a reflex enter does not skip it: the
// first asks again, the second skips.
func TestFormPainNeedsTwoEntersToSkip(t *testing.T) {
	o := Options{Questionnaire: Questionnaire(nil)}
	q, _ := o.Questionnaire.Question(questionnaire.PainNow)
	a := answers.Answers{}
	m := sized(newFormModel(&form{o: o}, a, []*questionnaire.Question{q}, nil, nil), 24)
	if strings.Contains(ansi.Strip(m.render()), "Skip") {
		t.Errorf("a Skip on the pain score:\n%s", m.render())
	}
	if press(m, "enter"); m.done || !strings.Contains(m.status, "enter again to skip") {
		t.Fatalf("one enter: done %v, status %q", m.done, m.status)
	}
	if press(m, "enter"); !m.done || a.Answered(q.ID) {
		t.Fatalf("two enters: done %v, answers %v", m.done, a)
	}
	m = sized(newFormModel(&form{o: o}, a, []*questionnaire.Question{q}, nil, nil), 24)
	if press(m, "7", "enter"); !m.done || *a[q.ID].Number != 7 {
		t.Fatalf("7 then enter: done %v, answers %v", m.done, a)
	}
}

// The form stops at the first warning answer that reaches emergency
// level: the questions after it are not asked.
func TestFormStopsAtTheFirstEmergencyAnswer(t *testing.T) {
	o := linesOptions(t)
	var warn []*questionnaire.Question
	for _, q := range o.Questionnaire.Questions() {
		if q.Warning {
			warn = append(warn, q)
		}
	}
	a := Prefill(o)
	shown := rules.SelfCare
	m := sized(newFormModel(&form{o: o}, a, warn, nil, stopAbove(o, a, &shown)), 24)
	now := warn[0]
	press(m, string(rune('1'+now.OptionIndex("chest_pain"))))
	if cmd := press(m, "enter"); cmd == nil || m.stoppedAt != now {
		t.Fatalf("chest pain: stopped at %v", m.stoppedAt)
	}
	if m.View().Content != "" {
		t.Errorf("the question is left on the screen after the stop")
	}
}
