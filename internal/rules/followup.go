package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// FollowupRule says what a check-in means: a condition over the follow-up
// questions (questionnaire.Followup: pain now, compared with last time, and
// what the diary works out) and what to do about it. Like every rule it
// cites its source.
type FollowupRule struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	When  *Cond  `yaml:"when"`
	// Outcome is one of Outcomes; the most serious one fired is the
	// current advice.
	Outcome string `yaml:"outcome"`
	// Advice is what to do, in words.
	Advice string `yaml:"advice"`
	// Level is the triage level the advice amounts to: "soon" for a rule
	// that sends the person to a professional (book an appointment, go
	// through the assessment again), left out (self-care) for carrying on.
	// A check-in's level is the highest of its warning signs' and its
	// fired follow-up rules' (see followup.Level).
	Level string `yaml:"level" json:",omitempty"`
	// GuidanceLevel and Departure hold the rule to the level its cited
	// guidance gives, as for warning rules (see checkGuidanceLevels).
	GuidanceLevel string `yaml:"guidance_level" json:",omitempty"`
	Departure     string `yaml:"departure" json:",omitempty"`
	// Causes are, for an "elsewhere" rule, the causes it may rank: muscle
	// causes that name their muscles, so the list shown under "muscles
	// elsewhere" holds muscles and not habits such as a pillow.
	Causes []string `yaml:"causes" json:",omitempty"`
	Source string   `yaml:"source"`
	Quote  string   `yaml:"quote"`
	SaidBy string   `yaml:"said_by"`
	Own    string   `yaml:"own"`
	Tests  *Tests   `yaml:"tests" json:"-"`
	Pos    Pos      `yaml:"-"`

	SourceIx int `yaml:"-" json:"-"`

	level         Level // parsed Level; SelfCare when none
	guidanceLevel Level
}

// LevelOf is the rule's triage level; SelfCare for a rule that sets none.
func (r *FollowupRule) LevelOf() Level { return r.level }

// Tag is the rule's level in brackets and a space, as warning signs are
// shown ("[soon] "), or "" for a self-care rule.
func (r *FollowupRule) Tag() string {
	if r.level == SelfCare {
		return ""
	}
	return "[" + r.level.String() + "] "
}

// MaxFollowupLevel is the highest level a follow-up rule may carry: a sign
// that needs a doctor today or an ambulance is a warning sign, asked at
// every check-in before the follow-up rules run (warnings.yaml).
const MaxFollowupLevel = Soon

// Outcomes, least to most serious: carry on with self-care; the cause is
// likely elsewhere (rank those causes and see a professional); book a
// professional; go through the assessment again.
var Outcomes = []string{"carry-on", "elsewhere", "professional", "retriage"}

// Severity orders outcomes: a higher one is shown first and is the current
// advice.
func (r *FollowupRule) Severity() int { return slices.Index(Outcomes, r.Outcome) }

// CarriesOn reports whether the rule's advice is to carry on with the plan.
func (r *FollowupRule) CarriesOn() bool { return r.Outcome == "carry-on" }

func (r *FollowupRule) UnmarshalYAML(n ast.Node) error {
	type plain FollowupRule
	return decodeItem(n, "followup rule", (*plain)(r), &r.Pos)
}

// Routine is a step's guided routine for `backtriage guide`: phases with a
// time, repeated for some rounds. The timing cites the passage of the
// step's source that gives it (quote), or says what is the tool's own (own).
type Routine struct {
	Phases []Phase `yaml:"phases"`
	// Rounds repeats the phases; 1 when left out.
	Rounds int `yaml:"rounds"`
	// Then is said when the routine ends: what to do next.
	Then  string `yaml:"then"`
	Quote string `yaml:"quote"`
	Own   string `yaml:"own"`
}

// Phase is one timed part of a routine.
type Phase struct {
	Name    string `yaml:"name"`
	Seconds int    `yaml:"seconds"`
	// Say is the instruction announced when the phase starts.
	Say string `yaml:"say"`
}

// RoundsOf is the number of rounds, at least 1.
func (r *Routine) RoundsOf() int { return max(r.Rounds, 1) }

// TotalSeconds is the whole routine's length.
func (r *Routine) TotalSeconds() int {
	n := 0
	for _, p := range r.Phases {
		n += p.Seconds
	}
	return n * r.RoundsOf()
}

// Routine limits: a phase is at most an hour and a whole routine at most
// two; longer is not a guided routine but a day's plan.
const (
	MaxPhaseSeconds   = 3600
	MaxRoutineSeconds = 7200
	MaxRounds         = 30
)

func checkRoutine(s *Step, owner string, errs *input.List) {
	r := s.Routine
	at := func(format string, args ...any) {
		errs.Add(s.Pos.File, s.Pos.Line, s.Pos.Col, owner+": routine: "+format, args...)
	}
	if len(r.Phases) == 0 {
		at("needs phases: [{name, seconds}]")
	}
	for i, p := range r.Phases {
		if strings.TrimSpace(p.Name) == "" {
			at("phase %d: missing name", i+1)
		}
		if p.Seconds < 1 || p.Seconds > MaxPhaseSeconds {
			at("phase %d (%q): seconds %d; give 1 to %d", i+1, p.Name, p.Seconds, MaxPhaseSeconds)
		}
	}
	if r.Rounds < 0 || r.Rounds > MaxRounds {
		at("rounds %d; give 1 to %d, or leave it out for 1", r.Rounds, MaxRounds)
	}
	if total := r.TotalSeconds(); total > MaxRoutineSeconds {
		at("lasts %d seconds in all; keep a routine under %d", total, MaxRoutineSeconds)
	}
	if strings.TrimSpace(r.Quote) == "" && strings.TrimSpace(r.Own) == "" {
		at("say where the timing comes from: quote (a passage of the step's source) or own (what is our suggestion)")
	}
	if n := len(strings.Fields(r.Quote)); n > MaxQuoteWords {
		at("quote has %d words; keep it under %d", n, MaxQuoteWords)
	}
}

// followup checks the followup section the way rule checks the rules:
// ids, conditions (over the follow-up questions), outcomes, advice,
// citations and inline tests, every problem at its file:line:col.
func (v *validator) followup() {
	qn := v.t.FollowupQuestions()
	seen := map[string]Pos{}
	for _, r := range v.t.Followup {
		owner := v.checkID(r.Pos, "followup rule", r.ID, seen)
		if owner == "" {
			continue
		}
		if strings.TrimSpace(r.Title) == "" {
			v.at(r.Pos, owner, "missing title")
		}
		if r.When == nil {
			v.at(r.Pos, owner, "missing when: a condition over %s", strings.Join(qn.IDs(), ", "))
		} else {
			r.When = compileInto(r.When, qn, owner, v.errs)
		}
		if !slices.Contains(Outcomes, r.Outcome) {
			v.at(r.Pos, owner, "outcome %q; %s", r.Outcome, input.OneOf(r.Outcome, Outcomes))
		}
		if strings.TrimSpace(r.Advice) == "" {
			v.at(r.Pos, owner, "missing advice: what to do, in words")
		}
		src := v.checkCite(r.Pos, owner, r.Source, r.Quote)
		v.checkSaidBy(r.Pos, owner, src, r.SaidBy)
		v.followupLevel(r, owner, src)
		v.followupCauses(r, owner)
		if r.Tests != nil {
			checkTestCases(r.Pos, owner, [][]*AnswersNode{r.Tests.Fires, r.Tests.DoesNotFire}, qn, v.errs)
		}
	}
}

// followupLevel reads a follow-up rule's level and holds it to its outcome
// and its guidance: carrying on is self-care; every other outcome sends the
// person to a professional or back through the assessment, which is at
// least "soon"; and a level below the cited guidance's needs a departure
// saying why, as for warning rules.
func (v *validator) followupLevel(r *FollowupRule, owner string, src *Source) {
	at := func(format string, args ...any) { v.at(r.Pos, owner, format, args...) }
	if err := parseFollowupLevels(r); err != nil {
		at("%v", err)
		return
	}
	switch {
	case r.Level == "self-care":
		at("level self-care is the default; leave level out")
	case r.level > MaxFollowupLevel:
		at("level %s: a follow-up rule is at most %s; a sign that needs more is a warning rule (warnings.yaml), asked at every check-in", r.level, MaxFollowupLevel)
	case r.Outcome == "carry-on" && r.level > SelfCare:
		at("outcome carry-on is self-care: leave level out, or choose another outcome")
	case r.Outcome != "carry-on" && slices.Contains(Outcomes, r.Outcome) && r.level < Soon:
		at("outcome %s sends the person to a professional or back through the assessment: give it level soon (at least)", r.Outcome)
	}
	checkDeparture(r.level, r.guidanceLevel, r.GuidanceLevel != "", r.Departure, src, at)
}

// parseFollowupLevels parses level and guidance_level into the rule.
func parseFollowupLevels(r *FollowupRule) error {
	r.level, r.guidanceLevel = SelfCare, SelfCare
	if r.Level != "" {
		l, ok := ParseLevel(r.Level)
		if !ok {
			return fmt.Errorf("unknown level %q; valid: %s", r.Level, strings.Join(LevelIDs(), ", "))
		}
		r.level = l
	}
	if r.GuidanceLevel != "" {
		g, ok := ParseLevel(r.GuidanceLevel)
		if !ok {
			return fmt.Errorf("unknown guidance_level %q; valid: %s", r.GuidanceLevel, strings.Join(LevelIDs(), ", "))
		}
		r.guidanceLevel = g
	}
	return nil
}

// followupCauses checks the causes an "elsewhere" rule may rank: known
// muscle causes, and only on such a rule.
func (v *validator) followupCauses(r *FollowupRule, owner string) {
	if r.Outcome != "elsewhere" {
		if len(r.Causes) > 0 {
			v.at(r.Pos, owner, "causes is for outcome elsewhere: the muscle causes it may rank")
		}
		return
	}
	if len(r.Causes) == 0 {
		v.at(r.Pos, owner, "outcome elsewhere needs causes: the muscle causes (ones that name their muscles) it may rank")
	}
	for _, id := range r.Causes {
		c, ok := v.t.causes[id]
		switch {
		case !ok:
			v.at(r.Pos, owner, "causes: unknown cause %q; %s", id, input.OneOf(id, keys(v.t.causes)))
		case c.Kind != "muscle" || len(c.Muscles) == 0:
			v.at(r.Pos, owner, "causes: %q is not a muscle cause with muscles listed", id)
		}
	}
}

// FollowupRule finds a follow-up rule by id, or nil.
func (t *Table) FollowupRule(id string) *FollowupRule {
	for _, r := range t.Followup {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// FollowupFired lists the follow-up rules whose conditions hold for the
// facts (answers to questionnaire.Followup), most serious first, then in
// table order.
func (t *Table) FollowupFired(a answers.Answers) []*FollowupRule {
	f := NewFacts(t.FollowupQuestions(), a)
	var out []*FollowupRule
	for _, r := range t.Followup {
		if r.When.Eval(f) {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b *FollowupRule) int { return b.Severity() - a.Severity() })
	return out
}

// snapFollowup is a follow-up rule in the snapshot.
type snapFollowup struct {
	*FollowupRule
	When *snapCond `json:"when"`
}

func followupToSnap(rs []*FollowupRule, fqn *questionnaire.Questionnaire) []*snapFollowup {
	out := make([]*snapFollowup, 0, len(rs))
	for _, r := range rs {
		out = append(out, &snapFollowup{FollowupRule: r, When: toSnap(r.When, fqn)})
	}
	return out
}

func followupFromSnap(t *Table, rs []*snapFollowup) error {
	for _, r := range rs {
		if r == nil || r.FollowupRule == nil || r.When == nil {
			return fmt.Errorf("rule table snapshot: an empty follow-up rule")
		}
		w, err := fromSnap(r.When, questionnaire.Followup())
		if err != nil {
			return err
		}
		r.FollowupRule.When = w
		if !slices.Contains(Outcomes, r.Outcome) {
			return fmt.Errorf("rule table snapshot: follow-up rule %q: unknown outcome %q", r.ID, r.Outcome)
		}
		if err := parseFollowupLevels(r.FollowupRule); err != nil {
			return fmt.Errorf("rule table snapshot: follow-up rule %q: %v", r.ID, err)
		}
		t.Followup = append(t.Followup, r.FollowupRule)
	}
	return nil
}
