package report

import (
	"strings"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/triage"
)

// HandoverLine is one line of the handover: a label and what the person
// said, in their answers' words.
type HandoverLine struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// handoverQuestions are the answers a GP or physiotherapist asks first, in
// the order they ask them: the history of the pain before its details.
var handoverQuestions = []struct{ LabelBlock, id string }{
	{"Started", "onset"},
	{"How long", "duration"},
	{"Since then", "course"},
	{"Where", "pain_where"},
	{"Side", "pain_side"},
	{"Feels like", "pain_feel"},
	{"Over the day", "pain_when"},
	{"What changes it", "pain_changes"},
	{"Worst today", "pain_severity"},
	{"Health", "risk_factors"},
	{"Tried", "tried"},
	{"Did it help", "tried_result"},
}

// Handover is what a clinician reads in thirty seconds: the level and why,
// the pain's history and pattern, the warning-sign questions asked and
// answered "none" (the pertinent negatives) and those not answered, what
// was tried, and the diary's trend when there is one. It is built from the
// assessment alone, so every export says the same.
func Handover(as *triage.Assessment, qn *questionnaire.Questionnaire, trend string) []HandoverLine {
	var out []HandoverLine
	why := "no warning sign in the answers"
	if len(as.Warnings) > 0 {
		titles := make([]string, len(as.Warnings))
		for i, w := range as.Warnings {
			titles[i] = w.Rule.Title
		}
		why = strings.Join(titles, "; ")
	}
	out = append(out, HandoverLine{"Level", as.Level.String() + ", because: " + why})
	for _, h := range handoverQuestions {
		q, ok := qn.Question(h.id)
		if !ok {
			continue
		}
		if v, ok := as.Answers[h.id]; ok {
			out = append(out, HandoverLine{h.LabelBlock, answers.Text(q, v)})
		}
	}
	var no, unasked []string
	for _, q := range qn.Questions() {
		if !q.Warning || q.Kind == questionnaire.Number {
			continue
		}
		v, ok := as.Answers[q.ID]
		switch {
		case !ok:
			unasked = append(unasked, q.Short)
		case len(v.Options) == 1 && v.Options[0] == "none":
			no = append(no, q.Short)
		}
	}
	if len(no) > 0 {
		out = append(out, HandoverLine{"Asked, answered none", strings.Join(no, "; ")})
	}
	if len(unasked) > 0 {
		out = append(out, HandoverLine{"Not answered", strings.Join(unasked, "; ")})
	}
	if trend != "" && triage.PolicyFor(as).ShowTrend {
		out = append(out, HandoverLine{"Diary", trend})
	}
	return out
}

// handoverSection is the handover as a section of the summary.
func handoverSection(as *triage.Assessment, m Meta) Section {
	b := Block{Kind: Bullets}
	for _, l := range Handover(as, m.Questionnaire, m.Trend) {
		b.Items = append(b.Items, Item{Text: l.Label + ": " + l.Text})
	}
	return Section{ID: SecHandover, Heading: "For a doctor or physiotherapist", Blocks: []Block{
		{Kind: Para, Text: "The answers a clinician asks first, in the person's own answers:"}, b,
	}}
}
