package safetydoc

import (
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// questions lists every question asked, page by page, with what reads each
// option: the rules and steps whose conditions name it, and the questions
// it shows; an option nothing reads says why (no_rule). Then the follow-up
// facts, which the follow-up rules read.
func (d *doc) questions() {
	d.p("## 9. Every question")
	d.p("")
	d.p("The questionnaire as asked (`rules/questions.yaml`), page by page. Under each option: the rules")
	d.p("and self-care steps whose conditions name it, and the questions it makes apply. The loader")
	d.p("refuses an option that nothing reads unless it says why; that reason is given here.")
	d.p("")
	readers := map[rules.OptionRef][]string{}
	add := func(c *rules.Cond, qn *questionnaire.Questionnaire, name string) {
		for _, ref := range c.Refs(qn) {
			if l := readers[ref]; len(l) == 0 || l[len(l)-1] != name {
				readers[ref] = append(l, name)
			}
		}
	}
	for _, r := range d.t.Rules {
		add(r.When, d.qn, fmt.Sprintf("rule `%s`", r.ID))
	}
	for _, s := range d.t.Steps {
		add(s.AvoidWhen, d.qn, fmt.Sprintf("step `%s` (avoid when)", s.ID))
	}
	d.pages(d.qn, readers)
	d.p("### The follow-up facts")
	d.p("")
	d.p("What a check-in asks after the warning signs, and what the diary works out from earlier records")
	d.p("(never asked). The follow-up rules (section 7) are conditions over these.")
	d.p("")
	fu := d.t.FollowupQuestions()
	facts := map[rules.OptionRef][]string{}
	for _, r := range d.t.Followup {
		for _, ref := range r.When.Refs(fu) {
			if l := facts[ref]; len(l) == 0 || l[len(l)-1] != "`"+r.ID+"`" {
				facts[ref] = append(l, "`"+r.ID+"`")
			}
		}
	}
	readers = facts
	d.pages(fu, readers)
}

func (d *doc) pages(qn *questionnaire.Questionnaire, readers map[rules.OptionRef][]string) {
	for _, q := range qn.Questions() {
		if q.ShowIf != nil {
			for _, id := range q.ShowIf.AnyOf {
				ref := rules.OptionRef{Question: q.ShowIf.Question, Option: id}
				readers[ref] = append(readers[ref], fmt.Sprintf("shows `%s`", q.ID))
			}
		}
	}
	for i, p := range qn.Pages {
		d.p("### Page %d: %s (`%s`)", i+1, p.Title, p.ID)
		d.p("")
		if p.Intro != "" {
			d.p("%s", p.Intro)
			d.p("")
		}
		for _, q := range p.Questions {
			d.question(q, readers)
		}
	}
}

func (d *doc) question(q *questionnaire.Question, readers map[rules.OptionRef][]string) {
	kind := q.AnswerShape()
	if q.Kind == questionnaire.Text {
		kind += ", read by no rule"
	}
	if q.Warning {
		kind += ", a warning sign"
	}
	d.p("- **%s** (`%s`, %s). Why we ask: %s", cell(q.Prompt), q.ID, kind, cell(q.Why))
	if s := q.ShowIf; s != nil {
		d.p("  Asked only if `%s` is %s.", s.Question, "`"+strings.Join(s.AnyOf, "` or `")+"`")
	}
	for _, o := range q.Choices() {
		read := readers[rules.OptionRef{Question: q.ID, Option: o.ID}]
		what := strings.Join(read, ", ")
		if len(read) == 0 {
			what = "read by nothing"
			if why := d.t.NoRule(q.ID, o.ID); why != "" {
				what += ": " + cell(why)
			}
		}
		d.p("  - %s (`%s`): %s", cell(o.Label), o.ID, what)
	}
}
