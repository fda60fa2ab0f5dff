// Package safetydoc writes the clinical safety document: the rule table as a
// clinician reviews it. Every warning question and option with the rules it
// reaches, each warning rule's level beside the level its guidance gives and
// any departure, the "get help" lines, and every cause and self-care step
// with its source. `backtriage rules doc` writes it to
// docs/clinical-safety.md, and a test keeps the file equal to the table.
package safetydoc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// Path is where the document lives in the repository.
const Path = "docs/clinical-safety.md"

// Render writes the document for a table. It is deterministic: the same
// table gives the same bytes. qn is the questionnaire the table was
// compiled against (Table.Questionnaire).
func Render(qn *questionnaire.Questionnaire, t *rules.Table) []byte {
	d := &doc{qn: qn, t: t}
	d.intro()
	d.musclePattern()
	d.warningQuestions()
	d.warningRules()
	d.helpLines()
	d.causes()
	d.steps()
	d.sources()
	d.followup()
	d.routines()
	d.questions()
	return []byte(d.b.String())
}

type doc struct {
	b  strings.Builder
	qn *questionnaire.Questionnaire
	t  *rules.Table
}

func (d *doc) p(format string, args ...any) { fmt.Fprintf(&d.b, format+"\n", args...) }

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "|", `\|`)
}

func (d *doc) intro() {
	d.p("# Clinical safety review: the backtriage rule table")
	d.p("")
	d.p("Generated from `rules/*.yaml` by `backtriage rules doc`; do not edit by hand (a test fails when it")
	d.p("differs from the table). backtriage suggests; it does not diagnose. This document is for a")
	d.p("physiotherapist or doctor checking what the tool asks, what level each answer reaches, and on whose")
	d.p("word.")
	d.p("")
	d.p("How to read it:")
	d.p("")
	d.p("- **Level** is what the tool says: `emergency` (call the local emergency number now), `urgent`")
	d.p("  (see a doctor today), `soon` (book a doctor or physiotherapist), `self-care`. The highest level")
	d.p("  any rule reaches wins, and a warning sign always comes before self-care.")
	d.p("- **Guidance** is the level the cited page gives for the quoted sign. Where the page lists a sign")
	d.p("  as a red flag without a timescale, it counts as `soon`. A rule below its guidance must give a")
	d.p("  **departure** saying why; the rule loader refuses the table otherwise.")
	d.p("- **Suspects** are the hazards a warning sign raises; self-care steps unsafe with any of them are")
	d.p("  left out of the plan, with the warning named as the reason.")
	d.p("- At emergency level no likely causes and no self-care plan are shown, on screen or in any export.")
	d.p("- Quotes are verbatim: a test checks each against the stored page text in `testdata/guidance/`")
	d.p("  (guidance) or the articles in `shared/seeds/` (self-care and causes).")
	d.p("")
}

// levelled lists the warning rules, most urgent first, in table order
// within a level.
func (d *doc) levelled() []*rules.Rule {
	var out []*rules.Rule
	for _, r := range d.t.Rules {
		if r.IsWarning() {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b *rules.Rule) int { return int(b.LevelOf()) - int(a.LevelOf()) })
	return out
}

func guidance(r *rules.Rule) string {
	if g, ok := r.GuidanceLevelOf(); ok {
		return g.String()
	}
	return "(not given)"
}

func (d *doc) warningQuestions() {
	d.p("## 1. Warning questions and the rules each option reaches")
	d.p("")
	d.p("Asked first, before anything else. An option that matters only together with another answer")
	d.p("(a blood clot risk with pain on breathing, say) reaches the combined rule.")
	d.p("")
	reach := map[rules.OptionRef][]*rules.Rule{}
	for _, r := range d.levelled() {
		for _, ref := range r.When.Refs(d.qn) {
			if !slices.Contains(reach[ref], r) {
				reach[ref] = append(reach[ref], r)
			}
		}
	}
	for _, q := range d.qn.Questions() {
		if !q.Warning {
			continue
		}
		d.p("### %s (`%s`)", q.Prompt, q.ID)
		d.p("")
		if q.Kind == questionnaire.Number {
			var names []string
			for _, r := range d.levelled() {
				if strings.Contains(r.When.Text, q.ID+":") {
					names = append(names, fmt.Sprintf("`%s` (%s)", r.ID, r.LevelOf()))
				}
			}
			d.p("A number (%d to %d %s). Rules: %s.", q.Min, q.Max, q.Unit, strings.Join(names, ", "))
			d.p("")
			continue
		}
		d.p("| Option | Rule (level) |")
		d.p("|---|---|")
		for _, o := range q.Options {
			if o.Exclusive {
				continue
			}
			var names []string
			for _, r := range reach[rules.OptionRef{Question: q.ID, Option: o.ID}] {
				names = append(names, fmt.Sprintf("`%s` (%s)", r.ID, r.LevelOf()))
			}
			if len(names) == 0 {
				names = []string{"**none**"}
			}
			d.p("| %s (`%s`) | %s |", cell(o.Label), o.ID, strings.Join(names, "<br>"))
		}
		d.p("")
	}
}

func (d *doc) warningRules() {
	d.p("## 2. Warning rules")
	d.p("")
	d.p("| Rule | Fires when | Level | Guidance | Suspects | Source: quote | Departure |")
	d.p("|---|---|---|---|---|---|---|")
	for _, r := range d.levelled() {
		src := d.t.Source(r.Source)
		dep := r.Departure
		if g, ok := r.GuidanceLevelOf(); ok && dep == "" {
			dep = "—"
			if r.LevelOf() > g {
				dep = "stricter than the guidance"
			}
		}
		suspects := strings.Join(r.Suspects, ", ")
		if suspects == "" {
			suspects = "none: asks for an assessment only"
		}
		d.p("| **%s**<br>`%s` | `%s` | %s | %s | %s | %s: \"%s\" | %s |",
			cell(r.Title), r.ID, cell(r.When.Text), r.LevelOf(), guidance(r), suspects,
			cell(sourceName(src)), cell(r.Quote), cell(dep))
	}
	d.p("")
	d.p("What each warning rule tells the person to do:")
	d.p("")
	for _, r := range d.levelled() {
		d.p("- `%s`: %s", r.ID, cell(r.Action))
	}
	d.p("")
	d.p("When a rule fires, the rules it replaces (lesser rules about the same sign) are not listed")
	d.p("beside it, so each sign is read once; the level is never lower for it:")
	d.p("")
	for _, r := range d.levelled() {
		if len(r.Replaces) > 0 {
			d.p("- `%s` replaces `%s`", r.ID, strings.Join(r.Replaces, "`, `"))
		}
	}
	d.p("")
}

func (d *doc) helpLines() {
	d.p("## 3. \"When to get help\" lines")
	d.p("")
	d.p("Shown with the results when their condition holds, and hidden once the assessment reaches the")
	d.p("level in \"hidden at\" (no \"book a doctor if it lasts six weeks\" beside \"call the emergency")
	d.p("number now\").")
	d.p("")
	d.p("| Rule | Shown when | Hidden at | Line | Source: quote | Guidance / departure |")
	d.p("|---|---|---|---|---|---|")
	for _, r := range d.t.Rules {
		if r.SeekHelp == "" {
			continue
		}
		hidden := r.ShownBelow
		if hidden == "" {
			hidden = "never"
		}
		gd := "—"
		if _, ok := r.GuidanceLevelOf(); ok {
			gd = guidance(r)
			if r.Departure != "" {
				gd += ": " + r.Departure
			}
		}
		d.p("| `%s` | `%s` | %s | %s | %s: \"%s\" | %s |", r.ID, cell(r.When.Text), hidden, cell(r.SeekHelp),
			cell(sourceName(d.t.Source(r.Source))), cell(r.Quote), cell(gd))
	}
	d.p("")
}

func (d *doc) causes() {
	d.p("## 4. Causes")
	d.p("")
	d.p("A cause is ranked only from rules that fire; at emergency level none is shown.")
	d.p("")
	d.p("| Cause | Kind | Ranked by rules | Source: quote |")
	d.p("|---|---|---|---|")
	for _, c := range d.t.Causes {
		var by []string
		for _, r := range d.t.Rules {
			if r.Cause == c.ID {
				by = append(by, fmt.Sprintf("`%s` (+%d)", r.ID, r.Weight))
			}
		}
		d.p("| **%s**<br>`%s` | %s | %s | %s: \"%s\" |", cell(c.Title), c.ID, c.Kind, strings.Join(by, ", "),
			cell(sourceName(d.t.Source(c.Source))), cell(c.Quote))
	}
	d.p("")
}

func (d *doc) steps() {
	d.p("## 5. Self-care steps")
	d.p("")
	d.p("| Step | Unsafe with | Left out when | Source: quote |")
	d.p("|---|---|---|---|")
	for _, s := range d.t.Steps {
		avoid := "—"
		if s.AvoidWhen != nil {
			avoid = "`" + cell(s.AvoidWhen.Text) + "`"
		}
		unsafe := strings.Join(s.UnsafeWith, ", ")
		if unsafe == "" {
			unsafe = "—"
		}
		d.p("| **%s**<br>`%s` | %s | %s | %s: \"%s\" |", cell(s.Title), s.ID, unsafe, avoid,
			cell(sourceName(d.t.Source(s.Source))), cell(s.Quote))
	}
	d.p("")
}

func (d *doc) sources() {
	d.p("## 6. Sources")
	d.p("")
	d.p("| Source | Kind | Publisher | Page | Quoted text read at |")
	d.p("|---|---|---|---|---|")
	for _, s := range d.t.Sources {
		seen := s.SeenAt
		switch {
		case s.Seed != "":
			seen = "shared/seeds/" + s.Seed
		case seen == "":
			seen = "—"
		}
		d.p("| %s (`%s`) | %s | %s | %s | %s |", cell(s.Title), s.ID, s.Kind, cell(s.Publisher), cell(s.URL), cell(seen))
	}
}

func sourceName(s *rules.Source) string {
	if s == nil {
		return "(unknown)"
	}
	if s.Publisher != "" {
		return s.Publisher + ", " + s.Title
	}
	return s.Title
}

// patternRules are the rules that hold self-care to the muscle pattern, in
// the order the paragraph explains them.
var patternRules = []string{"soon-not-muscle-pattern", "urgent-thoracic-pain-not-muscle", "urgent-not-muscle-red-flag"}

// musclePattern explains the gate that keeps self-care to pain that fits a
// muscle, for a physiotherapist to check, with the rules that make it.
func (d *doc) musclePattern() {
	d.p("## The muscle pattern: when self-care is offered")
	d.p("")
	d.p("Self-care is offered only when the pain fits a strained muscle; the pattern decides, not the")
	d.p("absence of a ticked warning sign. Muscle pain has a trigger that loads muscles (a night in one")
	d.p("position, a strain, new or heavy activity, posture) and changes: it is worse on waking and eases")
	d.p("as the person moves or through the day, or it changes with movement, position, pressure or rest,")
	d.p("or it is a knot, a spasm or stiffness, or it hurts to twist or reach. Under 50, pain that builds")
	d.p("through a day at a desk or slouched also counts. When the person has said when it hurts or what")
	d.p("changes it, and none of that is the muscle pattern, or says that nothing changes it, the pain")
	d.p("does not fit a muscle: the level is at least `soon`, and `urgent` between the shoulders (the NHS")
	d.p("line the tool otherwise lowers for muscle pain) or with a sudden start, nothing that changes it,")
	d.p("night pain, severe pain, an infection risk, or age 50 or over or under 20. A question left")
	d.p("unanswered counts neither way. At `urgent` level for a cause that is not a muscle, causes and")
	d.p("self-care are held back until a doctor has seen the person.")
	d.p("")
	for _, id := range patternRules {
		for _, r := range d.t.Rules {
			if r.ID == id {
				d.p("`%s` (%s), when:", r.ID, r.LevelOf())
				d.p("")
				d.p("```yaml")
				d.p("%s", dedent(r.When.Text))
				d.p("```")
				d.p("")
			}
		}
	}
}

// dedent lays out a condition as written in YAML from its first line: the
// text starts at its key, so the lines under it keep their own indentation,
// less what they had in the file beyond the two spaces a child takes.
func dedent(text string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	cut := -1
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := len(l) - len(strings.TrimLeft(l, " ")); cut < 0 || n < cut {
			cut = n
		}
	}
	if cut > 2 {
		for i := 1; i < len(lines); i++ {
			if len(lines[i]) >= cut-2 {
				lines[i] = lines[i][cut-2:]
			}
		}
	}
	return strings.Join(lines, "\n")
}
