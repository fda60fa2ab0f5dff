package rules

import "github.com/backtriage/backtriage/internal/questionnaire"

// OptionRef is one option a condition names.
type OptionRef struct{ Question, Option string }

// Refs lists the options a condition names, in the order written, whether
// under all, any or not. Number ranges name no option. The clinical safety
// document uses it to show which rules each warning option reaches.
func (c *Cond) Refs(qn *questionnaire.Questionnaire) []OptionRef {
	if c == nil {
		return nil
	}
	var out []OptionRef
	if c.op == opHas {
		q := qn.Questions()[c.q]
		for _, id := range OptionIDs(q, c.mask) {
			out = append(out, OptionRef{q.ID, id})
		}
	}
	for _, k := range c.kids {
		out = append(out, k.Refs(qn)...)
	}
	return out
}
