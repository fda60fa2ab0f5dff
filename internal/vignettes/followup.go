package vignettes

import (
	"slices"

	"github.com/backtriage/backtriage/internal/rules"
)

// runFollowup runs the follow-up rules' inline cases (rules/followup.yaml)
// the way Run runs the rules': each case must fire its rule or must not.
// A result names the follow-up rule through a stand-in Rule with its id,
// title and place, so the reports need no second kind of result.
func runFollowup(t *rules.Table, rep *Report) {
	for _, r := range t.Followup {
		if r.Tests == nil {
			continue
		}
		named := &rules.Rule{ID: r.ID, Title: r.Title, Pos: r.Pos}
		for _, group := range []struct {
			fire  bool
			cases []*rules.AnswersNode
		}{{true, r.Tests.Fires}, {false, r.Tests.DoesNotFire}} {
			for _, an := range group.cases {
				fired := slices.Contains(t.FollowupFired(an.Answers), r)
				res := InlineResult{Rule: named, MustFire: group.fire, Case: an, Pass: fired == group.fire}
				rep.Inline = append(rep.Inline, res)
				rep.Figures.InlineCases++
				if res.Pass {
					rep.Figures.InlinePassed++
				}
			}
		}
	}
}
