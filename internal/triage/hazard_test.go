package triage_test

// No contradictions: a step that presses on, loads or twists the back is
// never offered beside a warning sign that suspects a fracture, cancer,
// infection, trauma or a pressed nerve, and is listed as left out, with the
// warning as the reason.

import (
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// intendedSuspects are the hazards each warning rule raises. The table's own
// suspects are used where a rule gives them; this fills in the rest, so the
// property has teeth whichever warning rules carry suspects yet.
var intendedSuspects = map[string][]string{
	"emergency-chest-pain":         {"cardiac"},
	"emergency-exertion-spread":    {"cardiac"},
	"emergency-breathless":         {"clot", "cardiac"},
	"emergency-coughing-blood":     {"clot"},
	"emergency-tearing-pain":       {"vascular"},
	"emergency-fainting":           {"cardiac", "clot", "vascular"},
	"emergency-both-legs":          {"nerve"},
	"emergency-both-arms":          {"nerve"},
	"emergency-unsteady":           {"nerve"},
	"emergency-bladder-bowel":      {"nerve"},
	"emergency-saddle-numbness":    {"nerve"},
	"urgent-fever":                 {"infection"},
	"urgent-accident":              {"trauma", "fracture"},
	"urgent-cancer":                {"cancer"},
	"urgent-weight-loss":           {"cancer"},
	"urgent-night-pain":            {"cancer", "infection"},
	"urgent-osteoporosis-steroids": {"fracture"},
	"urgent-sudden-weakness":       {"nerve"},
	"urgent-chest-with-back-pain":  {"cardiac"},
	"soon-one-arm-nerve":           {"nerve"},
	"soon-arm-weakness-numbness":   {"nerve"},
}

// pressingSteps press on, load or twist the back (or exert the body), with
// the hazards each must at least be unsafe with.
var pressingSteps = map[string][]string{
	"tennis-ball":             {"fracture", "cancer", "infection", "trauma", "nerve"},
	"unroll-trapezius":        {"fracture", "cancer", "infection", "trauma", "nerve"},
	"diaphragm-release":       {"fracture", "cancer", "infection", "trauma", "nerve", "cardiac", "vascular", "clot"},
	"massage-therapist":       {"fracture", "cancer", "infection", "trauma", "nerve", "clot"},
	"stretch-before-bed":      {"fracture", "cancer", "infection", "trauma", "nerve", "cardiac", "vascular", "clot"},
	"gentle-exercise":         {"fracture", "cancer", "infection", "trauma", "nerve", "cardiac", "vascular", "clot"},
	"keep-active":             {"fracture", "cancer", "infection", "trauma", "nerve", "cardiac", "vascular", "clot"},
	"squeeze-shoulder-blades": {"fracture", "cancer", "infection", "trauma", "nerve"},
	"firm-mattress":           {"fracture", "cancer", "infection", "trauma", "nerve"}, // turning a mattress is heavy lifting
}

// notPressing are steps whose text uses a pressing or loading word without
// pressing on or loading the back, and why.
var notPressing = map[string]string{
	"cold-packs":                 "leaning forward to lay a cold pack on the back loads nothing",
	"heat-or-cold":               "only compares heat and cold",
	"pain-relief":                "medicine, not movement",
	"painkillers-ask-pharmacist": "blood pressure tablets are medicine, not pressing",
	"side-sleep-pillows":         "a pillow between the knees",
	"change-arm-position":        "an arm \"stretched out in front\" is what to avoid, not a stretch",
}

// pressingWords mark a step's text as pressing, massaging, loading or
// exercising; every step using one must be in pressingSteps or notPressing.
var pressingWords = []string{"press", "massag", "tennis", "exercis", "stretch", "yoga", "pilates", "swim",
	"squeez", "lift", "flip", "turn or", "lean", "walking", "bend forward"}

func TestPressingStepsAreUnsafeWithWarnings(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range pressingSteps {
		s := tbl.Step(id)
		if s == nil {
			t.Errorf("step %s is not in the table", id)
			continue
		}
		for _, h := range want {
			if !slices.Contains(s.UnsafeWith, h) {
				t.Errorf("step %s presses on, loads or exerts the back but is not unsafe_with %s", id, h)
			}
		}
	}
	for _, s := range tbl.Steps {
		text := strings.ToLower(s.Title + " " + s.How)
		for _, w := range pressingWords {
			_, pressing := pressingSteps[s.ID]
			_, excused := notPressing[s.ID]
			if strings.Contains(text, w) && !pressing && !excused {
				t.Errorf("step %s says %q: add it to pressingSteps (and tag unsafe_with) or to notPressing with a reason", s.ID, w)
			}
		}
	}
}

// suspectingEngines loads the built-in table from the YAML and from the
// snapshot, twice each: one with the intended suspects filled in, one with
// none (what the plan would be without the warning ruling steps out).
func suspectingEngines(t *testing.T) [][2]*triage.Engine {
	qn := questionnaire.Default()
	load := []func() (*rules.Table, error){
		func() (*rules.Table, error) { return rules.Load(backtriage.RuleFiles(), "rules", qn) },
		func() (*rules.Table, error) { return rules.LoadSnapshot(backtriage.RuleSnapshot(), qn) },
	}
	var out [][2]*triage.Engine
	for _, l := range load {
		with, err := l()
		if err != nil {
			t.Fatal(err)
		}
		without, err := l()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range with.Rules {
			if r.IsWarning() && len(r.Suspects) == 0 {
				r.Suspects = intendedSuspects[r.ID]
			}
		}
		for _, r := range without.Rules {
			r.Suspects = nil
		}
		out = append(out, [2]*triage.Engine{triage.New(qn, with), triage.New(qn, without)})
	}
	return out
}

func TestPropertyWarningsRuleOutUnsafeSteps(t *testing.T) {
	for _, engs := range suspectingEngines(t) {
		with, without := engs[0], engs[1]
		rapid.Check(t, func(t *rapid.T) {
			a := genAnswers(with.Questionnaire()).Draw(t, "answers")
			as := with.Assess(a)
			var suspected []string
			for _, w := range as.Warnings {
				suspected = append(suspected, w.Rule.Suspects...)
			}
			unsafe := func(s *rules.Step) bool {
				return slices.ContainsFunc(s.UnsafeWith, func(h string) bool { return slices.Contains(suspected, h) })
			}
			for _, p := range as.Plan {
				if unsafe(p.Step) {
					t.Fatalf("step %s is in the plan although a warning suspects one of %v", p.Step.ID, p.Step.UnsafeWith)
				}
			}
			if as.Held != "" {
				// Causes and self-care are held back whole, and Held says why.
				if len(as.Plan) != 0 {
					t.Fatalf("held (%s) with a plan of %d steps", as.Held, len(as.Plan))
				}
				return
			}
			// Every unsafe step the plan would otherwise hold is listed as
			// left out, with a reason.
			for _, p := range without.Assess(a).Plan {
				if !unsafe(p.Step) {
					continue
				}
				i := slices.IndexFunc(as.Withheld, func(w triage.Withheld) bool { return w.Step == p.Step || w.Step.ID == p.Step.ID })
				if i < 0 || strings.TrimSpace(as.Withheld[i].Why) == "" {
					t.Fatalf("step %s, unsafe with a suspected hazard, is neither in the plan nor left out with a reason", p.Step.ID)
				}
			}
		})
	}
}
