package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

func builtinTable(t *testing.T) *rules.Table {
	t.Helper()
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// The built-in follow-up rules cover the four outcomes the issue names, run
// their inline tests, and cite sources whose passages are verbatim: the
// quote, and every passage the advice puts in double quotes.
func TestBuiltinFollowupRules(t *testing.T) {
	tbl := builtinTable(t)
	outcomes := map[string]bool{}
	for _, r := range tbl.Followup {
		outcomes[r.Outcome] = true
		if r.Tests == nil || len(r.Tests.Fires) == 0 || len(r.Tests.DoesNotFire) == 0 {
			t.Errorf("follow-up rule %q: needs inline tests that fire and that do not", r.ID)
			continue
		}
		f := func(a answers.Answers) bool {
			for _, fired := range tbl.FollowupFired(a) {
				if fired == r {
					return true
				}
			}
			return false
		}
		for _, c := range r.Tests.Fires {
			if !f(c.Answers) {
				t.Errorf("%s:%d: follow-up rule %q does not fire", c.Pos.File, c.Pos.Line, r.ID)
			}
		}
		for _, c := range r.Tests.DoesNotFire {
			if f(c.Answers) {
				t.Errorf("%s:%d: follow-up rule %q fires", c.Pos.File, c.Pos.Line, r.ID)
			}
		}
	}
	for _, o := range rules.Outcomes {
		if !outcomes[o] {
			t.Errorf("no follow-up rule has outcome %q", o)
		}
	}
}

var quoted = regexp.MustCompile(`"([^"]+)"`)

func TestFollowupAndRoutineQuotesAreVerbatim(t *testing.T) {
	needArticles(t)
	tbl := builtinTable(t)
	text := func(src *rules.Source) string {
		if src.Seed != "" {
			data, err := os.ReadFile(filepath.Join(seedsDir, src.Seed))
			if err != nil {
				t.Fatal(err)
			}
			return normalise(string(data))
		}
		body, _, _ := guidanceText(t, src.ID)
		return body
	}
	check := func(what string, src *rules.Source, passage string) {
		if !strings.Contains(text(src), normalise(passage)) {
			t.Errorf("%s: %q is not verbatim in %s", what, passage, src.ID)
		}
	}
	n := 0
	for _, r := range tbl.Followup {
		src := tbl.Source(r.Source)
		check("follow-up rule "+r.ID, src, r.Quote)
		n++
		if src.Kind == "article" {
			for _, m := range quoted.FindAllStringSubmatch(r.Advice, -1) {
				check("follow-up rule "+r.ID+" advice", src, m[1])
				n++
			}
		}
	}
	routines := 0
	for _, s := range tbl.Steps {
		if s.Routine == nil {
			continue
		}
		routines++
		if s.Routine.Quote != "" {
			check("step "+s.ID+" routine", tbl.Source(s.Source), s.Routine.Quote)
			n++
		}
	}
	// The four: tennis ball, cold packs, the diaphragm release and
	// the stretches.
	for _, id := range []string{"tennis-ball", "cold-packs", "diaphragm-release", "stretch-before-bed"} {
		if s := tbl.Step(id); s == nil || s.Routine == nil {
			t.Errorf("step %q has no routine", id)
		}
	}
	t.Logf("checked %d passages; %d steps have routines", n, routines)
}

// The follow-up advice never discourages seeing a doctor, and every rule
// that sends the person on names a doctor or physiotherapist.
func TestFollowupAdviceNamesProfessionals(t *testing.T) {
	for _, r := range builtinTable(t).Followup {
		low := strings.ToLower(r.Advice)
		if r.Outcome != "carry-on" && !strings.Contains(low, "doctor") && !strings.Contains(low, "gp") {
			t.Errorf("follow-up rule %q (%s) does not name a doctor", r.ID, r.Outcome)
		}
	}
}

// Mistakes in a followup section or a routine are reported at file:line:col
// with the item and what is wrong, like every other rule.
func TestFollowupAndRoutineErrors(t *testing.T) {
	valid, err := os.ReadFile("../../testdata/badrules/valid/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	good := `
followup:
  - id: better
    title: Better
    when: {pain_compared: better}
    outcome: carry-on
    advice: Carry on.
    source: morning-article
    quote: Trigger points in the scalene muscle can cause a knot or muscle pain in your upper back.
    tests:
      fires: [{pain_compared: better}]
      does_not_fire: [{pain_compared: worse}]
`
	cases := []struct {
		name, old, new, want string
	}{
		{"valid", "", "", ""},
		{"unknown outcome", "outcome: carry-on", "outcome: carry-one", `rules.yaml:%d:7: followup rule "better": outcome "carry-one"; did you mean "carry-on"?`},
		{"unknown question", "when: {pain_compared: better}", "when: {pain_compard: better}", `rules.yaml:%w:12: followup rule "better": unknown question "pain_compard"; did you mean "pain_compared"?`},
		{"main question in a follow-up rule", "when: {pain_compared: better}", "when: {sleep_neck: tilted}", `followup rule "better": unknown question "sleep_neck"`},
		{"the note read by a rule", "when: {pain_compared: better}", "when: {note: better}", `followup rule "better": question "note" is free text: no rule can read it`},
		{"unknown option", "when: {pain_compared: better}", "when: {pain_compared: beter}", `followup rule "better": question "pain_compared": unknown option "beter"; did you mean "better"?`},
		{"missing advice", "advice: Carry on.", "", `rules.yaml:%d:7: followup rule "better": missing advice`},
		{"bad test case", "fires: [{pain_compared: better}]", "fires: [{pain_now: 11}]", `followup rule "better": test case: question "pain_now"`},
		{"unknown source", "source: morning-article\n    quote: Trigger", "source: morning-artcle\n    quote: Trigger", `followup rule "better": unknown source "morning-artcle"`},
		// Levels (issue 11, audit item 1): a rule that sends the person on
		// is at least soon, carrying on is self-care, nothing above soon, and
		// a level below the cited guidance's needs a departure.
		{"unknown level", "outcome: carry-on", "outcome: professional\n    level: son", `rules.yaml:%d:7: followup rule "better": unknown level "son"; valid: self-care, soon, urgent, emergency`},
		{"professional without a level", "outcome: carry-on", "outcome: professional", `rules.yaml:%d:7: followup rule "better": outcome professional sends the person to a professional or back through the assessment: give it level soon`},
		{"retriage without a level", "outcome: carry-on", "outcome: retriage", `followup rule "better": outcome retriage sends the person`},
		{"carry-on with a level", "outcome: carry-on", "outcome: carry-on\n    level: soon", `followup rule "better": outcome carry-on is self-care: leave level out`},
		{"self-care spelt out", "outcome: carry-on", "outcome: carry-on\n    level: self-care", `followup rule "better": level self-care is the default; leave level out`},
		{"above soon", "outcome: carry-on", "outcome: professional\n    level: urgent", `followup rule "better": level urgent: a follow-up rule is at most soon`},
		{"guidance level on an article", "outcome: carry-on", "outcome: professional\n    level: soon\n    guidance_level: soon", `followup rule "better": guidance_level is for rules that cite clinical guidance, not article "morning-article"`},
		{"below its guidance", "outcome: carry-on\n    advice: Carry on.\n    source: morning-article", "outcome: professional\n    level: soon\n    guidance_level: urgent\n    advice: Book.\n    source: nhs-back-pain", `rules.yaml:%d:7: followup rule "better": level soon is below guidance_level urgent: add a departure saying why`},
		{"below its guidance, saying why", "outcome: carry-on\n    advice: Carry on.\n    source: morning-article", "outcome: professional\n    level: soon\n    guidance_level: urgent\n    departure: Because.\n    advice: Book.\n    source: nhs-back-pain", ""},
		{"at its guidance", "outcome: carry-on\n    advice: Carry on.\n    source: morning-article", "outcome: professional\n    level: soon\n    guidance_level: soon\n    advice: Book.\n    source: nhs-back-pain", ""},
		{"needless departure", "outcome: carry-on", "outcome: professional\n    level: soon\n    departure: ours", `followup rule "better": departure given, but the level is not below guidance_level`},
		{"causes on a carry-on rule", "outcome: carry-on", "outcome: carry-on\n    causes: [scalenes]", `followup rule "better": causes is for outcome elsewhere`},
		{"elsewhere without causes", "outcome: carry-on", "outcome: elsewhere\n    level: soon", `followup rule "better": outcome elsewhere needs causes`},
		{"elsewhere with an unknown cause", "outcome: carry-on", "outcome: elsewhere\n    level: soon\n    causes: [scalene]", `followup rule "better": causes: unknown cause "scalene"; did you mean "scalenes"?`},
		{"elsewhere, valid", "outcome: carry-on", "outcome: elsewhere\n    level: soon\n    causes: [scalenes]", ""},
	}
	line := strings.Count(string(valid), "\n") + 3 // the rule's "- id" line
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			doc := string(valid) + strings.Replace(good, c.old, c.new, 1)
			if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(doc), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := loadCompleted(t, dir, questionnaire.Default())
			if c.want == "" {
				if err != nil {
					t.Fatalf("the valid follow-up rule does not load: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("loaded without error")
			}
			want := c.want
			// %d is the rule's line, %w its when's (two lines below).
			want = strings.NewReplacer("%d", strconv.Itoa(line), "%w", strconv.Itoa(line+2)).Replace(want)
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error:\n got %s\nwant %s", err, want)
			}
		})
	}

	routineCases := []struct{ routine, want string }{
		{"{phases: [{name: Hold, seconds: 0}], own: ours}", `step "heat": routine: phase 1 ("Hold"): seconds 0; give 1 to 3600`},
		{"{phases: [{name: Hold, seconds: 10}]}", `step "heat": routine: say where the timing comes from`},
		{"{phases: []}", `step "heat": routine: needs phases`},
		{"{phases: [{name: Hold, seconds: 3600}], rounds: 3, own: ours}", `step "heat": routine: lasts 10800 seconds in all`},
		{"{phases: [{name: Hold, secs: 10}], own: ours}", `unknown field "secs"`},
	}
	for _, c := range routineCases {
		dir := t.TempDir()
		doc := strings.Replace(string(valid), "    order: 10\n", "    order: 10\n    routine: "+c.routine+"\n", 1)
		if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := rules.LoadDir(dir, questionnaire.Default())
		if err == nil || !strings.Contains(err.Error(), c.want) || !regexp.MustCompile(`rules\.yaml:\d+:\d+: `).MatchString(err.Error()) {
			t.Errorf("routine %s:\n got %v\nwant file:line:col: ...%s", c.routine, err, c.want)
		}
	}
}

// Audit item 1: advice that books an appointment or sends the person back
// through the assessment carries level soon, in the YAML and in the
// compiled snapshot the binary runs; carrying on stays self-care.
func TestBuiltinFollowupLevels(t *testing.T) {
	snap, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range []*rules.Table{builtinTable(t), snap} {
		for _, r := range tbl.Followup {
			want := rules.Soon
			if r.Outcome == "carry-on" {
				want = rules.SelfCare
			}
			if r.LevelOf() != want {
				t.Errorf("follow-up rule %q (%s): level %s, want %s", r.ID, r.Outcome, r.LevelOf(), want)
			}
			if strings.Contains(strings.ToLower(r.Advice), "book an appointment") && r.LevelOf() < rules.Soon {
				t.Errorf("follow-up rule %q books an appointment at level %s", r.ID, r.LevelOf())
			}
		}
		for _, id := range []string{"no-better-after-two-weeks", "not-settled-after-six-weeks", "not-improving-after-weeks", "worse-since-last-time", "recurring-look-elsewhere", "says-recurring-look-elsewhere"} {
			if tbl.FollowupRule(id) == nil {
				t.Errorf("no follow-up rule %q", id)
			}
		}
	}
}
