package report

import (
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/words"
)

// document is the summary's content, independent of format, so text and
// Markdown say exactly the same things in the same order.
type document struct {
	title    string
	date     string
	sections []section
}

type section struct {
	heading string
	blocks  []block
}

type blockKind int

const (
	para     blockKind = iota
	numbered           // a numbered list
	bullets            // a bulleted list
	quote              // a quoted passage
	label              // a label over the blocks that follow ("Tonight")
)

// block is a paragraph, a quote, or a list whose items may carry detail lines.
type block struct {
	kind  blockKind
	text  string
	items []item
}

type item struct {
	text   string
	detail []string // indented lines under the item
}

func build(as *triage.Assessment, m Meta) document {
	pol := triage.PolicyFor(as)
	d := document{title: "backtriage summary: upper back pain", date: m.Date.Format("2006-01-02")}
	d.sections = append(d.sections, section{blocks: []block{{kind: para, text: triage.Disclaimer}}})
	d.sections = append(d.sections, nowSection(as), warningsSection(as))
	if m.Trend != "" && pol.ShowTrend {
		// After the warning signs, never before them.
		d.sections = append(d.sections, section{heading: "Your diary", blocks: []block{{kind: para, text: m.Trend}}})
	}
	if !pol.ShowCauses {
		// Held (at emergency level, or at urgent level for a cause that is
		// not a muscle): the warning signs, what to do now and the answers;
		// no causes and no self-care, so nothing reads like a reason to wait.
		d.sections = append(d.sections, section{heading: "Causes and self-care", blocks: []block{{kind: para, text: as.Held}}})
	} else {
		d.sections = append(d.sections, causesSection(as, m, triage.PolicyFor(as).Heading("Likely causes")), planSection(as))
	}
	d.sections = append(d.sections, helpSection(as), handoverSection(as, m))
	d.sections = append(d.sections, answersSection(as, m.Questionnaire), sourcesSection(as, m.Explain))
	return d
}

// nowSection is the level and what to do about it.
func nowSection(as *triage.Assessment) section {
	info := triage.Info(as.Level)
	s := section{heading: "What to do now", blocks: []block{
		{kind: para, text: fmt.Sprintf("Level: %s (%s)", info.Headline, as.Level)},
		{kind: para, text: info.Do},
	}}
	// Unanswered warning questions are named here, beside the level they
	// may change, not only at the end with the answers (issue 17).
	var missed []string
	for _, q := range as.Unanswered {
		if q.Warning {
			missed = append(missed, q.Short)
		}
	}
	if len(missed) > 0 {
		s.blocks = append(s.blocks, block{kind: para, text: "Warning-sign questions not answered: " + strings.Join(missed, "; ") +
			". This level does not know about them: if any of those signs apply to you, or you are not sure, get help as the warning signs below describe."})
	}
	return s
}

// warningsSection lists the warning signs found, each with what to do and
// the answers behind it.
func warningsSection(as *triage.Assessment) section {
	warn := section{heading: "Warning signs"}
	if len(as.Warnings) == 0 {
		warn.blocks = append(warn.blocks, block{kind: para, text: "None found in your answers."})
		return warn
	}
	b := block{kind: bullets}
	for _, w := range as.Warnings {
		it := item{text: fmt.Sprintf("[%s] %s", w.Level, w.Rule.Title)}
		if triage.PolicyFor(as).LesserSignsForTheTeam && w.Level < rules.Emergency {
			// Its own "book a doctor" advice would read like a reason to
			// wait; the sign is still worth telling the emergency team.
			it.detail = append(it.detail, "Tell the emergency team about this too.")
		} else {
			it.detail = append(it.detail, "What to do: "+w.Rule.Action)
		}
		if len(w.Because) > 0 {
			it.detail = append(it.detail, triage.Because(w.Because))
		}
		b.items = append(b.items, it)
	}
	warn.blocks = append(warn.blocks, b)
	return warn
}

// planSection is the self-care plan, after what it is alongside, and the
// steps left out and why.
func planSection(as *triage.Assessment) section {
	plan := section{heading: triage.PolicyFor(as).Heading("Self-care plan")}
	if len(as.Plan) == 0 {
		msg := "No self-care steps for these answers."
		if len(as.Withheld) > 0 {
			msg = "Self-care is held back: get help first (see above)."
		}
		plan.blocks = append(plan.blocks, block{kind: para, text: msg})
		return plan
	}
	switch {
	case triage.PolicyFor(as).WhileYouWait:
		plan.blocks = append(plan.blocks, block{kind: para, text: triage.ForWhileYouWait})
	case len(as.Warnings) > 0:
		plan.blocks = append(plan.blocks, block{kind: para, text: "Only alongside the help above, never instead of it:"})
	}
	plan.blocks = append(plan.blocks, planBlocks(as)...)
	if len(as.Withheld) > 0 {
		b := block{kind: bullets}
		for _, w := range as.Withheld {
			b.items = append(b.items, item{text: "Left out: " + w.Step.Title, detail: []string{w.Why}})
		}
		plan.blocks = append(plan.blocks, b)
	}
	return plan
}

// helpSection is "when to get help", in words that fit the level reached.
func helpSection(as *triage.Assessment) section {
	help := section{heading: "When to get help"}
	hb := block{kind: bullets}
	for _, h := range as.SeekHelp {
		hb.items = append(hb.items, item{text: h.Text})
	}
	hb.items = append(hb.items, item{text: triage.AnyTime(as.Level)})
	help.blocks = append(help.blocks, hb)
	return help
}

// causesSection holds the top causes in full (at most three, as on screen)
// and the rest briefly, under "other possibilities". Scores and rule ids are
// for rule authors: only with Meta.Explain.
func causesSection(as *triage.Assessment, m Meta, heading string) section {
	causes := section{heading: heading}
	if len(as.Causes) == 0 {
		causes.blocks = append(causes.blocks, block{kind: para, text: "Your answers did not point to a particular cause. The general plan below still applies."})
		return causes
	}
	top, other := block{kind: numbered}, block{kind: bullets}
	for _, c := range as.Causes {
		title := c.Cause.Title
		if m.Explain {
			title += fmt.Sprintf(" (score %d)", c.Score)
		}
		if !c.Top {
			other.items = append(other.items, item{text: title, detail: []string{triage.Because(c.Facts())}})
			continue
		}
		top.items = append(top.items, item{text: title, detail: causeDetail(as, c, m.Explain)})
	}
	causes.blocks = append(causes.blocks, top)
	if len(other.items) > 0 {
		causes.blocks = append(causes.blocks,
			block{kind: para, text: "Other possibilities, less likely from your answers:"}, other)
	}
	return causes
}

// causeDetail is what a top cause is, the muscles involved, who suggested it
// and the answers behind it.
func causeDetail(as *triage.Assessment, c triage.RankedCause, explain bool) []string {
	detail := []string{c.Cause.About}
	for _, mu := range c.Cause.Muscles {
		line := fmt.Sprintf("Muscle: %s, %s.", mu.Name, strings.TrimSuffix(words.LowerFirst(mu.Where), "."))
		if len(mu.Refers) > 0 {
			line += " Sends pain to: " + regionsText(mu.Refers) + "."
		}
		detail = append(detail, line)
	}
	if c.Cause.Kind == "professional" {
		detail = append(detail, "This is not a muscle problem to treat yourself: have a doctor or physiotherapist assess it.")
	}
	if who := speaker(as, c.Cause.Source, c.Cause.SaidBy); who != "" {
		detail = append(detail, "Suggested by: "+who+".")
	}
	for _, r := range c.Reasons {
		detail = append(detail, reasonLine(r, explain))
	}
	return detail
}

// reasonLine is one rule's "because you said", with the rule and its weight
// for rule authors.
func reasonLine(r triage.Reason, explain bool) string {
	line := triage.Because(r.Because)
	if len(r.Because) == 0 {
		line = "Because: " + r.Rule.Title
	}
	var notes []string
	if explain {
		notes = append(notes, fmt.Sprintf("rule %s, +%d", r.Rule.ID, r.Rule.Weight))
	}
	if r.Rule.Broad {
		notes = append(notes, "supporting only")
	}
	if r.Rule.Own != "" {
		notes = append(notes, "our suggestion: "+r.Rule.Own)
	}
	if len(notes) > 0 {
		line += " (" + strings.Join(notes, "; ") + ")"
	}
	return line
}

func sourcesSection(as *triage.Assessment, explain bool) section {
	src := section{heading: "Sources"}
	for _, s := range as.Sources {
		head := s.Source.Title
		if s.Source.Publisher != "" {
			head += " (" + s.Source.Publisher + ")"
		}
		if s.Source.URL != "" {
			head += " " + s.Source.URL
		}
		b := block{kind: bullets, items: []item{{text: head}}}
		for _, q := range s.Quotes {
			line := fmt.Sprintf("\"%s\"", strings.TrimSpace(q.Text))
			if who := s.Source.Speaker(q.SaidBy); who != "" {
				line += " — " + who
			}
			var notes []string
			if explain {
				notes = append(notes, q.By())
			}
			if q.Own != "" {
				notes = append(notes, "our suggestion beyond the quote: "+q.Own)
			}
			if len(notes) > 0 {
				line += " (" + strings.Join(notes, "; ") + ")"
			}
			b.items[0].detail = append(b.items[0].detail, line)
		}
		src.blocks = append(src.blocks, b)
	}
	return src
}

func answersSection(as *triage.Assessment, qn *questionnaire.Questionnaire) section {
	s := section{heading: "Your answers"}
	b := block{kind: bullets}
	for _, q := range qn.Questions() {
		v, ok := as.Answers[q.ID]
		if !ok {
			continue
		}
		b.items = append(b.items, item{text: q.Short + ": " + answers.Text(q, v)})
	}
	if len(b.items) == 0 {
		s.blocks = append(s.blocks, block{kind: para, text: "No answers given."})
	} else {
		s.blocks = append(s.blocks, b)
	}
	if len(as.Unanswered) > 0 {
		names := make([]string, len(as.Unanswered))
		for i, q := range as.Unanswered {
			names[i] = q.Short
		}
		s.blocks = append(s.blocks, block{kind: para, text: "Not answered: " + strings.Join(names, "; ") + "."})
		for _, q := range as.Unanswered {
			if q.Warning {
				s.blocks = append(s.blocks, block{kind: para, text: "Some warning-sign questions were not answered, so warning signs may have been missed. If any of them apply, get help as they describe."})
				break
			}
		}
	}
	return s
}

// speaker is who said a cause's quote, in words, or "" for guidance.
func speaker(as *triage.Assessment, source, saidBy string) string {
	for _, s := range as.Sources {
		if s.Source.ID == source {
			return s.Source.Speaker(saidBy)
		}
	}
	return ""
}

func regionsText(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = rules.RegionName(id)
	}
	return strings.Join(names, ", ")
}
