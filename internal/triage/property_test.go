package triage_test

// Property tests of the built-in rule table's safety: for random answer sets,
// adding any emergency sign gives emergency, and removing every warning sign
// never gives emergency or urgent. The signs are read from the table (see
// signsAt), so an option added with its rule is covered with no edit here;
// that every warning option has a rule at all is the loader's check, and
// that each keeps its level is the clinical safety document's.

import (
	"slices"
	"sync"
	"testing"

	"pgregory.net/rapid"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// sign is one answer option that is a warning sign on its own.
type sign struct{ question, option string }

// signsAt lists the options that are a warning sign at level on their own:
// those that alone make hold the condition of a rule at that level that
// reads one question ({warning_now: chest_pain}, {pain_where: chest}).
// Combinations (a clot risk with breathlessness) are not signs alone.
func signsAt(qn *questionnaire.Questionnaire, t *rules.Table, level rules.Level) []sign {
	var out []sign
	for _, r := range t.Rules {
		if r.LevelOf() != level || r.When == nil {
			continue
		}
		qs := r.When.Questions(nil)
		if len(qs) != 1 {
			continue
		}
		q := qn.Questions()[qs[0]]
		if q.Kind != questionnaire.One && q.Kind != questionnaire.Many {
			continue
		}
		for _, o := range q.Options {
			s := sign{q.ID, o.ID}
			if !slices.Contains(out, s) && r.When.Eval(rules.NewFacts(qn, answers.Answers{q.ID: answers.Choices(o.ID)})) {
				out = append(out, s)
			}
		}
	}
	return out
}

// builtinSigns are the built-in table's signs, read once.
var builtinSigns = sync.OnceValues(func() (emergency, urgent []sign) {
	qn := questionnaire.Default()
	t, err := rules.Load(backtriage.RuleFiles(), "rules", qn)
	if err != nil {
		return nil, nil // propCheck reports the table's errors
	}
	return signsAt(qn, t, rules.Emergency), signsAt(qn, t, rules.Urgent)
})

func propEmergencySigns() []sign { e, _ := builtinSigns(); return e }
func propUrgentSigns() []sign    { _, u := builtinSigns(); return u }

// propWarningQuestions are the warning-screen questions that can be
// answered "none", which the tests use to take every sign away.
func propWarningQuestions(qn *questionnaire.Questionnaire) []string {
	var ids []string
	for _, q := range qn.Questions() {
		if q.Warning && q.OptionIndex("none") >= 0 {
			ids = append(ids, q.ID)
		}
	}
	return ids
}

// The signs read from the table include those the table is known for, on
// the warning screen and off it: reading them cannot come back empty.
func TestPropertySignsReadFromTable(t *testing.T) {
	emergency, urgent := builtinSigns()
	for _, s := range []sign{{"warning_now", "chest_pain"}, {"warning_nerves", "bladder_bowel"}, {"warning_more_now", "rest_spread"}} {
		if !slices.Contains(emergency, s) {
			t.Errorf("%s: %s is not among the emergency signs read from the table: %v", s.question, s.option, emergency)
		}
	}
	if !slices.Contains(urgent, sign{"warning_history", "fever"}) {
		t.Errorf("warning_history: fever is not among the urgent signs read from the table: %v", urgent)
	}
	if len(propWarningQuestions(questionnaire.Default())) < 2 {
		t.Error("no warning questions with a \"none\" option")
	}
}

// emergencyCombination reports the emergencies made of two answers, neither
// an emergency alone: a blood clot risk (cancer is one) with pain on
// breathing, breathlessness or blood coughed up, yellow skin or eyes with
// pain after meals or a fever, a fever with a weakened immune system, cancer with a nerve sign, pain on breathing
// in that came on suddenly, and pain in the chest unless it is sore only to
// press or move.
func emergencyCombination(a answers.Answers) bool {
	clotRisk := hasAny(a, []sign{{"warning_clot_risk", "pregnant_or_birth"}, {"warning_clot_risk", "surgery_hospital"},
		{"warning_clot_risk", "long_travel"}, {"warning_clot_risk", "bed_rest"}, {"warning_clot_risk", "clot_before"},
		{"warning_clot_risk", "swollen_calf"}, {"warning_clot_risk", "pill_hrt"}, {"warning_history", "cancer"}})
	chest := a.Has("pain_where", "chest")
	sharpBreath := chest && a.Has("chest_feel", "sharp_breath")
	breathing := hasAny(a, []sign{{"warning_more_now", "breath_pain"}, {"pain_feel", "hurts_deep_breath"}}) || sharpBreath
	nerve := hasAny(a, []sign{{"warning_nerves", "both_arms"}, {"warning_nerves", "sudden_weakness"}, {"warning_nerves", "one_arm"},
		{"warning_more_now", "severe_arm_pain"}, {"pain_feel", "weakness"}, {"pain_feel", "numbness_tingling"}})
	// A band of pain round the chest is a nerve root's (radicular) pain.
	nerve = nerve || a.Has("warning_pain_pattern", "band_pain")
	suddenBreath := (a.Has("warning_more_now", "breath_pain") || sharpBreath) && a.Has("onset", "sudden")
	coughedBlood := a.Has("warning_recent", "coughed_blood_recent")
	// Yellow skin or eyes with the gallbladder's pain pattern or a fever.
	jaundice := a.Has("warning_recent", "yellow_skin_eyes") && hasAny(a, []sign{{"warning_pain_pattern", "after_meals"},
		{"warning_history", "fever"}, {"warning_recent", "fever_recent"}})
	weakImmuneFever := a.Has("warning_risk", "immunosuppressed") &&
		(a.Has("warning_history", "fever") || a.Has("warning_recent", "fever_recent"))
	return clotRisk && (breathing || coughedBlood) || a.Has("warning_history", "cancer") && nerve || suddenBreath ||
		chest && !a.Has("chest_feel", "sore_move") || jaundice || weakImmuneFever
}

// mayBeEmergency reports answers that are an emergency only with the rest of
// the story (sweating or feeling sick when it fits the heart; sudden, very
// severe pain with an aorta risk; pain brought on by effort that no longer
// eases; a sudden pain on breathing in with a collapsed lung's profile; a
// tight band round the chest that does not behave like a muscle), so the
// property allows emergency beside them without requiring it.
func mayBeEmergency(a answers.Answers) bool {
	if a.Has("warning_more_now", "sweating_sick") || a.Has("warning_pain_pattern", "band_pain") {
		return true
	}
	sudden := a.Has("onset", "sudden")
	severe := a.Has("warning_more_now", "worst_ever") || a["pain_severity"].Number != nil && *a["pain_severity"].Number >= 8
	effortAtRest := a.Has("warning_pain_pattern", "exertion") && (a.Has("pain_when", "constant") || a.Has("pain_changes", "nothing"))
	// A sudden pain on a deep breath in someone thin or who smokes: the
	// profile of a collapsed lung.
	breath := a.Has("pain_feel", "hurts_deep_breath") || a.Has("warning_more_now", "breath_pain")
	return severe && sudden || effortAtRest || breath && sudden
}

// propCheck runs a property against the built-in table twice: loaded from
// the YAML source, and from the compiled snapshot the app starts from.
func propCheck(t *testing.T, prop func(t *rapid.T, eng *triage.Engine)) {
	qn := questionnaire.Default()
	fromYAML, err := rules.Load(backtriage.RuleFiles(), "rules", qn)
	if err != nil {
		t.Fatalf("loading the built-in rule table:\n%v", err)
	}
	fromSnap, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), qn)
	if err != nil {
		t.Fatalf("loading the built-in snapshot: %v", err)
	}
	for _, tc := range []struct {
		name  string
		table *rules.Table
	}{{"yaml", fromYAML}, {"snapshot", fromSnap}} {
		eng := triage.New(qn, tc.table)
		t.Run(tc.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) { prop(t, eng) })
		})
	}
}

// genAnswers draws a valid answer set: each question answered or not, many
// questions with any mix of options (or one exclusive option alone), and
// follow-ups answered whether or not they apply (the engine must prune them).
func genAnswers(qn *questionnaire.Questionnaire) *rapid.Generator[answers.Answers] {
	return rapid.Custom(func(t *rapid.T) answers.Answers {
		a := answers.Answers{}
		for _, q := range qn.Questions() {
			if !rapid.Bool().Draw(t, q.ID+"?") {
				continue
			}
			switch q.Kind {
			case questionnaire.YesNo:
				a[q.ID] = answers.Bool(rapid.Bool().Draw(t, q.ID))
			case questionnaire.Number:
				a[q.ID] = answers.Num(rapid.IntRange(q.Min, q.Max).Draw(t, q.ID))
			case questionnaire.One:
				a[q.ID] = answers.Choice(rapid.SampledFrom(q.OptionIDs()).Draw(t, q.ID))
			case questionnaire.Many:
				var plain, exclusive []string
				for _, o := range q.Options {
					if o.Exclusive {
						exclusive = append(exclusive, o.ID)
					} else {
						plain = append(plain, o.ID)
					}
				}
				if len(exclusive) > 0 && rapid.IntRange(0, 3).Draw(t, q.ID+" exclusive?") == 0 {
					a[q.ID] = answers.Choices(rapid.SampledFrom(exclusive).Draw(t, q.ID))
					continue
				}
				ids := rapid.SliceOfNDistinct(rapid.SampledFrom(plain), 1, len(plain), rapid.ID[string]).Draw(t, q.ID)
				a[q.ID] = answers.Choices(ids...)
			}
		}
		return a
	})
}

// addSign adds an option to an answer, replacing an exclusive one ("none").
func addSign(qn *questionnaire.Questionnaire, a answers.Answers, s sign) answers.Answers {
	out := a.Clone()
	q, _ := qn.Question(s.question)
	var ids []string
	for _, id := range out[s.question].Options {
		if o, _ := q.Option(id); !o.Exclusive && id != s.option {
			ids = append(ids, id)
		}
	}
	out[s.question] = answers.Choices(append(ids, s.option)...)
	return out
}

// stripWarnings removes every urgent and emergency sign: the warning-screen
// questions become "none" or unanswered, and the signs asked elsewhere
// (chest in pain_where) leave their answers.
func stripWarnings(t *rapid.T, a answers.Answers) answers.Answers {
	out := a.Clone()
	for _, q := range propWarningQuestions(questionnaire.Default()) {
		if rapid.Bool().Draw(t, "unanswer "+q) {
			delete(out, q)
		} else {
			out[q] = answers.Choices("none")
		}
	}
	// Signs asked outside the warning screen (chest pain), and thoracic
	// pain that is getting worse (a combination rule), are warning signs too.
	for _, s := range append(propEmergencySigns(), propUrgentSigns()...) {
		if v, ok := out[s.question]; ok {
			ids := slices.DeleteFunc(slices.Clone(v.Options), func(id string) bool { return id == s.option })
			if len(ids) == 0 {
				delete(out, s.question)
			} else {
				out[s.question] = answers.Choices(ids...)
			}
		}
	}
	if out.Has("course", "worse") {
		delete(out, "course")
	}
	// Chest pain is a sign with its character (chest_feel), so the table
	// does not name it alone: take it away here.
	if v, ok := out["pain_where"]; ok {
		if ids := slices.DeleteFunc(slices.Clone(v.Options), func(id string) bool { return id == "chest" }); len(ids) == 0 {
			delete(out, "pain_where")
		} else {
			out["pain_where"] = answers.Choices(ids...)
		}
	}
	// The pain fits a muscle: it eases through the day and changes with
	// movement. Pain that does not is reason enough for a doctor today with
	// a sudden start, an age of 50 or over and the like (issue 17), with no
	// tick on the warning screen.
	out["pain_when"] = answers.Choices("on_waking", "eases_during_day")
	out["pain_changes"] = answers.Choices("moving")
	if out.Has("onset", "sudden") {
		out["onset"] = answers.Choice("on_waking")
	}
	return out
}

func hasAny(a answers.Answers, signs []sign) bool {
	for _, s := range signs {
		if a.Has(s.question, s.option) {
			return true
		}
	}
	return false
}

// TestPropertyAnyEmergencySignIsEmergency: whatever else was answered,
// adding one emergency sign gives emergency, with no self-care plan.
func TestPropertyAnyEmergencySignIsEmergency(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		qn := eng.Questionnaire()
		a := genAnswers(qn).Draw(t, "answers")
		s := rapid.SampledFrom(propEmergencySigns()).Draw(t, "sign")
		as := eng.Assess(addSign(qn, a, s))
		if as.Level != rules.Emergency {
			t.Fatalf("with %s: %s the level is %s, want emergency", s.question, s.option, as.Level)
		}
		if len(as.Plan) != 0 {
			t.Fatalf("emergency with a self-care plan of %d steps; help must come first", len(as.Plan))
		}
	})
}

// TestPropertyAnyUrgentSignIsAtLeastUrgent: adding one urgent sign gives
// urgent or emergency.
func TestPropertyAnyUrgentSignIsAtLeastUrgent(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		qn := eng.Questionnaire()
		a := genAnswers(qn).Draw(t, "answers")
		s := rapid.SampledFrom(propUrgentSigns()).Draw(t, "sign")
		if as := eng.Assess(addSign(qn, a, s)); as.Level < rules.Urgent {
			t.Fatalf("with %s: %s the level is %s, want urgent or emergency", s.question, s.option, as.Level)
		}
	})
}

// TestPropertyNoWarningSignsNeverUrgent: with every warning sign removed and
// pain that behaves like a muscle, the level is self-care or soon, never
// urgent or emergency.
func TestPropertyNoWarningSignsNeverUrgent(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		qn := eng.Questionnaire()
		a := stripWarnings(t, genAnswers(qn).Draw(t, "answers"))
		if as := eng.Assess(a); as.Level >= rules.Urgent {
			var fired []string
			for _, w := range as.Warnings {
				fired = append(fired, w.Rule.ID)
			}
			t.Fatalf("no warning signs, yet the level is %s (rules %v)", as.Level, fired)
		}
	})
}

// TestPropertyEmergencyOnlyFromEmergencySigns: without an emergency sign the
// level is never emergency (no over-triage to the top level), and the level
// is emergency exactly when one is present.
func TestPropertyEmergencyOnlyFromEmergencySigns(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		qn := eng.Questionnaire()
		a := genAnswers(qn).Draw(t, "answers")
		got := eng.Assess(a).Level == rules.Emergency
		want := hasAny(a, propEmergencySigns()) || emergencyCombination(a)
		if got != want && !(got && mayBeEmergency(a)) {
			t.Fatalf("emergency sign present: %v, but level emergency: %v", want, got)
		}
	})
}

// TestPropertyAssessIsDeterministic: the same answers give the same level and
// the same ranking, and assessing does not change the answers.
func TestPropertyAssessIsDeterministic(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		qn := eng.Questionnaire()
		a := genAnswers(qn).Draw(t, "answers")
		before := a.Clone()
		x, y := eng.Assess(a), eng.Assess(a.Clone())
		if x.Level != y.Level || len(x.Causes) != len(y.Causes) {
			t.Fatalf("two assessments differ: %s vs %s", x.Level, y.Level)
		}
		for i := range x.Causes {
			if x.Causes[i].Cause.ID != y.Causes[i].Cause.ID || x.Causes[i].Score != y.Causes[i].Score {
				t.Fatalf("ranking differs at %d", i)
			}
		}
		for k, v := range before {
			if !slices.Equal(v.Options, a[k].Options) {
				t.Fatalf("Assess changed the answer to %s", k)
			}
		}
	})
}

// TestPropertySelfCareOnlyWhenThePainFitsAMuscle (issue 17, item 1): with
// the pain's pattern told (when it hurts, or what changes it) and none of
// it the muscle pattern, the level is never self-care, whatever else was
// answered; and "nothing changes it" alone is enough.
func TestPropertySelfCareOnlyWhenThePainFitsAMuscle(t *testing.T) {
	propCheck(t, func(t *rapid.T, eng *triage.Engine) {
		qn := eng.Questionnaire()
		a := genAnswers(qn).Draw(t, "answers")
		// Take away every answer that fits a muscle.
		delete(a, "stiffness_pattern")
		delete(a, "chest_feel")
		delete(a, "desk_hours")
		delete(a, "slouch")
		for q, fits := range map[string][]string{
			"pain_when":    {"on_waking", "eases_during_day"},
			"pain_feel":    {"knot", "spasm", "stiffness", "hurts_twist_reach"},
			"pain_changes": {"moving", "pressing", "resting"},
		} {
			if v, ok := a[q]; ok {
				ids := slices.DeleteFunc(slices.Clone(v.Options), func(id string) bool { return slices.Contains(fits, id) })
				if len(ids) == 0 {
					delete(a, q)
				} else {
					a[q] = answers.Choices(ids...)
				}
			}
		}
		told := rapid.SampledFrom([]string{"constant", "wakes_at_night", "worse_during_day", "nothing"}).Draw(t, "told")
		if told == "nothing" {
			a["pain_changes"] = answers.Choices("nothing")
		} else {
			a["pain_when"] = answers.Choices(told)
		}
		if as := eng.Assess(a); as.Level == rules.SelfCare {
			t.Fatalf("pain that does not fit a muscle (%s) got self-care", told)
		}
	})
}
