package triage

import (
	"slices"
	"strings"
)

// BecauseText is the answers behind a finding, a reason or a cause in
// words, each once, in the order given: "Where it hurts: Between the
// shoulder blades; Sleep position: On my side". Every view and summary
// builds its "because you said" from it, so they say the same.
func BecauseText(fs []Fact) string {
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		s := f.Question.Short + ": " + f.Text
		if !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

// Because is the "because you said" line for the answers.
func Because(fs []Fact) string { return "Because you said: " + BecauseText(fs) }

// Facts is every answer behind the cause, over all its rules, each once.
func (c RankedCause) Facts() []Fact {
	var fs []Fact
	for _, r := range c.Reasons {
		for _, f := range r.Because {
			if !slices.ContainsFunc(fs, func(g Fact) bool { return g.Question == f.Question && g.Text == f.Text }) {
				fs = append(fs, f)
			}
		}
	}
	return fs
}
