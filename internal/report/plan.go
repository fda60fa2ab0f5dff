package report

import (
	"strings"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// planBlocks is the self-care plan grouped by when it is done: "Tonight",
// "During the day", "This week", each a numbered list in plan order.
func planBlocks(as *triage.Assessment) []block {
	var out []block
	for _, tm := range rules.StepTimes() {
		b := block{kind: numbered}
		for _, p := range as.Plan {
			if p.Step.TimeOf().ID == tm.ID {
				b.items = append(b.items, planItem(p))
			}
		}
		if len(b.items) > 0 {
			out = append(out, block{kind: label, text: tm.Heading}, b)
		}
	}
	return out
}

// planItem is a step: its how-to's own numbered lines, when it fits, its
// caution, what the tool adds, and what it is for.
func planItem(p triage.PlanStep) item {
	it := item{text: p.Step.Title}
	// Keep the how-to's own lines: they are numbered instructions.
	for _, line := range strings.Split(strings.TrimSpace(p.Step.How), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			it.detail = append(it.detail, line)
		}
	}
	if p.Step.Fits != "" {
		it.detail = append(it.detail, "When it fits: "+p.Step.Fits)
	}
	if p.Step.Caution != "" {
		it.detail = append(it.detail, "Caution: "+p.Step.Caution)
	}
	if p.Step.Own != "" {
		it.detail = append(it.detail, "Our suggestion: "+p.Step.Own)
	}
	if len(p.For) > 0 {
		names := make([]string, len(p.For))
		for i, c := range p.For {
			names[i] = c.Title
		}
		it.detail = append(it.detail, "For: "+strings.Join(names, "; "))
	}
	return it
}
