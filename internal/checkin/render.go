package checkin

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

func jsonBytes(v any) ([]byte, error) { return json.Marshal(v) }

// Stop is what to say at once when a check-in's warning answers reach
// urgent or emergency level, in the assessment's words: the headline, what
// to do now, and why. Nothing else comes before it.
func Stop(res *Result, here emergencynumber.Local) string {
	return report.Body(alertSections(res, here)...)
}

// Text is the check-in's result for people: warning signs first (below
// urgent, where they did not stop the check-in), what was recorded, then
// what it means with each rule's source and who said it.
func Text(res *Result, t *rules.Table, here emergencynumber.Local) string {
	return string(Document(res, t, here, false).Text(false))
}

// TextAfterStop is Text for a check-in whose front end has already shown
// the warning sign's advice (Stop) on the same output, as the line prompts
// do: the advice is named in one line instead of printed a second time.
func TextAfterStop(res *Result, t *rules.Table, here emergencynumber.Local) string {
	return string(Document(res, t, here, res.Stopped).Text(false))
}

// StopsHere ends a check-in that an emergency warning sign stopped, in
// every front end: nothing of the plan follows it.
const StopsHere = "The check-in stops here: self-care can wait until you have been checked."

// The check-in's own sections, beside report's.
const (
	SecRecord  = "record"
	SecMeaning = "meaning"
)

// Document is what the person reads about a check-in, for every renderer:
// the warning signs first, then (unless an emergency stopped it) what was
// recorded, then (unless a warning sign stopped it) the steps ruled out
// and what the follow-up rules make of it. stopShown says a front end has
// shown Stop on the same output already: it is named, not repeated.
func Document(res *Result, t *rules.Table, here emergencynumber.Local, stopShown bool) report.Document {
	d := report.Document{Title: "backtriage check-in", Date: res.Checkin.At.Format("2006-01-02 15:04 (UTC-07:00)")}
	d.Sections = append(d.Sections, report.Section{ID: report.SecDisclaimer, Blocks: report.Paras(triage.Disclaimer)})
	d.Sections = append(d.Sections, warningSections(res, here, stopShown)...)
	if res.Stopped && res.Assessment.Level == rules.Emergency {
		return d
	}
	if rec, ok := recordSection(res, t); ok {
		d.Sections = append(d.Sections, rec)
	}
	if !res.Stopped {
		if len(res.Assessment.Withheld) > 0 {
			d.Sections = append(d.Sections, withheldSection(res.Assessment.Withheld))
		}
		d.Sections = append(d.Sections, meaningSection(res, t))
	}
	return d
}

// alertSections are what to do now and why, when a warning sign stopped
// the check-in.
func alertSections(res *Result, here emergencynumber.Local) []report.Section {
	as := res.Assessment
	info := triage.Info(as.Level)
	now := report.Section{ID: report.SecNow, Blocks: report.Paras(info.Headline+".", here.Annotate(info.Do))}
	pol := triage.PolicyFor(as)
	if pol.Numbers {
		now.Blocks = append(now.Blocks, report.Paras(here.Line())...)
	}
	why := report.Block{Kind: report.Bullets}
	for _, w := range as.Warnings {
		text := w.Rule.Title + ". " + here.Annotate(w.Rule.Action)
		if pol.LesserSignsForTheTeam && w.Level < rules.Emergency {
			// Its own "book a doctor" would read like a reason to wait.
			text = w.Rule.Title + ". Tell the emergency team about this too."
		}
		why.Items = append(why.Items, report.Item{Text: text})
	}
	return []report.Section{now, {ID: report.SecWarnings, Heading: "Why", Blocks: []report.Block{why}}}
}

// warningSections are the warning signs: the advice when they stopped the
// check-in (or a line naming it when it was shown already), else the list,
// or that there are none.
func warningSections(res *Result, here emergencynumber.Local, stopShown bool) []report.Section {
	as := res.Assessment
	emergency := as.Level == rules.Emergency
	switch {
	case res.Stopped && stopShown && emergency:
		return []report.Section{{ID: report.SecNow, Blocks: report.Paras(triage.Info(as.Level).Headline + ". What to do now, and why, is above.")}}
	case res.Stopped && stopShown:
		return []report.Section{{ID: report.SecNow, Blocks: report.Paras(triage.Info(as.Level).Headline+". What to do, and why, is above.",
			"What follows is your record for today; the advice is the warning sign's above.")}}
	case res.Stopped && emergency:
		return append(alertSections(res, here), report.Section{ID: report.SecHeld, Blocks: report.Paras(StopsHere)})
	case res.Stopped:
		return append(alertSections(res, here), report.Section{ID: report.SecHeld,
			Blocks: report.Paras("What follows is your record for today; the advice is the warning sign's above.")})
	}
	warn := report.Section{ID: report.SecWarnings, Heading: "Warning signs"}
	if len(as.Warnings) == 0 {
		warn.Blocks = report.Paras("None today.")
		return []report.Section{warn}
	}
	list := report.Block{Kind: report.Bullets}
	for _, w := range as.Warnings {
		list.Items = append(list.Items, report.Item{Text: fmt.Sprintf("[%s] %s. What to do: %s", w.Level, w.Rule.Title, here.Annotate(w.Rule.Action))})
	}
	warn.Blocks = append(report.Paras("These come first."), list)
	return []report.Section{warn}
}

// recordSection is what was recorded: the pain, the steps done, the note;
// ok is false when there is nothing.
func recordSection(res *Result, t *rules.Table) (report.Section, bool) {
	c := res.Checkin
	list := report.Block{Kind: report.Bullets}
	if c.Pain != nil {
		text := fmt.Sprintf("Pain now: %d out of 10", *c.Pain)
		if c.Compared != "" {
			text += " (" + comparedWords(c.Compared) + ")"
		}
		list.Items = append(list.Items, report.Item{Text: text})
	}
	if len(c.StepsDone) > 0 {
		list.Items = append(list.Items, report.Item{Text: "Steps done: " + stepTitles(c.StepsDone, t)})
		switch {
		case len(res.NotInPlan) == 0:
		case res.NoPlan:
			list.Items = append(list.Items, report.Item{Text: "There is no plan on record, so these are recorded as you gave them."})
		default:
			list.Items = append(list.Items, report.Item{Text: "Not in your current plan (recorded as you gave them): " + stepTitles(res.NotInPlan, t)})
		}
	}
	if c.Note != "" {
		list.Items = append(list.Items, report.Item{Text: "Note:", Detail: report.Quoted(c.Note, report.Plain)})
	}
	if len(list.Items) == 0 {
		return report.Section{}, false
	}
	return report.Section{ID: SecRecord, Heading: "Recorded", Blocks: []report.Block{list}}, true
}

// stepTitles names steps by their titles (an id the table does not know,
// as it is), joined with semicolons.
func stepTitles(ids []string, t *rules.Table) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if s := t.Step(id); s != nil {
			names[i] = s.Title
		}
	}
	return strings.Join(names, "; ")
}

// withheldSection is the steps ruled out for now, and why.
func withheldSection(withheld []triage.Withheld) report.Section {
	list := report.Block{Kind: report.Bullets}
	for _, w := range withheld {
		list.Items = append(list.Items, report.Item{Text: w.Step.Title + ": " + w.Why})
	}
	return report.Section{ID: report.SecHeld, Heading: "Not for now",
		Blocks: append(report.Paras("A warning sign or an answer rules these out."), list)}
}

// meaningSection is what the follow-up rules make of the check-in, each
// with its source, only alongside any warning sign.
func meaningSection(res *Result, t *rules.Table) report.Section {
	sec := report.Section{ID: SecMeaning, Heading: "What it means"}
	if len(res.Assessment.Warnings) > 0 {
		sec.Blocks = report.Paras("Only alongside what the warning signs above say, never instead of it.")
	}
	list := report.Block{Kind: report.Bullets}
	add := func(text string, detail ...report.Line) {
		list.Items = append(list.Items, report.Item{Text: text, Detail: detail})
	}
	switch {
	case res.NoPlan && res.Checkin.EpisodeID == 0:
		add("No assessment was read from a diary (there is none yet, storing is off, or the diary could not be used), so there is no self-care plan to go by here. To get one, run 'backtriage' (or 'backtriage assess --answers FILE'); keep a diary of it with --store or 'backtriage diary start'.")
	case res.NoPlan:
		add("Your last assessment gave no self-care plan (its warning signs came first). Do what it said; for a plan once you have been checked, run 'backtriage' or 'backtriage assess' again.")
	}
	if len(res.Fired) == 0 {
		switch {
		case res.Assessment.Level >= rules.Soon:
			// Never "carry on" beside a warning sign that says to book.
			add("Nothing in the follow-up rules applies yet: do what the warning signs above say.")
		case res.NoPlan:
			add("Nothing in the follow-up rules applies yet.")
		default:
			add("Nothing in the follow-up rules applies yet. Carry on with your plan and check in again tomorrow.")
		}
	}
	for _, r := range res.Fired {
		add(r.Tag()+r.Title+".", firedDetail(r, res, t)...)
	}
	add(triage.AnyTime(res.Assessment.Level))
	sec.Blocks = append(sec.Blocks, list)
	return sec
}

// firedDetail is one follow-up rule's advice, the causes elsewhere when it
// points there, its source and our own suggestion.
func firedDetail(r *rules.FollowupRule, res *Result, t *rules.Table) []report.Line {
	lines := []report.Line{{Text: r.Advice}}
	if r.Outcome == "elsewhere" && len(res.Elsewhere) > 0 {
		lines = append(lines, report.Line{Text: "Muscles elsewhere that send pain where yours is (ask about these):"})
		for i, cause := range res.Elsewhere {
			lines = append(lines, report.Line{Text: fmt.Sprintf("%d. %s", i+1, cause.Title)})
		}
	}
	if src := t.Source(r.Source); src != nil {
		line := fmt.Sprintf("Source: \"%s\" (%s)", r.Quote, src.Title)
		if who := src.Speaker(r.SaidBy); who != "" {
			line = fmt.Sprintf("Source: \"%s\" — %s", r.Quote, who)
		}
		lines = append(lines, report.Line{Text: line, Tone: report.Aside})
	}
	if r.Own != "" {
		lines = append(lines, report.Line{Text: "Our suggestion: " + r.Own, Tone: report.Aside})
	}
	return lines
}

func comparedWords(c string) string {
	switch c {
	case "better":
		return "better than last time"
	case "worse":
		return "worse than last time"
	}
	return "about the same as last time"
}
