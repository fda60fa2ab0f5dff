package checkin

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

func jsonBytes(v any) ([]byte, error) { return json.Marshal(v) }

// out is the check-in's text as written: wrapped, then through
// textwrap.SafeLines, the output boundary: no character of a note or a
// rule table's text reaches the terminal as a control.
func out(s string) string { return textwrap.SafeLines(textwrap.Block(s, textwrap.Width)) }

// Stop is what to say at once when a check-in's warning answers reach
// urgent or emergency level, in the assessment's words: the headline, what
// to do now, and why. Nothing else comes before it.
func Stop(res *Result, here emergencynumber.Local) string {
	as := res.Assessment
	info := triage.Info(as.Level)
	var b strings.Builder
	b.WriteString(info.Headline + ".\n")
	b.WriteString(here.Annotate(info.Do) + "\n")
	if as.Level == rules.Emergency {
		b.WriteString(here.Line() + "\n")
	}
	b.WriteString("\nWhy:\n")
	for _, w := range as.Warnings {
		if as.Level == rules.Emergency && w.Level < rules.Emergency {
			b.WriteString("- " + w.Rule.Title + ". Tell the emergency team about this too.\n")
			continue
		}
		b.WriteString("- " + w.Rule.Title + ". " + here.Annotate(w.Rule.Action) + "\n")
	}
	return out(b.String())
}

// Text is the check-in's result for people: warning signs first (below
// urgent, where they did not stop the check-in), what was recorded, then
// what it means with each rule's source and who said it.
func Text(res *Result, t *rules.Table, here emergencynumber.Local) string {
	return text(res, t, here, false)
}

// TextAfterStop is Text for a check-in whose front end has already shown
// the warning sign's advice (Stop) on the same output, as the line prompts
// do: the advice is named in one line instead of printed a second time.
func TextAfterStop(res *Result, t *rules.Table, here emergencynumber.Local) string {
	return text(res, t, here, res.Stopped)
}

// StopsHere ends a check-in that an emergency warning sign stopped, in
// every front end: nothing of the plan follows it.
const StopsHere = "The check-in stops here: self-care can wait until you have been checked."

func text(res *Result, t *rules.Table, here emergencynumber.Local, stopShown bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Check-in, %s\n", res.Checkin.At.Format("2006-01-02 15:04 (UTC-07:00)"))
	b.WriteString(triage.Disclaimer + "\n\n")
	if res.Stopped && res.Assessment.Level == rules.Emergency {
		if stopShown {
			b.WriteString(triage.Info(res.Assessment.Level).Headline + ". What to do now, and why, is above.\n")
			return out(b.String())
		}
		b.WriteString(Stop(res, here))
		b.WriteString("\n" + StopsHere + "\n")
		return out(b.String())
	}
	if stopShown {
		b.WriteString(triage.Info(res.Assessment.Level).Headline + ". What to do, and why, is above.\n")
		b.WriteString("What follows is your record for today; the advice is the warning sign's above.\n\n")
	} else {
		writeWarnings(&b, res, here)
	}
	writeRecord(&b, res, t)
	if !res.Stopped {
		writeWithheld(&b, res.Assessment.Withheld)
		writeMeaning(&b, res, t)
	}
	return out(b.String())
}

// writeWarnings is the warning signs: what to do now when they stopped the
// check-in (at urgent level), else the list, or that there are none.
func writeWarnings(b *strings.Builder, res *Result, here emergencynumber.Local) {
	as := res.Assessment
	switch {
	case res.Stopped:
		b.WriteString(Stop(res, here))
		b.WriteString("\nWhat follows is your record for today; the advice is the warning sign's above.\n\n")
	case len(as.Warnings) > 0:
		b.WriteString("Warning signs (these come first):\n")
		for _, w := range as.Warnings {
			fmt.Fprintf(b, "- [%s] %s. What to do: %s\n", w.Level, w.Rule.Title, here.Annotate(w.Rule.Action))
		}
		b.WriteString("\n")
	default:
		b.WriteString("Warning signs: none today.\n\n")
	}
}

// writeRecord is what was recorded: the pain, the steps done, the note.
func writeRecord(b *strings.Builder, res *Result, t *rules.Table) {
	c := res.Checkin
	if c.Pain != nil {
		fmt.Fprintf(b, "Pain now: %d out of 10", *c.Pain)
		if c.Compared != "" {
			fmt.Fprintf(b, " (%s)", comparedWords(c.Compared))
		}
		b.WriteString("\n")
	}
	if len(c.StepsDone) > 0 {
		b.WriteString("Steps done: " + stepTitles(c.StepsDone, t) + "\n")
		writeNotInPlan(b, res, t)
	}
	if c.Note != "" {
		// Hung under its first line: a line break in the note cannot
		// start a line of ours.
		b.WriteString("Note: " + textwrap.SafeBlock(c.Note, "      ") + "\n")
	}
}

// writeNotInPlan says which steps done are not in the current plan: they
// are recorded as given, and the plan is what the assessment suggested.
func writeNotInPlan(b *strings.Builder, res *Result, t *rules.Table) {
	if len(res.NotInPlan) == 0 {
		return
	}
	if res.NoPlan {
		b.WriteString("There is no plan on record, so these are recorded as you gave them.\n")
		return
	}
	b.WriteString("Not in your current plan (recorded as you gave them): " + stepTitles(res.NotInPlan, t) + "\n")
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

// writeWithheld is the steps ruled out for now, and why.
func writeWithheld(b *strings.Builder, withheld []triage.Withheld) {
	if len(withheld) == 0 {
		return
	}
	b.WriteString("Not for now (a warning sign or an answer rules these out):\n")
	for _, w := range withheld {
		b.WriteString("- " + w.Step.Title + ": " + w.Why + "\n")
	}
}

// writeMeaning is what the follow-up rules make of the check-in, each
// with its source, only alongside any warning sign.
func writeMeaning(b *strings.Builder, res *Result, t *rules.Table) {
	b.WriteString("\nWhat it means:\n")
	if len(res.Assessment.Warnings) > 0 {
		b.WriteString("Only alongside what the warning signs above say, never instead of it.\n")
	}
	switch {
	case res.NoPlan && res.Checkin.EpisodeID == 0:
		b.WriteString("- No assessment was read from a diary (there is none yet, storing is off, or the diary could not be used), so there is no self-care plan to go by here. To get one, run 'backtriage' (or 'backtriage assess --answers FILE'); keep a diary of it with --store or 'backtriage diary start'.\n")
	case res.NoPlan:
		b.WriteString("- Your last assessment gave no self-care plan (its warning signs came first). Do what it said; for a plan once you have been checked, run 'backtriage' or 'backtriage assess' again.\n")
	}
	if len(res.Fired) == 0 {
		switch {
		case res.Assessment.Level >= rules.Soon:
			// Never "carry on" beside a warning sign that says to book.
			b.WriteString("- Nothing in the follow-up rules applies yet: do what the warning signs above say.\n")
		case res.NoPlan:
			b.WriteString("- Nothing in the follow-up rules applies yet.\n")
		default:
			b.WriteString("- Nothing in the follow-up rules applies yet. Carry on with your plan and check in again tomorrow.\n")
		}
	}
	for _, r := range res.Fired {
		writeFired(b, r, res, t)
	}
	b.WriteString("- " + triage.AnyTime(res.Assessment.Level) + "\n")
}

// writeFired is one follow-up rule's advice, the causes elsewhere when it
// points there, its source and our own suggestion.
func writeFired(b *strings.Builder, r *rules.FollowupRule, res *Result, t *rules.Table) {
	fmt.Fprintf(b, "- %s%s.\n  %s\n", r.Tag(), r.Title, r.Advice)
	if r.Outcome == "elsewhere" && len(res.Elsewhere) > 0 {
		b.WriteString("  Muscles elsewhere that send pain where yours is (ask about these):\n")
		for i, cause := range res.Elsewhere {
			fmt.Fprintf(b, "  %d. %s\n", i+1, cause.Title)
		}
	}
	if src := t.Source(r.Source); src != nil {
		line := fmt.Sprintf("  Source: \"%s\" (%s", r.Quote, src.Title)
		if who := src.Speaker(r.SaidBy); who != "" {
			line = fmt.Sprintf("  Source: \"%s\" — %s", r.Quote, who)
		} else {
			line += ")"
		}
		b.WriteString(line + "\n")
	}
	if r.Own != "" {
		b.WriteString("  Our suggestion: " + r.Own + "\n")
	}
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
