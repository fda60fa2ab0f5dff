package safetydoc

import (
	"fmt"
	"strings"
)

// followup lists the follow-up rules a check-in runs, after its warning-sign
// questions, and what each tells the person.
func (d *doc) followup() {
	if len(d.t.Followup) == 0 {
		return
	}
	d.p("")
	d.p("## 7. Follow-up rules (daily check-ins)")
	d.p("")
	d.p("A check-in asks the warning questions of section 1 first, with the same rules and levels; at urgent or")
	d.p("emergency level the warning is the advice and none of these rules runs. Otherwise every rule that holds")
	d.p("is shown, most serious outcome first (retriage, professional, elsewhere, carry-on). The check-in's level")
	d.p("is the highest of its warning signs' and the fired rules' levels (shown under the outcome).")
	d.p("")
	d.p("| Rule | When | Outcome | Advice | Source: quote | Our own |")
	d.p("|---|---|---|---|---|---|")
	for _, r := range d.t.Followup {
		own := "—"
		if r.Own != "" {
			own = cell(r.Own)
		}
		when := ""
		if r.When != nil {
			when = "`" + cell(r.When.Text) + "`"
		}
		d.p("| **%s**<br>`%s` | %s | %s<br>level %s | %s | %s: \"%s\" | %s |", cell(r.Title), r.ID, when, r.Outcome, r.LevelOf(), cell(r.Advice),
			cell(sourceName(d.t.Source(r.Source))), cell(r.Quote), own)
	}
}

// routines lists the timed routines of `backtriage guide` and where their
// timings come from.
func (d *doc) routines() {
	var rows []string
	for _, s := range d.t.Steps {
		r := s.Routine
		if r == nil {
			continue
		}
		var phases []string
		for _, p := range r.Phases {
			phases = append(phases, fmt.Sprintf("%s %ds", p.Name, p.Seconds))
		}
		from := "—"
		if r.Quote != "" {
			from = "\"" + cell(r.Quote) + "\""
		}
		own := "—"
		if r.Own != "" {
			own = cell(r.Own)
		}
		rows = append(rows, fmt.Sprintf("| `%s` | %s × %d | %s | %s |", s.ID, cell(strings.Join(phases, ", ")), r.RoundsOf(), from, own))
	}
	if len(rows) == 0 {
		return
	}
	d.p("")
	d.p("## 8. Guided routines (timings)")
	d.p("")
	d.p("Offered only for steps in the plan that no warning sign or answer rules out; none after an emergency.")
	d.p("")
	d.p("| Step | Phases × rounds | Timing quoted from the step's source | Our own |")
	d.p("|---|---|---|---|")
	for _, row := range rows {
		d.p("%s", row)
	}
}
