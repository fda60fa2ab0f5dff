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

// Document is what the person reads, in one place and independent of
// format: the text, Markdown and spoken summaries and the terminal UI's
// results render an assessment's (Content), so they say the same things in
// the same order. The level's policy (triage.PolicyFor) decides which
// sections it holds. A check-in's result (checkin.Document) and the diary's
// history (history.Document) are documents too, drawn by the same
// renderers (Document.Render, and the screen's).
type Document struct {
	Title    string
	Date     string
	Sections []Section
}

// Section is a part of the document. ID names it for a renderer that lays
// some sections out its own way (the screen puts the answer first).
type Section struct {
	ID      string
	Heading string
	Blocks  []Block
}

// The sections' ids.
const (
	SecDisclaimer = "disclaimer"
	SecNow        = "now"
	SecWarnings   = "warnings"
	SecDiary      = "diary"
	SecHeld       = "held"
	SecCauses     = "causes"
	SecPlan       = "plan"
	SecHelp       = "help"
	SecHandover   = "handover"
	SecAnswers    = "answers"
	SecSources    = "sources"
)

// BlockKind is how a block reads: a paragraph, a list, a quote or a label.
type BlockKind int

const (
	Para         BlockKind = iota
	Numbered               // a numbered list
	Bullets                // a bulleted list
	QuoteBlock             // a quoted passage
	LabelBlock             // a label over the blocks that follow ("Tonight")
	Preformatted           // lines drawn as they are, never wrapped (a chart)
)

// Block is a paragraph, a quote, or a list whose items may carry detail
// lines.
type Block struct {
	Kind  BlockKind
	Text  string
	Items []Item
}

// Item is a list's entry and the lines under it.
type Item struct {
	Text   string
	Detail []Line // indented lines under the item
}

// Line is a line of detail and how it reads beside the others.
type Line struct {
	Text string
	Tone Tone
}

// Tone is how a line of detail reads: a screen shows an aside quieter and
// a caution in the colour of a warning; text and Markdown print both as
// they are.
type Tone int

const (
	Plain   Tone = iota
	Aside        // why: the answers behind it, who suggested it
	Caution      // what to be careful of, or not to rely on
)

func plain(s string) Line   { return Line{Text: s} }
func aside(s string) Line   { return Line{Text: s, Tone: Aside} }
func caution(s string) Line { return Line{Text: s, Tone: Caution} }

// Content is the document for an assessment, ready for a renderer (the
// emergency number and the time zone put in).
func Content(as *triage.Assessment, m Meta) Document { return finish(build(as, m), m) }

func build(as *triage.Assessment, m Meta) Document {
	pol := triage.PolicyFor(as)
	d := Document{Title: "backtriage summary: upper back pain", Date: m.Date.Format("2006-01-02")}
	d.Sections = append(d.Sections, Section{ID: SecDisclaimer, Blocks: []Block{{Kind: Para, Text: triage.Disclaimer}}})
	d.Sections = append(d.Sections, nowSection(as), warningsSection(as))
	if m.Trend != "" && pol.ShowTrend {
		// After the warning signs, never before them.
		d.Sections = append(d.Sections, Section{ID: SecDiary, Heading: "Your diary", Blocks: []Block{{Kind: Para, Text: m.Trend}}})
	}
	if !pol.ShowCauses {
		// Held (at emergency level, or at urgent level for a cause that is
		// not a muscle): the warning signs, what to do now and the answers;
		// no causes and no self-care, so nothing reads like a reason to wait.
		d.Sections = append(d.Sections, Section{ID: SecHeld, Heading: "Causes and self-care", Blocks: []Block{{Kind: Para, Text: as.Held}}})
	} else {
		d.Sections = append(d.Sections, causesSection(as, m, triage.PolicyFor(as).Heading("Likely causes")), planSection(as))
	}
	d.Sections = append(d.Sections, helpSection(as), handoverSection(as, m))
	d.Sections = append(d.Sections, answersSection(as, m.Questionnaire), sourcesSection(as, m.Explain))
	return d
}

// nowSection is the level and what to do about it.
func nowSection(as *triage.Assessment) Section {
	info := triage.Info(as.Level)
	s := Section{ID: SecNow, Heading: "What to do now", Blocks: []Block{
		{Kind: Para, Text: fmt.Sprintf("Level: %s (%s)", info.Headline, as.Level)},
		{Kind: Para, Text: info.Do},
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
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: "Warning-sign questions not answered: " + strings.Join(missed, "; ") +
			". This level does not know about them: if any of those signs apply to you, or you are not sure, get help as the warning signs below describe."})
	}
	return s
}

// warningsSection lists the warning signs found, each with what to do and
// the answers behind it.
func warningsSection(as *triage.Assessment) Section {
	warn := Section{ID: SecWarnings, Heading: "Warning signs"}
	if len(as.Warnings) == 0 {
		warn.Blocks = append(warn.Blocks, Block{Kind: Para, Text: "None found in your answers."})
		return warn
	}
	b := Block{Kind: Bullets}
	for _, w := range as.Warnings {
		it := Item{Text: fmt.Sprintf("[%s] %s", w.Level, w.Rule.Title)}
		if triage.PolicyFor(as).LesserSignsForTheTeam && w.Level < rules.Emergency {
			// Its own "book a doctor" advice would read like a reason to
			// wait; the sign is still worth telling the emergency team.
			it.Detail = append(it.Detail, plain("Tell the emergency team about this too."))
		} else {
			it.Detail = append(it.Detail, plain("What to do: "+w.Rule.Action))
		}
		if len(w.Because) > 0 {
			it.Detail = append(it.Detail, aside(triage.Because(w.Because)))
		}
		b.Items = append(b.Items, it)
	}
	warn.Blocks = append(warn.Blocks, b)
	return warn
}

// planSection is the self-care plan, after what it is alongside, and the
// steps left out and why.
func planSection(as *triage.Assessment) Section {
	plan := Section{ID: SecPlan, Heading: triage.PolicyFor(as).Heading("Self-care plan")}
	if len(as.Plan) == 0 {
		msg := "No self-care steps for these answers."
		if len(as.Withheld) > 0 {
			msg = "Self-care is held back: get help first (see above)."
		}
		plan.Blocks = append(plan.Blocks, Block{Kind: Para, Text: msg})
		return plan
	}
	switch {
	case triage.PolicyFor(as).WhileYouWait:
		plan.Blocks = append(plan.Blocks, Block{Kind: Para, Text: triage.ForWhileYouWait})
	case len(as.Warnings) > 0:
		plan.Blocks = append(plan.Blocks, Block{Kind: Para, Text: "Only alongside the help above, never instead of it:"})
	}
	plan.Blocks = append(plan.Blocks, planBlocks(as)...)
	if len(as.Withheld) > 0 {
		b := Block{Kind: Bullets}
		for _, w := range as.Withheld {
			b.Items = append(b.Items, Item{Text: "Left out: " + w.Step.Title, Detail: []Line{aside(w.Why)}})
		}
		plan.Blocks = append(plan.Blocks, b)
	}
	return plan
}

// helpSection is "when to get help", in words that fit the level reached.
func helpSection(as *triage.Assessment) Section {
	help := Section{ID: SecHelp, Heading: "When to get help"}
	hb := Block{Kind: Bullets}
	for _, h := range as.SeekHelp {
		hb.Items = append(hb.Items, Item{Text: h.Text})
	}
	hb.Items = append(hb.Items, Item{Text: triage.AnyTime(as.Level)})
	help.Blocks = append(help.Blocks, hb)
	return help
}

// causesSection holds the top causes in full (at most three, as on screen)
// and the rest briefly, under "other possibilities". Scores and rule ids are
// for rule authors: only with Meta.Explain.
func causesSection(as *triage.Assessment, m Meta, heading string) Section {
	causes := Section{ID: SecCauses, Heading: heading}
	if len(as.Causes) == 0 {
		causes.Blocks = append(causes.Blocks, Block{Kind: Para, Text: "Your answers did not point to a particular cause. The general plan below still applies."})
		return causes
	}
	top, other := Block{Kind: Numbered}, Block{Kind: Bullets}
	for _, c := range as.Causes {
		title := c.Cause.Title
		if m.Explain {
			title += fmt.Sprintf(" (score %d)", c.Score)
		}
		if !c.Top {
			other.Items = append(other.Items, Item{Text: title, Detail: []Line{aside(triage.Because(c.Facts()))}})
			continue
		}
		top.Items = append(top.Items, Item{Text: title, Detail: causeDetail(as, c, m.Explain)})
	}
	causes.Blocks = append(causes.Blocks, top)
	if len(other.Items) > 0 {
		causes.Blocks = append(causes.Blocks,
			Block{Kind: Para, Text: "Other possibilities, less likely from your answers:"}, other)
	}
	return causes
}

// causeDetail is what a top cause is, the muscles involved, who suggested it
// and the answers behind it.
func causeDetail(as *triage.Assessment, c triage.RankedCause, explain bool) []Line {
	detail := []Line{plain(c.Cause.About)}
	for _, mu := range c.Cause.Muscles {
		line := fmt.Sprintf("Muscle: %s, %s.", mu.Name, strings.TrimSuffix(words.LowerFirst(mu.Where), "."))
		if len(mu.Refers) > 0 {
			line += " Sends pain to: " + regionsText(mu.Refers) + "."
		}
		detail = append(detail, plain(line))
	}
	if c.Cause.Kind == "professional" {
		detail = append(detail, caution("This is not a muscle problem to treat yourself: have a doctor or physiotherapist assess it."))
	}
	if who := speaker(as, c.Cause.Source, c.Cause.SaidBy); who != "" {
		detail = append(detail, aside("Suggested by: "+who+"."))
	}
	for _, r := range c.Reasons {
		detail = append(detail, aside(reasonLine(r, explain)))
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

func sourcesSection(as *triage.Assessment, explain bool) Section {
	src := Section{ID: SecSources, Heading: "Sources"}
	for _, s := range as.Sources {
		head := s.Source.Title
		if s.Source.Publisher != "" {
			head += " (" + s.Source.Publisher + ")"
		}
		if s.Source.URL != "" {
			head += " " + s.Source.URL
		}
		b := Block{Kind: Bullets, Items: []Item{{Text: head}}}
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
			b.Items[0].Detail = append(b.Items[0].Detail, aside(line))
		}
		src.Blocks = append(src.Blocks, b)
	}
	return src
}

func answersSection(as *triage.Assessment, qn *questionnaire.Questionnaire) Section {
	s := Section{ID: SecAnswers, Heading: "Your answers"}
	b := Block{Kind: Bullets}
	for _, q := range qn.Questions() {
		v, ok := as.Answers[q.ID]
		if !ok {
			continue
		}
		b.Items = append(b.Items, Item{Text: q.Short + ": " + answers.Text(q, v)})
	}
	if len(b.Items) == 0 {
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: "No answers given."})
	} else {
		s.Blocks = append(s.Blocks, b)
	}
	if len(as.Unanswered) > 0 {
		names := make([]string, len(as.Unanswered))
		for i, q := range as.Unanswered {
			names[i] = q.Short
		}
		s.Blocks = append(s.Blocks, Block{Kind: Para, Text: "Not answered: " + strings.Join(names, "; ") + "."})
		for _, q := range as.Unanswered {
			if q.Warning {
				s.Blocks = append(s.Blocks, Block{Kind: Para, Text: "Some warning-sign questions were not answered, so warning signs may have been missed. If any of them apply, get help as they describe."})
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
