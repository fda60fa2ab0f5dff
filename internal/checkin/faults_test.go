package checkin

import (
	"errors"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
)

// An answers file may name any step of the rule table, with no plan (no
// diary, storing off, a damaged diary) or one outside the newest plan: it
// is recorded as given and said plainly to be outside the plan. A step id
// the table does not hold is still an error.
func TestFileStepsOutsideThePlan(t *testing.T) {
	eng := testrules.Builtin(t)
	ep := episode(t, eng)
	var outside string
	for _, s := range eng.Table().Steps {
		if !inPlan(ep, s.ID) {
			outside = s.ID
			break
		}
	}
	if outside == "" {
		t.Fatal("every step of the table is in the episode's plan; the test needs one that is not")
	}
	in := none + "age: 31\npain_now: 4\nsteps_done: [" + ep.Plan[0].ID + ", " + outside + "]\n"

	// With the episode's plan.
	a, _, err := Parse("c.yaml", []byte(in), FileQuestionnaire(ep.Plan, eng.Table()))
	if err != nil {
		t.Fatal(err)
	}
	res := Evaluate(eng, followup.State{Episode: ep}, Input{Answers: a, Now: day0.AddDate(0, 0, 1)}, "v")
	if len(res.NotInPlan) != 1 || res.NotInPlan[0] != outside || res.NoPlan || len(res.Checkin.StepsDone) != 2 {
		t.Errorf("not in plan %v, no plan %v, done %v", res.NotInPlan, res.NoPlan, res.Checkin.StepsDone)
	}
	text := Text(res, eng.Table(), emergencynumber.Local{})
	if want := "Not in your current plan (recorded as you gave them): " + eng.Table().Step(outside).Title; !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
		t.Errorf("missing %q in:\n%s", want, text)
	}

	// With no plan at all: nothing says "your plan" as if there were one.
	a, _, err = Parse("c.yaml", []byte(in), FileQuestionnaire(nil, eng.Table()))
	if err != nil {
		t.Fatal(err)
	}
	res = Evaluate(eng, followup.State{}, Input{Answers: a, Now: day0}, "v")
	text = strings.Join(strings.Fields(Text(res, eng.Table(), emergencynumber.Local{})), " ")
	if !res.NoPlan || len(res.NotInPlan) != 2 || strings.Contains(text, "Carry on with your plan") ||
		!strings.Contains(text, "No assessment was read from a diary (there is none yet, storing is off, or the diary could not be used), so there is no self-care plan") ||
		!strings.Contains(text, "run 'backtriage'") {
		t.Errorf("no plan: %v %v\n%s", res.NoPlan, res.NotInPlan, text)
	}

	_, _, err = Parse("c.yaml", []byte(none+"steps_done: [tennis-bal]\n"), FileQuestionnaire(nil, eng.Table()))
	if err == nil || !strings.Contains(err.Error(), `c.yaml:10:14: question "steps_done": unknown option "tennis-bal"; did you mean "tennis-ball"?`) {
		t.Errorf("a step the table does not hold: %v", err)
	}
}

// A file with errors is refused, with the warning-sign answers that can
// still be read from it, so an emergency is never dropped for an
// unrelated mistake; broken YAML and JSON are read word by word.
func TestInvalidFileKeepsWarningSigns(t *testing.T) {
	qn := FileQuestionnaire(nil, testrules.Builtin(t).Table())
	cases := []struct {
		name, file string
		want       []string // options of warning_now
		age        int
	}{
		{"unknown key", "warning_now: [chest_pain]\nage: 40\nsteps: [heat]\n", []string{"chest_pain"}, 40},
		{"typo beside a sign", "warning_now: [chest_pain, breathles]\n", []string{"chest_pain"}, 0},
		{"none beside a sign", "warning_now: [none, fainting]\npain_now: 11\n", []string{"fainting"}, 0},
		{"answered twice", "warning_now: [none]\nwarning_now: [breathless]\n", []string{"breathless"}, 0},
		{"unclosed bracket", "warning_now: [chest_pain\nage: 52\n", []string{"chest_pain"}, 52},
		{"broken JSON", `{"age": 61, "warning_now": ["tearing_pain"], "note": "no fainting or chest_pain" `, []string{"tearing_pain"}, 61},
		{"missing questions", "warning_now: chest_pain\nsteps_done: [not-a-step]\n", []string{"chest_pain"}, 0},
	}
	for _, c := range cases {
		_, _, err := Parse("c.yaml", []byte(c.file), qn)
		var bad *InvalidFile
		if !errors.As(err, &bad) {
			t.Errorf("%s: error %v is not an *InvalidFile", c.name, err)
			continue
		}
		got := bad.Warnings["warning_now"].Options
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: warning_now read as %v, want %v", c.name, got, c.want)
		}
		if age := bad.Warnings["age"]; (c.age == 0) != (age.Number == nil) || (age.Number != nil && *age.Number != c.age) {
			t.Errorf("%s: age read as %v, want %d", c.name, age, c.age)
		}
	}
	// Hostile input is not read at all.
	_, _, err := Parse("c.yaml", []byte("warning_now: [chest_pain]\x00"), qn)
	var bad *InvalidFile
	if !errors.As(err, &bad) || len(bad.Warnings) != 0 || !strings.Contains(err.Error(), "binary") {
		t.Errorf("binary: %v", err)
	}
}

// The salvaged signs are assessed with the same rules and levels.
func TestSalvagedEmergencyIsAssessed(t *testing.T) {
	eng := testrules.Builtin(t)
	_, _, err := Parse("c.yaml", []byte("warning_now: [chest_pain]\nsteps_done: [tennis-ball]\nfoo: 1\n"), FileQuestionnaire(nil, eng.Table()))
	var bad *InvalidFile
	if !errors.As(err, &bad) {
		t.Fatalf("got %v", err)
	}
	res := Evaluate(eng, followup.State{}, Input{Answers: bad.Warnings, Now: day0}, "v")
	if !res.Stopped || res.Assessment.Level != rules.Emergency {
		t.Errorf("level %v, stopped %v", res.Assessment.Level, res.Stopped)
	}
}

// An age pre-filled from the assessment and kept is assessed with but not
// stored as the check-in's answer; one the person changed is stored.
func TestPrefilledAgeIsNotStored(t *testing.T) {
	eng := testrules.Builtin(t)
	ep := episode(t, eng)
	st := followup.State{Episode: ep}
	pre := Prefill(Options{State: st})
	if pre["age"].Number == nil || *pre["age"].Number != 31 {
		t.Fatalf("prefill %v", pre)
	}
	a, _, err := Parse("c.yaml", []byte(none+"pain_now: 3\n"), Questionnaire(ep.Plan))
	if err != nil {
		t.Fatal(err)
	}
	kept := a.Clone()
	kept["age"] = answers.Num(31)
	res := Evaluate(eng, st, Input{Answers: kept, Now: day0, Prefilled: pre}, "v")
	if age, stored := res.Checkin.Answers["age"]; stored || *res.Assessment.Answers["age"].Number != 31 {
		t.Errorf("kept age: stored %v, assessed %v", age, res.Assessment.Answers["age"])
	}
	changed := a.Clone()
	changed["age"] = answers.Num(32)
	res = Evaluate(eng, st, Input{Answers: changed, Now: day0, Prefilled: pre}, "v")
	if res.Checkin.Answers["age"] != 32 {
		t.Errorf("changed age: stored %v", res.Checkin.Answers["age"])
	}
}

// After the line prompts have shown a warning sign's advice, the result
// names it in one line instead of printing it again.
func TestTextAfterStopShowsTheAdviceOnce(t *testing.T) {
	eng := testrules.Builtin(t)
	ep := episode(t, eng)
	st := followup.State{Episode: ep}
	for _, c := range []struct{ sign, headline string }{
		{strings.Replace(none, "warning_now: [none]", "warning_now: [chest_pain]", 1), "Emergency"},
		{strings.Replace(none, "warning_history: [none]", "warning_history: [fever]", 1), "Urgent"},
	} {
		a, _, err := Parse("c.yaml", []byte(c.sign+"pain_now: 3\n"), Questionnaire(ep.Plan))
		if err != nil {
			t.Fatal(err)
		}
		res := Evaluate(eng, st, Input{Answers: a, Now: day0}, "v")
		full, after := Text(res, eng.Table(), emergencynumber.Local{}), TextAfterStop(res, eng.Table(), emergencynumber.Local{})
		title := res.Assessment.Warnings[0].Rule.Title
		if !strings.Contains(full, title) || strings.Contains(after, title) ||
			!strings.Contains(after, c.headline) || !strings.Contains(after, "is above") {
			t.Errorf("%s:\nText:\n%s\nTextAfterStop:\n%s", c.headline, full, after)
		}
	}
}

// The unknown-question error names note among the valid keys.
func TestUnknownKeyNamesNote(t *testing.T) {
	_, _, err := Parse("c.yaml", []byte(none+"notes: slept badly\n"), Questionnaire(nil))
	if err == nil || !strings.Contains(err.Error(), `did you mean "note"?`) || !strings.Contains(err.Error(), "pain_compared, note") {
		t.Errorf("got %v", err)
	}
}

// Two documents: each is read for warning signs.
func TestInvalidFileTwoDocuments(t *testing.T) {
	_, _, err := Parse("c.yaml", []byte("warning_now: [none]\n---\nwarning_now: [chest_pain]\n"), Questionnaire(nil))
	var bad *InvalidFile
	if !errors.As(err, &bad) || !bad.Warnings.Has("warning_now", "chest_pain") || bad.Warnings.Has("warning_now", "none") {
		t.Errorf("got %v %v", err, bad)
	}
}
