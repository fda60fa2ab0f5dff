package questionnaire_test

import (
	"reflect"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// BenchmarkFromSnapshot is what start-up pays for the questionnaire and
// the follow-up facts and the dialogs (questionnaire.Default, once).
func BenchmarkFromSnapshot(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := questionnaire.FromSnapshot(backtriage.RuleSnapshot()); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRecordsRoundTrip(t *testing.T) {
	for _, qn := range []*questionnaire.Questionnaire{questionnaire.Default(), questionnaire.Followup()} {
		again, err := questionnaire.FromRecords(qn.Records())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(again.Pages, qn.Pages) {
			t.Errorf("%s: records do not round-trip", qn.Pages[0].ID)
		}
	}
}
