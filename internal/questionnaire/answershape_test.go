package questionnaire_test

import (
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Every kind is worded, free text included (the check-in's note).
func TestAnswerShapeWordsEveryKind(t *testing.T) {
	for _, c := range []struct {
		q    questionnaire.Question
		want string
	}{
		{questionnaire.Question{Kind: questionnaire.One}, "one option"},
		{questionnaire.Question{Kind: questionnaire.Many}, "a list of options"},
		{questionnaire.Question{Kind: questionnaire.Number, Min: 16, Max: 120, Unit: "years"}, "a number, 16 to 120 years"},
		{questionnaire.Question{Kind: questionnaire.Number, Min: 0, Max: 10}, "a number, 0 to 10"},
		{questionnaire.Question{Kind: questionnaire.YesNo}, "true or false"},
		{questionnaire.Question{Kind: questionnaire.Text}, "free text"},
	} {
		if got := c.q.AnswerShape(); got != c.want {
			t.Errorf("%s: AnswerShape() = %q, want %q", c.q.Kind, got, c.want)
		}
	}
}
