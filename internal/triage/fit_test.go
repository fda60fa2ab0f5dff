package triage_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// plainAnswers is an ordinary answer set with no warning sign ticked, plus
// the answers given.
func plainAnswers(extra answers.Answers) answers.Answers {
	a := answers.Answers{
		"warning_now":     answers.Choices("none"),
		"warning_nerves":  answers.Choices("none"),
		"warning_history": answers.Choices("none"),
		"age":             answers.Num(38),
	}
	for k, v := range extra {
		a[k] = v
	}
	return a
}

// What a careful clinician reading the summary would object to: a cause or
// step whose words assume more than the person said, or a help line that
// does not fit the answers. Each case names the answers, the cause or step,
// and words that must not be shown for them.
func TestTextsFitTheAnswers(t *testing.T) {
	eng := builtinEngine(t)
	readers := filepath.Join("..", "..", "testdata", "readers")
	cases := []struct {
		name   string
		a      answers.Answers
		id     string // cause or step id, or "help" for the help lines
		absent string // words that must not appear in its title or text
	}{
		// Emma trains most days; she lifted nothing the day before.
		{"training is not the day before", readAnswers(t, filepath.Join(readers, "emma.yaml")),
			"overuse-strain", "the day before"},
		// Drinking little ranks the cause; a spasm was not mentioned.
		{"little water without a spasm", plainAnswers(answers.Answers{
			"pain_where": answers.Choices("between_shoulder_blades"), "pain_feel": answers.Choices("ache"),
			"duration": answers.Choice("under_week"), "water": answers.Choice("little")}),
			"dehydration-spasm", "A muscle spasm from"},
		// Tingling between the shoulder blades, not in an arm.
		{"tingling not in the arm", plainAnswers(answers.Answers{
			"pain_where": answers.Choices("between_shoulder_blades"), "pain_feel": answers.Choices("numbness_tingling"),
			"duration": answers.Choice("under_week")}),
			"pinched-nerve", "Numbness, tingling or weakness running into one arm or hand can mean"},
		// Pain into the arm ranks the scalenes; the tool cannot know the
		// cause is in the neck.
		{"scalenes as a possibility", readAnswers(t, filepath.Join(readers, "ray.yaml")),
			"scalenes", "the cause is in the neck"},
		// Pain on top of the shoulder, no knot.
		{"shoulder pain without a knot", plainAnswers(answers.Answers{
			"pain_where": answers.Choices("shoulder_top"), "pain_feel": answers.Choices("ache"),
			"duration": answers.Choice("under_week")}),
			"upper-trapezius", "Knots in the upper trapezius"},
		// Ele hurts on top of the shoulder, in the neck and arm: cold goes
		// where it hurts, not across the middle and low back.
		{"cold where it hurts", readAnswers(t, filepath.Join(readers, "ele.yaml")),
			"cold-packs", "cold packs across the whole width of your back"},
		// Darren has had pain for nine months and is told to book now; a
		// line saying to book if it lasts six weeks reads as "wait".
		{"no six-week line after months", readAnswers(t, filepath.Join(readers, "darren.yaml")),
			"help", "if the pain lasts more than 6 weeks"},
		// Low back pain on a deep breath: the diaphragm cause is about the
		// middle of the back.
		{"deep breath in the low back only", plainAnswers(answers.Answers{
			"pain_where": answers.Choices("lower_back"), "pain_feel": answers.Choices("hurts_deep_breath"),
			"duration": answers.Choice("under_week")}),
			"diaphragm", "in the middle of the back"},
	}
	for _, c := range cases {
		as := eng.Assess(c.a)
		var shown []string
		switch {
		case c.id == "help":
			for _, h := range as.SeekHelp {
				shown = append(shown, h.Text)
			}
		default:
			for _, rc := range as.Causes {
				if rc.Cause.ID == c.id {
					shown = append(shown, rc.Cause.Title, rc.Cause.About)
				}
			}
			for _, p := range as.Plan {
				if p.Step.ID == c.id {
					shown = append(shown, p.Step.Title, p.Step.How)
				}
			}
		}
		for _, s := range shown {
			if strings.Contains(strings.Join(strings.Fields(s), " "), c.absent) {
				t.Errorf("%s: %s shows %q:\n%s", c.name, c.id, c.absent, s)
			}
		}
	}
}

// The sources list holds only the passages behind what is shown: a rule
// that points at a cause is cited only when that cause is ranked, and a rule
// that only adds steps only when one of them is in the plan. A quote for a
// cause the person never sees would credit a source for advice not given.
func TestPropertySourcesOnlyForWhatIsShown(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		a := genAnswers(eng.Questionnaire()).Draw(t, "answers")
		as := eng.Assess(a)
		ranked := map[string]bool{}
		for _, rc := range as.Causes {
			ranked[rc.Cause.ID] = true
		}
		inPlan := map[string]bool{}
		for _, p := range as.Plan {
			inPlan[p.Step.ID] = true
		}
		tbl := eng.Table()
		for _, su := range as.Sources {
			for _, q := range su.Quotes {
				if q.Kind != "rule" {
					continue
				}
				i := slices.IndexFunc(tbl.Rules, func(r *rules.Rule) bool { return r.ID == q.ID })
				r := tbl.Rules[i]
				if r.IsWarning() || (r.SeekHelp != "" && r.ShownAt(as.Level)) {
					continue
				}
				if r.Cause != "" {
					if !ranked[r.Cause] {
						t.Fatalf("rule %s is cited, but its cause %s is not shown", r.ID, r.Cause)
					}
					continue
				}
				if !slices.ContainsFunc(r.Steps, func(s string) bool { return inPlan[s] }) {
					t.Fatalf("rule %s is cited, but none of its steps %v is in the plan", r.ID, r.Steps)
				}
			}
		}
	})
}

// A step left out for a warning sign says until when and whom to ask, so
// that "keep moving", left out beside tingling in one arm (Ele), does not
// read as "rest", which no guidance says.
func TestWithheldStepsSayWhomToAsk(t *testing.T) {
	eng := builtinEngine(t)
	as := eng.Assess(readAnswers(t, filepath.Join("..", "..", "testdata", "readers", "ele.yaml")))
	found := false
	for _, w := range as.Withheld {
		if w.Step.ID != "keep-active" {
			continue
		}
		found = true
		for _, want := range []string{"until this warning sign has been checked", "doctor or physiotherapist", "what you can safely do"} {
			if !strings.Contains(w.Why, want) {
				t.Errorf("keep-active left out with %q; want it to say %q", w.Why, want)
			}
		}
	}
	if !found {
		t.Fatal("keep-active is not left out for Ele's tingling arm")
	}
}
