// Package triage turns answers into an assessment by running the rule table:
// the triage level and why, warning signs, ranked causes with the answers
// that led to them, one self-care plan, when to get help and the sources.
// It is pure: no clock, no I/O, the same answers give the same assessment.
package triage

import (
	"slices"
	"sort"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// PlanCauses is how many top-ranked causes feed the self-care plan; the rest
// are listed as possible causes but would make the plan too long to follow.
const PlanCauses = 3

// Assessment is what the engine concludes. Views and exports read it; none
// of them decide anything.
type Assessment struct {
	Level rules.Level
	// Warnings are the warning-sign rules that fired, most urgent first.
	Warnings []Finding
	Causes   []RankedCause
	Plan     []PlanStep
	// Withheld are steps left out of the plan because an answer makes them
	// unsafe (or, at emergency level, all self-care).
	Withheld []Withheld
	SeekHelp []HelpLine
	Sources  []SourceUse
	// Unanswered lists questions that applied but were not answered.
	Unanswered []*questionnaire.Question
	// Answers are the answers assessed, without follow-ups that did not apply.
	Answers answers.Answers
}

// Fact is one answer that made a rule fire: "because you said".
type Fact struct {
	Question *questionnaire.Question
	Options  []string // the matching option ids; empty for numbers
	Text     string   // the answer in words
}

// Finding is a warning sign found in the answers.
type Finding struct {
	Rule    *rules.Rule
	Level   rules.Level
	Because []Fact
}

// Reason is one rule that points at a cause.
type Reason struct {
	Rule    *rules.Rule
	Because []Fact
}

// RankedCause is a likely cause and its score: the sum of the weights of the
// rules that point at it.
type RankedCause struct {
	Cause   *rules.Cause
	Score   int
	Reasons []Reason
}

// PlanStep is a self-care step and what it is for.
type PlanStep struct {
	Step  *rules.Step
	For   []*rules.Cause // causes it helps with; empty for general advice
	Rules []*rules.Rule  // rules that recommended it
}

// Withheld is a step left out of the plan, and why.
type Withheld struct {
	Step *rules.Step
	Why  string
}

// HelpLine is one "get help if" line.
type HelpLine struct {
	Text string
	Rule *rules.Rule
}

// Quote is a passage of a source and what cites it.
type Quote struct {
	Text string
	By   string // "rule x", "cause y" or "step z"
}

// SourceUse is a source the assessment relied on and the passages used.
type SourceUse struct {
	Source *rules.Source
	Quotes []Quote
}

// Engine runs one rule table. It is safe for concurrent use.
type Engine struct {
	qn    *questionnaire.Questionnaire
	table *rules.Table
}

// New returns an engine for a loaded table.
func New(qn *questionnaire.Questionnaire, t *rules.Table) *Engine {
	return &Engine{qn: qn, table: t}
}

// Table is the engine's rule table.
func (e *Engine) Table() *rules.Table { return e.table }

// Questionnaire is the questionnaire the table was loaded against.
func (e *Engine) Questionnaire() *questionnaire.Questionnaire { return e.qn }

// Fired lists the rules whose conditions hold, in table order. `rules test`
// uses it to check inline cases.
func (e *Engine) Fired(a answers.Answers) []*rules.Rule {
	f := rules.NewFacts(e.qn, answers.Prune(e.qn, a))
	var out []*rules.Rule
	for _, r := range e.table.Rules {
		if r.When.Eval(f) {
			out = append(out, r)
		}
	}
	return out
}

// Assess runs the rule table over the answers.
func (e *Engine) Assess(in answers.Answers) *Assessment {
	a := answers.Prune(e.qn, in)
	f := rules.NewFacts(e.qn, a)
	t := e.table
	as := &Assessment{Answers: a}

	scores := make([]int, len(t.Causes))
	reasons := make([][]Reason, len(t.Causes))
	var fired []*rules.Rule
	var matches []rules.Match
	for _, r := range t.Rules {
		if !r.When.Eval(f) {
			continue
		}
		fired = append(fired, r)
		matches = r.When.Explain(f, matches[:0])
		because := e.facts(a, matches)
		if r.IsWarning() {
			as.Warnings = append(as.Warnings, Finding{Rule: r, Level: r.LevelOf(), Because: because})
			as.Level = max(as.Level, r.LevelOf())
		}
		if r.Cause != "" {
			i := t.CauseIndex(r.Cause)
			scores[i] += r.Weight
			reasons[i] = append(reasons[i], Reason{Rule: r, Because: because})
		}
	}
	sort.SliceStable(as.Warnings, func(i, j int) bool { return as.Warnings[i].Level > as.Warnings[j].Level })

	for i, c := range t.Causes {
		if scores[i] > 0 {
			as.Causes = append(as.Causes, RankedCause{Cause: c, Score: scores[i], Reasons: reasons[i]})
		}
	}
	// Ties keep table order, so the ranking is deterministic.
	sort.SliceStable(as.Causes, func(i, j int) bool { return as.Causes[i].Score > as.Causes[j].Score })

	e.plan(as, fired, f)
	e.seekHelp(as, fired)
	e.sources(as, fired)
	for _, q := range e.qn.Questions() {
		if !a.Answered(q.ID) && answers.Applies(e.qn, a, q) {
			as.Unanswered = append(as.Unanswered, q)
		}
	}
	return as
}

// facts turns condition matches into "because you said" lines.
func (e *Engine) facts(a answers.Answers, ms []rules.Match) []Fact {
	out := make([]Fact, 0, len(ms))
	qs := e.qn.Questions()
	for _, m := range ms {
		q := qs[m.Question]
		fact := Fact{Question: q}
		if q.Kind == questionnaire.Number {
			fact.Text = answers.Text(q, a[q.ID])
		} else {
			fact.Options = rules.OptionIDs(q, m.Options)
			v := answers.Value{Options: fact.Options}
			if q.Kind == questionnaire.YesNo {
				v = a[q.ID]
			}
			fact.Text = answers.Text(q, v)
		}
		out = append(out, fact)
	}
	return out
}

// plan builds the ordered, de-duplicated self-care plan from the rules for
// the top causes and from general rules, leaving out steps an answer makes
// unsafe. At emergency level there is no self-care plan: help comes first.
func (e *Engine) plan(as *Assessment, fired []*rules.Rule, f rules.Facts) {
	// The top causes, plus any tied with the last of them.
	top := map[string]bool{}
	for i, c := range as.Causes {
		if i < PlanCauses || (len(as.Causes) >= PlanCauses && c.Score == as.Causes[PlanCauses-1].Score) {
			top[c.Cause.ID] = true
		}
	}
	index := map[string]int{}
	for _, r := range fired {
		if r.Cause != "" && !top[r.Cause] {
			continue
		}
		for _, id := range r.Steps {
			i, seen := index[id]
			if !seen {
				i = len(as.Plan)
				index[id] = i
				as.Plan = append(as.Plan, PlanStep{Step: e.table.Step(id)})
			}
			ps := &as.Plan[i]
			ps.Rules = append(ps.Rules, r)
			if c := e.table.Cause(r.Cause); c != nil && !slices.Contains(ps.For, c) {
				ps.For = append(ps.For, c)
			}
		}
	}
	sort.SliceStable(as.Plan, func(i, j int) bool { return as.Plan[i].Step.Order < as.Plan[j].Step.Order })

	if as.Level == rules.Emergency {
		for _, p := range as.Plan {
			as.Withheld = append(as.Withheld, Withheld{Step: p.Step, Why: "Get emergency help first; self-care can wait until you have been checked."})
		}
		as.Plan = nil
		return
	}
	kept := as.Plan[:0]
	for _, p := range as.Plan {
		if p.Step.AvoidWhen != nil && p.Step.AvoidWhen.Eval(f) {
			as.Withheld = append(as.Withheld, Withheld{Step: p.Step, Why: p.Step.Caution})
			continue
		}
		kept = append(kept, p)
	}
	as.Plan = kept
}

func (e *Engine) seekHelp(as *Assessment, fired []*rules.Rule) {
	seen := map[string]bool{}
	for _, r := range fired {
		if r.SeekHelp != "" && !seen[r.SeekHelp] {
			seen[r.SeekHelp] = true
			as.SeekHelp = append(as.SeekHelp, HelpLine{Text: r.SeekHelp, Rule: r})
		}
	}
}

// sources gathers the passages behind everything shown: fired rules, the
// causes ranked and the steps in the plan, grouped by source in table order.
func (e *Engine) sources(as *Assessment, fired []*rules.Rule) {
	bySource := map[string][]Quote{}
	add := func(src, text, by string) {
		for _, q := range bySource[src] {
			if q.Text == text {
				return
			}
		}
		bySource[src] = append(bySource[src], Quote{Text: text, By: by})
	}
	for _, r := range fired {
		add(r.Source, r.Quote, "rule "+r.ID)
	}
	for _, c := range as.Causes {
		add(c.Cause.Source, c.Cause.Quote, "cause "+c.Cause.ID)
	}
	for _, p := range as.Plan {
		add(p.Step.Source, p.Step.Quote, "step "+p.Step.ID)
	}
	for _, s := range e.table.Sources {
		if qs := bySource[s.ID]; len(qs) > 0 {
			as.Sources = append(as.Sources, SourceUse{Source: s, Quotes: qs})
		}
	}
}
