package service

import (
	"slices"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// Plan is what a guided routine may be chosen from: the self-care plan
// less the steps ruled out now.
type Plan struct {
	// Known says there is an assessment to check against (a result on
	// screen, or an episode in the diary).
	Known bool
	// Steps are the plan's step ids.
	Steps []string
	// Withheld are the steps an answer or a warning sign rules out, and
	// Why says why for each.
	Withheld []string
	Why      map[string]string
	// Blocked says why nothing at all is offered (an emergency).
	Blocked string
}

// blockedAtEmergency is why no routine is offered after an emergency.
const blockedAtEmergency = "your latest assessment or check-in found an emergency warning sign: get help first; self-care can wait"

// PlanOf is the plan of an assessment on screen.
func PlanOf(as *triage.Assessment) Plan {
	if as == nil {
		return PlanIn(nil)
	}
	p := Plan{Known: true, Why: map[string]string{}}
	for _, s := range as.Plan {
		p.Steps = append(p.Steps, s.Step.ID)
	}
	for _, w := range as.Withheld {
		p.withhold(w.Step.ID, w.Why)
	}
	if !triage.PolicyAt(as.Level).OfferRoutines {
		p.Blocked = blockedAtEmergency
	}
	return p
}

// PlanIn is the plan the diary holds: the latest episode's, less what the
// episode and the latest check-in rule out (a new warning sign there rules
// out more; an emergency there blocks every routine).
func PlanIn(rec *diary.Record) Plan {
	p := Plan{Why: map[string]string{}}
	if rec == nil {
		return p
	}
	st := followup.Current(rec)
	if st.Episode == nil {
		return p
	}
	p.Known = true
	for _, step := range st.Episode.Plan {
		p.Steps = append(p.Steps, step.ID)
	}
	for _, w := range st.Episode.Withheld {
		p.withhold(w.ID, w.Why)
	}
	level := st.Episode.Level
	if n := len(st.Checkins); n > 0 {
		for _, w := range st.Checkins[n-1].Withheld {
			p.withhold(w.ID, w.Why)
		}
		level = st.Checkins[n-1].Level
	}
	if l, _ := rules.ParseLevel(level); !triage.PolicyAt(l).OfferRoutines {
		p.Blocked = blockedAtEmergency
	}
	return p
}

// CurrentPlan reads the plan from the diary, read-only: a diary that
// cannot be written still withholds what a warning sign withholds. An
// unknown plan (no diary, no episode) comes with a nil error.
func (d Diary) CurrentPlan() (Plan, error) {
	s, err := d.OpenRead()
	if s == nil {
		return PlanIn(nil), err
	}
	defer s.Close()
	rec, err := s.Recent(false)
	if err != nil {
		return PlanIn(nil), err
	}
	return PlanIn(rec), nil
}

func (p *Plan) withhold(id, why string) {
	if !slices.Contains(p.Withheld, id) {
		p.Withheld = append(p.Withheld, id)
		p.Why[id] = why
	}
}

// Offered is the steps with a routine that may be offered now: none after
// an emergency, none when a known plan has no steps.
func (p Plan) Offered(t *rules.Table) []*rules.Step {
	if p.Blocked != "" || (p.Known && len(p.Steps) == 0) {
		return nil
	}
	return guide.Offered(t, p.Steps, p.Withheld)
}

// Refusal says why the routine of step id is not offered now; "" when it
// is.
func (p Plan) Refusal(id string) string {
	switch {
	case p.Blocked != "":
		return p.Blocked
	case slices.Contains(p.Withheld, id):
		return p.Why[id]
	}
	return ""
}

// InPlan reports whether step id is in a known plan; Known false means
// there was nothing to check it against.
func (p Plan) InPlan(id string) bool { return slices.Contains(p.Steps, id) }
