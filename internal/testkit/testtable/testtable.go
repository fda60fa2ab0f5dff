// Package testtable helps tests build small rule tables. A table must give
// every warning-sign option a level before it loads (rules.Load refuses one
// that does not); tests about other things add WarningRules as a file of
// their table instead of listing every option by hand, so new warning options
// need no test edits.
package testtable

import (
	"fmt"
	"slices"
	"strings"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// WarningRuleID is the id of the rule WarningRules writes.
const WarningRuleID = "test-other-warning-signs"

// WarningRules is a rule file with one urgent rule that fires on every
// option of the warning-sign questions that is not exclusive ("none",
// "don't know") and not in covered: the options the test's own rules give a
// level, so that only those rules fire on them. source must be a guideline
// source of the table.
func WarningRules(qn *questionnaire.Questionnaire, source string, covered ...string) []byte {
	var any []string
	for _, q := range qn.Questions() {
		if !q.Warning || (q.Kind != questionnaire.One && q.Kind != questionnaire.Many) {
			continue
		}
		var ids []string
		for _, o := range q.Options {
			if !o.Exclusive && !slices.Contains(covered, o.ID) {
				ids = append(ids, o.ID)
			}
		}
		if len(ids) > 0 {
			any = append(any, fmt.Sprintf("{%s: [%s]}", q.ID, strings.Join(ids, ", ")))
		}
	}
	return fmt.Appendf(nil, `rules:
  - id: %s
    title: Another warning sign
    when: {any: [%s]}
    level: urgent
    action: See a doctor today.
    source: %s
    quote: warning sign
`, WarningRuleID, strings.Join(any, ", "), source)
}
