package vignettes_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/vignettes"
)

// vignettesDir is the repository's vignette suite, relative to this package.
const vignettesDir = "../../testdata/vignettes"

// minCases is the least the suite may hold.
const minCases = 40

func builtinEngine(t testing.TB) *triage.Engine {
	t.Helper()
	qn := questionnaire.Default()
	table, err := rules.Load(backtriage.RuleFiles(), "rules", qn)
	if err != nil {
		t.Fatalf("loading the built-in rule table:\n%v", err)
	}
	return triage.New(qn, table)
}

func loadSuite(t *testing.T, eng *triage.Engine) []*vignettes.Case {
	t.Helper()
	cases, err := vignettes.LoadDir(vignettesDir, eng.Questionnaire(), eng.Table())
	if err != nil {
		t.Fatalf("loading the vignettes:\n%v", err)
	}
	return cases
}

// TestVignetteSuite is the safety gate: the built-in rule table against every
// vignette. Required: emergency recall 100%, every case at exactly its level
// with its top3 causes, no self-care case escalated, every inline rule case
// passing.
func TestVignetteSuite(t *testing.T) {
	eng := builtinEngine(t)
	cases := loadSuite(t, eng)
	rep := vignettes.Run(eng, cases)
	f := rep.Figures

	t.Logf("cases %d (%d passed); emergency recall %s; acceptable level %s; self-care over-triaged %s; "+
		"under-triaged %s; top-3 agreement %s; inline rule cases %d of %d",
		f.Cases, f.Passed, f.EmergencyRecall, f.Acceptable, f.OverTriage, f.UnderTriage, f.Top3Agreement,
		f.InlinePassed, f.InlineCases)

	if f.Cases < minCases {
		t.Errorf("the suite has %d cases; it needs at least %d", f.Cases, minCases)
	}
	if f.EmergencyRecall.Of == 0 {
		t.Errorf("the suite has no emergency cases")
	}
	if f.EmergencyRecall.N != f.EmergencyRecall.Of {
		t.Errorf("emergency recall %s; required 100%%", f.EmergencyRecall)
	}
	if f.OverTriage.Of == 0 {
		t.Errorf("the suite has no self-care cases")
	}
	if f.OverTriage.N != 0 {
		t.Errorf("self-care cases over-triaged: %s; required 0", f.OverTriage)
	}
	if f.UnderTriage.N != 0 {
		t.Errorf("cases under-triaged: %s; required 0", f.UnderTriage)
	}
	for _, c := range rep.Failed() {
		t.Errorf("%s", c.Problem())
	}
	for _, c := range rep.InlineFailed() {
		t.Errorf("%s", c.Problem())
	}
}

// TestVignetteSuiteOnSnapshot runs the vignettes against the compiled
// snapshot the app starts from: what ships must pass too, with the same
// levels and rankings as the YAML.
func TestVignetteSuiteOnSnapshot(t *testing.T) {
	eng := builtinEngine(t)
	cases := loadSuite(t, eng)
	snap, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), eng.Questionnaire())
	if err != nil {
		t.Fatalf("loading the built-in snapshot: %v", err)
	}
	fromYAML := vignettes.Run(eng, cases)
	fromSnap := vignettes.Run(triage.New(eng.Questionnaire(), snap), cases)
	for _, c := range fromSnap.Failed() {
		t.Errorf("snapshot: %s", c.Problem())
	}
	for i, c := range fromSnap.Cases {
		y := fromYAML.Cases[i]
		if c.Got != y.Got || !slices.Equal(c.Top3, y.Top3) {
			t.Errorf("case %q: snapshot gives %s %v, YAML gives %s %v", c.Case.Name, c.Got, c.Top3, y.Got, y.Top3)
		}
	}
}

// TestVignetteCoverage checks that the suite exercises what it claims: every
// warning sign at its level, every cause in the table, and near-miss cases.
func TestVignetteCoverage(t *testing.T) {
	eng := builtinEngine(t)
	cases := loadSuite(t, eng)

	// Every warning sign from the intended level rules appears in at least
	// one case whose gold level is that sign's level or higher.
	signs := []struct {
		question, option string
		level            rules.Level
	}{
		{"warning_now", "chest_pain", rules.Emergency},
		{"warning_now", "exertion_spread", rules.Emergency},
		{"warning_now", "breathless", rules.Emergency},
		{"warning_now", "coughing_blood", rules.Emergency},
		{"warning_now", "tearing_pain", rules.Emergency},
		{"warning_now", "fainting", rules.Emergency},
		{"warning_nerves", "both_legs", rules.Emergency},
		{"warning_nerves", "unsteady", rules.Emergency},
		{"warning_nerves", "bladder_bowel", rules.Emergency},
		{"warning_nerves", "saddle_numbness", rules.Emergency},
		{"warning_history", "fever", rules.Urgent},
		{"warning_history", "accident", rules.Urgent},
		{"warning_history", "cancer", rules.Urgent},
		{"warning_history", "weight_loss", rules.Urgent},
		{"warning_history", "night_pain", rules.Urgent},
		{"warning_history", "osteoporosis_steroids", rules.Urgent},
		{"warning_nerves", "sudden_weakness", rules.Emergency},
		{"pain_where", "chest", rules.Emergency},
		{"warning_nerves", "both_arms", rules.Urgent},
		// Added for issue 9.
		{"warning_more_now", "sweating_sick", rules.Emergency},
		{"warning_more_now", "rest_spread", rules.Emergency},
		{"warning_more_now", "sudden_severe", rules.Emergency},
		{"warning_more_now", "breath_pain", rules.Emergency},
		{"warning_more_now", "sepsis_signs", rules.Emergency},
		{"warning_more_now", "severe_arm_pain", rules.Urgent},
		{"warning_recent", "fever_recent", rules.Urgent},
		{"warning_recent", "coughed_blood_recent", rules.Urgent},
		{"warning_recent", "night_sweats", rules.Soon},
		{"warning_recent", "recent_infection", rules.Soon},
		{"warning_pain_pattern", "cough_sneeze_strain", rules.Urgent},
		{"warning_pain_pattern", "lump_shape", rules.Urgent},
		{"warning_pain_pattern", "band_pain", rules.Urgent},
		{"warning_risk", "aneurysm", rules.Emergency},
		{"warning_risk", "fragile_bones", rules.Urgent},
		{"warning_risk", "immunosuppressed", rules.Soon},
		{"warning_risk", "hiv", rules.Soon},
		{"warning_risk", "injecting_drugs", rules.Soon},
		{"warning_clot_risk", "pregnant_or_birth", rules.Emergency},
		{"warning_clot_risk", "surgery_hospital", rules.Emergency},
		{"warning_clot_risk", "long_travel", rules.Emergency},
		{"warning_clot_risk", "bed_rest", rules.Emergency},
		{"warning_clot_risk", "clot_before", rules.Emergency},
		{"warning_clot_risk", "swollen_calf", rules.Urgent},
		{"warning_injury", "serious_accident", rules.Emergency},
		{"warning_injury", "minor_fall", rules.Urgent},
		{"warning_injury", "lifting_strain", rules.Urgent},
		{"course", "worse", rules.Soon},
		{"stiffness_pattern", "long_morning", rules.Soon},
		{"warning_nerves", "one_arm", rules.Soon},
		{"pain_feel", "weakness", rules.Soon},
		{"pain_feel", "numbness_tingling", rules.Soon},
		{"duration", "weeks_6_to_months_3", rules.Soon},
		{"duration", "longer", rules.Soon},
		{"tried_result", "no_better", rules.Soon},
	}
	for _, s := range signs {
		found := false
		for _, c := range cases {
			if c.Level >= s.level && c.Answers.Has(s.question, s.option) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no vignette at %s or above has %s: %s", s.level, s.question, s.option)
		}
	}
	// Age: under 20 and over 50 with pain past a week, both at soon.
	for _, band := range []struct {
		name   string
		lo, hi int
	}{{"under 20", 1, 19}, {"over 50", 51, 120}} {
		found := false
		for _, c := range cases {
			v := c.Answers["age"]
			if c.Level == rules.Soon && v.Number != nil && *v.Number >= band.lo && *v.Number <= band.hi &&
				c.Answers.Has("duration", "weeks_1_6") {
				found = true
			}
		}
		if !found {
			t.Errorf("no soon vignette aged %s with pain for 1 to 6 weeks", band.name)
		}
	}

	// Every muscle cause in the top3 of a self-care vignette; every cause,
	// professional ones included, in the top3 of some vignette. (Professional
	// causes such as injury come with warning signs, so they cannot all
	// appear at self-care.)
	for _, cause := range eng.Table().Causes {
		var selfCare, any bool
		for _, c := range cases {
			if slices.Contains(c.Top3, cause.ID) {
				any = true
				if c.Level == rules.SelfCare {
					selfCare = true
				}
			}
		}
		if cause.Kind == "muscle" && !selfCare {
			t.Errorf("cause %q is in the top3 of no self-care vignette", cause.ID)
		}
		if !any {
			t.Errorf("cause %q is in the top3 of no vignette", cause.ID)
		}
	}

	// Each level has cases, and the suite has near misses and emergencies
	// hidden among ordinary answers.
	perLevel := map[rules.Level]int{}
	hidden := 0
	for _, c := range cases {
		perLevel[c.Level]++
		if c.Level == rules.Emergency && len(c.Answers) >= 15 {
			hidden++
		}
	}
	for _, l := range []rules.Level{rules.SelfCare, rules.Soon, rules.Urgent, rules.Emergency} {
		if perLevel[l] < 5 {
			t.Errorf("only %d %s vignettes; want at least 5", perLevel[l], l)
		}
	}
	if hidden == 0 {
		t.Errorf("no emergency vignette hidden among ordinary answers (15 or more questions answered)")
	}
	n := 0
	for _, c := range cases {
		if strings.HasSuffix(c.Pos.File, "near-misses.yaml") {
			n++
			if c.Level != rules.SelfCare {
				t.Errorf("%s:%d: near misses are self-care cases that must not be escalated; this one is %s",
					c.Pos.File, c.Pos.Line, c.Level)
			}
		}
	}
	if n < 5 {
		t.Errorf("only %d near-miss vignettes; want at least 5", n)
	}
}
