package answers_test

import (
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// A JSON summary (it has "schema") reopens as answers: the same answers as
// the file it was made from.
func TestJSONSummaryReadsAsAnswers(t *testing.T) {
	qn := questionnaire.Default()
	for _, c := range [][2]string{
		{"../../testdata/golden/charlotte.json", "../../testdata/readers/charlotte.yaml"},
		{"../../testdata/golden/emergency.json", "../../testdata/golden/emergency.yaml"},
	} {
		got, err := answers.ReadFile(c[0], nil, qn)
		if err != nil {
			t.Fatalf("%s: %v", c[0], err)
		}
		want, err := answers.ReadFile(c[1], nil, qn)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d answers, want %d", c[0], len(got), len(want))
		}
		for id, v := range want {
			if answers.Text(mustQ(t, qn, id), got[id]) != answers.Text(mustQ(t, qn, id), v) {
				t.Errorf("%s: %s = %v, want %v", c[0], id, got[id], v)
			}
		}
	}
	// A plain answers file that happens to lack "schema" is unchanged, and
	// one with "schema" but no answers is still an error with a place.
	if _, err := answers.Parse("x.json", []byte(`{"schema": 1}`), qn); err == nil {
		t.Error("a document with only schema was accepted")
	}
}

func mustQ(t *testing.T, qn *questionnaire.Questionnaire, id string) *questionnaire.Question {
	q, ok := qn.Question(id)
	if !ok {
		t.Fatalf("no question %s", id)
	}
	return q
}
