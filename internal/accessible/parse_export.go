package accessible

import (
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// ParseAnswer reads one typed answer to q as these prompts do: option
// numbers or ids (several separated by spaces or commas), yes or no, or a
// number. The error is a sentence to show before asking again. Other
// line-by-line prompts (the daily check-in) use it, so the same typing
// works everywhere.
func ParseAnswer(q *questionnaire.Question, line string) (answers.Value, error) {
	return parse(q, line)
}
