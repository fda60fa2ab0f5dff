package vignettes

import (
	"fmt"
	"slices"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// AcceptableDefinition says, in words, which levels count as acceptable.
// Reports print it next to the figures so the numbers cannot be misread.
const AcceptableDefinition = "acceptable level: an emergency case only at emergency; a self-care case only at " +
	"self-care (over-triage is a failure); an urgent or soon case at its level or more urgent, never less. " +
	"A case passes only at exactly its level with every top3 cause among the top three, no not_top3 cause " +
	"among them and no not_in_plan step in the plan."

// CaseResult is how one vignette fared.
type CaseResult struct {
	Case *Case
	Got  rules.Level
	// Top3 are the ids of the causes the engine marks top (the first three
	// ranked; fewer when fewer causes have grounds).
	Top3 []string
	// Missing are the expected causes that were not in Top3.
	Missing []string
	// Intruders are not_top3 causes that were in Top3; Unwanted are
	// not_in_plan steps that were in the plan.
	Intruders  []string
	Unwanted   []string
	Acceptable bool
	Pass       bool
}

// InlineResult is how one inline rule case fared.
type InlineResult struct {
	Rule *rules.Rule
	// MustFire is the kind of case: fires (true) or does_not_fire (false).
	MustFire bool
	Case     *rules.AnswersNode
	Pass     bool
}

// Ratio is a share with its parts, so reports can say "12 of 12".
type Ratio struct {
	N  int `json:"n"`
	Of int `json:"of"`
}

// Percent is the share in percent; 0 when there is nothing to count (the
// text and JSON reports say "n/a" and null then).
func (r Ratio) Percent() float64 {
	if r.Of == 0 {
		return 0
	}
	return 100 * float64(r.N) / float64(r.Of)
}

func (r Ratio) String() string {
	if r.Of == 0 {
		return "n/a (no cases)"
	}
	return fmt.Sprintf("%.1f%% (%d of %d)", r.Percent(), r.N, r.Of)
}

// Figures summarise a run.
type Figures struct {
	Cases  int
	Passed int
	// EmergencyRecall: emergency cases assessed as emergency.
	EmergencyRecall Ratio
	// Acceptable: cases at an acceptable level (see AcceptableDefinition).
	Acceptable Ratio
	// OverTriage: self-care cases given a higher level.
	OverTriage Ratio
	// UnderTriage: cases given a lower level than their gold level.
	UnderTriage Ratio
	// Top3Agreement: cases naming causes whose causes were all in the top three.
	Top3Agreement Ratio
	// NotTop3Held: cases naming not_top3 causes with none of them in the
	// top three; NotInPlanHeld: cases naming not_in_plan steps with none of
	// them in the plan.
	NotTop3Held   Ratio
	NotInPlanHeld Ratio
	InlinePassed  int
	InlineCases   int
}

// Report is the outcome of a run.
type Report struct {
	Cases   []CaseResult
	Inline  []InlineResult
	Figures Figures
}

// OK reports whether every vignette and every inline case passed.
func (r *Report) OK() bool {
	return r.Figures.Passed == r.Figures.Cases && r.Figures.InlinePassed == r.Figures.InlineCases
}

// Failed lists the vignettes that failed.
func (r *Report) Failed() []CaseResult {
	var out []CaseResult
	for _, c := range r.Cases {
		if !c.Pass {
			out = append(out, c)
		}
	}
	return out
}

// InlineFailed lists the inline cases that failed.
func (r *Report) InlineFailed() []InlineResult {
	var out []InlineResult
	for _, c := range r.Inline {
		if !c.Pass {
			out = append(out, c)
		}
	}
	return out
}

// Acceptable reports whether got is an acceptable level for a case whose
// gold level is want; see AcceptableDefinition.
func Acceptable(want, got rules.Level) bool {
	switch want {
	case rules.Emergency, rules.SelfCare:
		return got == want
	}
	return got >= want
}

// Run assesses every case and runs every inline rule case of the engine's
// table.
func Run(eng *triage.Engine, cases []*Case) *Report {
	rep := &Report{}
	f := &rep.Figures
	for _, c := range cases {
		as := eng.Assess(c.Answers)
		res := CaseResult{Case: c, Got: as.Level}
		for _, rc := range as.Causes {
			if rc.Top {
				res.Top3 = append(res.Top3, rc.Cause.ID)
			}
		}
		for _, id := range c.Top3 {
			if !slices.Contains(res.Top3, id) {
				res.Missing = append(res.Missing, id)
			}
		}
		for _, id := range c.NotTop3 {
			if slices.Contains(res.Top3, id) {
				res.Intruders = append(res.Intruders, id)
			}
		}
		for _, id := range c.NotInPlan {
			if slices.ContainsFunc(as.Plan, func(p triage.PlanStep) bool { return p.Step.ID == id }) {
				res.Unwanted = append(res.Unwanted, id)
			}
		}
		res.Acceptable = Acceptable(c.Level, as.Level)
		res.Pass = as.Level == c.Level && len(res.Missing) == 0 && len(res.Intruders) == 0 && len(res.Unwanted) == 0
		rep.Cases = append(rep.Cases, res)

		f.Cases++
		if res.Pass {
			f.Passed++
		}
		count(&f.Acceptable, true, res.Acceptable)
		count(&f.EmergencyRecall, c.Level == rules.Emergency, as.Level == rules.Emergency)
		count(&f.OverTriage, c.Level == rules.SelfCare, as.Level > rules.SelfCare)
		count(&f.UnderTriage, true, as.Level < c.Level)
		count(&f.Top3Agreement, len(c.Top3) > 0, len(res.Missing) == 0)
		count(&f.NotTop3Held, len(c.NotTop3) > 0, len(res.Intruders) == 0)
		count(&f.NotInPlanHeld, len(c.NotInPlan) > 0, len(res.Unwanted) == 0)
	}
	for _, r := range eng.Table().Rules {
		if r.Tests == nil {
			continue
		}
		for _, group := range []struct {
			fire  bool
			cases []*rules.AnswersNode
		}{{true, r.Tests.Fires}, {false, r.Tests.DoesNotFire}} {
			for _, an := range group.cases {
				fired := slices.Contains(eng.Fired(an.Answers), r)
				res := InlineResult{Rule: r, MustFire: group.fire, Case: an, Pass: fired == group.fire}
				rep.Inline = append(rep.Inline, res)
				f.InlineCases++
				if res.Pass {
					f.InlinePassed++
				}
			}
		}
	}
	runFollowup(eng.Table(), rep)
	return rep
}

func count(r *Ratio, applies, hit bool) {
	if !applies {
		return
	}
	r.Of++
	if hit {
		r.N++
	}
}

// Problem describes why a vignette failed, as file:line:col: message.
func (c CaseResult) Problem() string {
	p := c.Case.Pos
	var msg string
	if c.Got != c.Case.Level {
		msg = fmt.Sprintf("expected level %s, got %s", c.Case.Level, c.Got)
		switch {
		case c.Case.Level == rules.Emergency:
			msg += " (a missed emergency)"
		case c.Got < c.Case.Level:
			msg += " (under-triage)"
		case c.Case.Level == rules.SelfCare:
			msg += " (over-triage)"
		}
	}
	if len(c.Missing) > 0 {
		if msg != "" {
			msg += "; "
		}
		msg += fmt.Sprintf("top3 missing %s; the top three were %s", quoteList(c.Missing), quoteList(c.Top3))
	}
	if len(c.Intruders) > 0 {
		if msg != "" {
			msg += "; "
		}
		msg += fmt.Sprintf("not_top3 %s in the top three %s", quoteList(c.Intruders), quoteList(c.Top3))
	}
	if len(c.Unwanted) > 0 {
		if msg != "" {
			msg += "; "
		}
		msg += fmt.Sprintf("not_in_plan %s in the plan", quoteList(c.Unwanted))
	}
	if msg == "" {
		msg = "ok"
	}
	return fmt.Sprintf("%s:%d:%d: case %q: %s", p.File, p.Line, p.Col, c.Case.Name, msg)
}

// Problem describes why an inline case failed, as file:line:col: message.
func (c InlineResult) Problem() string {
	p := c.Case.Pos
	if p.File == "" {
		p.File = c.Rule.Pos.File
	}
	want := "must fire but did not"
	if !c.MustFire {
		want = "must not fire but did"
	}
	if c.Pass {
		want = "ok"
	}
	return fmt.Sprintf("%s:%d:%d: rule %q: test case %s", p.File, p.Line, p.Col, c.Rule.ID, want)
}

func quoteList(ids []string) string {
	if len(ids) == 0 {
		return "(none)"
	}
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += id
	}
	return s
}
