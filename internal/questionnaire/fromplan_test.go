package questionnaire_test

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// A checklist of the plan's steps (options_from: plan) needs only its own
// option; any other choice question needs two. The mark survives the
// compiled records, whatever the question's id.
func TestFromPlanNeedsOneOptionOfItsOwn(t *testing.T) {
	page := func(fromPlan bool) []*questionnaire.Page {
		return []*questionnaire.Page{{ID: "p", Questions: []*questionnaire.Question{{
			ID: "done_today", Kind: questionnaire.Many, Prompt: "Which did you do?", FromPlan: fromPlan,
			Options: []questionnaire.Option{{ID: "none", Label: "None of them", Exclusive: true}},
		}}}}
	}
	if _, err := questionnaire.New(page(false)); err == nil || !strings.Contains(err.Error(), "needs options") {
		t.Errorf("one option, not from the plan: got %v", err)
	}
	qn, err := questionnaire.New(page(true))
	if err != nil {
		t.Fatal(err)
	}
	again, err := questionnaire.FromRecords(qn.Records())
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := again.Question("done_today"); q == nil || !q.FromPlan {
		t.Errorf("FromPlan lost in the records: %+v", q)
	}
	if q, _ := questionnaire.Followup().Question(questionnaire.StepsDone); q == nil || !q.FromPlan {
		t.Errorf("the built-in steps_done is not marked from the plan")
	}
}
