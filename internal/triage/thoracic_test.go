package triage_test

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/rules"
)

// Pain between the shoulders as the only flag (vignette
// between-the-shoulders-only) stays at self-care, as rules/README.md
// argues, but the person is shown the NHS line itself, in quotes, with what
// to do and that the tool has not raised the level for it. When the pain
// there keeps getting worse the level is urgent and the line gives way to
// the warning sign.
func TestThoracicPainAloneShowsTheNHSLine(t *testing.T) {
	eng := builtinEngine(t)
	rule := func() *rules.Rule {
		for _, r := range eng.Table().Rules {
			if r.ID == "help-thoracic-pain" {
				return r
			}
		}
		t.Fatal("no rule help-thoracic-pain")
		return nil
	}()
	a := answers.Answers{
		"warning_now":     answers.Choices("none"),
		"warning_nerves":  answers.Choices("none"),
		"warning_history": answers.Choices("none"),
		"age":             answers.Num(35),
		"pain_where":      answers.Choices("between_shoulder_blades"),
		"pain_when":       answers.Choices("on_waking", "eases_during_day"),
		"course":          answers.Choice("better"),
		"duration":        answers.Choice("days_1_2"),
	}
	as := eng.Assess(a)
	if as.Level != rules.SelfCare {
		t.Fatalf("level %s, want self-care", as.Level)
	}
	var line string
	for _, h := range as.SeekHelp {
		if h.Rule == rule {
			line = h.Text
		}
	}
	if line == "" {
		t.Fatal("the NHS line on pain between the shoulders is not shown")
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, want := range []string{
		`"` + rule.Quote + `"`,                         // the NHS's own words, quoted
		"call 111 or ask for an urgent GP appointment", // what the NHS says to do
		"does not raise your level",                    // honest about the departure
		"today",
	} {
		if !strings.Contains(norm(line), want) {
			t.Errorf("help line lacks %q:\n%s", want, line)
		}
	}

	a["course"] = answers.Choice("worse")
	as = eng.Assess(a)
	if as.Level != rules.Urgent {
		t.Fatalf("getting worse: level %s, want urgent", as.Level)
	}
	for _, h := range as.SeekHelp {
		if h.Rule == rule {
			t.Errorf("at urgent level the help line still says the level was not raised: %s", h.Text)
		}
	}
}
