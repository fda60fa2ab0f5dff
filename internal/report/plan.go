package report

import (
	"strings"

	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// planBlocks is the self-care plan grouped by when it is done: "Tonight",
// "During the day", "This week", each a numbered list in plan order.
func planBlocks(as *triage.Assessment) []Block {
	var out []Block
	for _, tm := range rules.StepTimes() {
		b := Block{Kind: Numbered}
		for _, p := range as.Plan {
			if p.Step.TimeOf().ID == tm.ID {
				b.Items = append(b.Items, planItem(p))
			}
		}
		if len(b.Items) > 0 {
			out = append(out, Block{Kind: LabelBlock, Text: tm.Heading}, b)
		}
	}
	return out
}

// planItem is a step: its how-to's own numbered lines, when it fits, its
// caution, what the tool adds, and what it is for.
func planItem(p triage.PlanStep) Item {
	it := Item{Text: p.Step.Title}
	// Keep the how-to's own lines: they are numbered instructions.
	for _, line := range strings.Split(strings.TrimSpace(p.Step.How), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			it.Detail = append(it.Detail, plain(line))
		}
	}
	if p.Step.Fits != "" {
		it.Detail = append(it.Detail, aside("When it fits: "+p.Step.Fits))
	}
	if p.Step.Caution != "" {
		it.Detail = append(it.Detail, caution("Caution: "+p.Step.Caution))
	}
	if p.Step.Own != "" {
		it.Detail = append(it.Detail, aside("Our suggestion: "+p.Step.Own))
	}
	if len(p.For) > 0 {
		names := make([]string, len(p.For))
		for i, c := range p.For {
			names[i] = c.Title
		}
		it.Detail = append(it.Detail, aside("For: "+strings.Join(names, "; ")))
	}
	return it
}
