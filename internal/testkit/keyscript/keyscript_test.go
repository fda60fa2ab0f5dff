package keyscript_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
)

// small is a questionnaire with what the scripts must handle: a warning
// page, an option past the ninth, and a follow-up shown by an answer.
func small(t *testing.T) *questionnaire.Questionnaire {
	t.Helper()
	var many []questionnaire.Option
	for i := range 11 {
		many = append(many, questionnaire.Option{ID: fmt.Sprintf("o%d", i+1), Label: fmt.Sprint(i + 1)})
	}
	qn, err := questionnaire.New([]*questionnaire.Page{
		{ID: "warning", Questions: []*questionnaire.Question{
			{ID: "warn", Kind: questionnaire.Many, Warning: true, Options: []questionnaire.Option{
				{ID: "sign", Label: "A sign"}, {ID: "none", Label: "None of these", Exclusive: true}}},
			{ID: "age", Kind: questionnaire.Number, Warning: true, Min: 1, Max: 120},
		}},
		{ID: "where", Questions: []*questionnaire.Question{
			{ID: "spot", Kind: questionnaire.Many, Options: many},
			{ID: "why", Kind: questionnaire.One, ShowIf: &questionnaire.ShowIf{Question: "spot", AnyOf: []string{"o2"}},
				Options: []questionnaire.Option{{ID: "a", Label: "A"}, {ID: "b", Label: "B"}}},
			{ID: "side", Kind: questionnaire.YesNo},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return qn
}

func TestScriptKeys(t *testing.T) {
	qn := small(t)
	s := keyscript.New(t, qn)
	if got, want := s.NoWarnings(42).Keys(), []string{"2", "tab", "4", "2", "right"}; !slices.Equal(got, want) {
		t.Errorf("no warnings: %q, want %q", got, want)
	}
	// The eleventh option by cursor; the follow-up shown after o2 is
	// reached by tab before "side", and skipped when not wanted.
	got := s.Choose("spot", "o2", "o11").Choose("why", "b").Choose("side", "no").Keys()
	want := []string{"2", "g", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "space", "tab", "2", "tab", "2"}
	if !slices.Equal(got, want) {
		t.Errorf("where: %q, want %q", got, want)
	}
	a := s.Answers()
	if !a.Has("spot", "o2") || !a.Has("spot", "o11") || !a.Has("why", "b") || !a.Has("side", "no") || *a["age"].Number != 42 {
		t.Errorf("answers %v", a)
	}
	// Choosing again what is chosen presses nothing; unticking does.
	if got := s.Choose("spot", "o11").Keys(); !slices.Equal(got, []string{"shift+tab", "shift+tab", "2"}) {
		t.Errorf("untick o2: %q", got)
	}
	if got := s.ToReview().Keys(); !slices.Equal(got, []string{"right"}) || s.Page() != "" {
		t.Errorf("to the review: %q, page %q", got, s.Page())
	}
}

func TestFillFollowsShowIf(t *testing.T) {
	qn := small(t)
	a := keyscript.With(t, qn, keyscript.NoWarnings(t, qn, 30), "spot", "o1", "why", "a", "side", "yes")
	s := keyscript.New(t, qn).NoWarnings(30)
	s.Keys()
	// "why" is not shown for o1: Fill leaves it out.
	if got := s.Fill(a).Keys(); !slices.Equal(got, []string{"1", "tab", "1", "right"}) {
		t.Errorf("fill: %q", got)
	}
	if s.Answers().Answered("why") {
		t.Error("a follow-up that is not shown was answered")
	}
}

func TestResumeAndLines(t *testing.T) {
	qn := small(t)
	saved := answers.Answers{"warn": answers.Choices("none")}
	s := keyscript.Resume(t, qn, saved)
	if got := s.NoWarnings(50).Keys(); !slices.Equal(got, []string{"5", "0", "right"}) {
		t.Errorf("resume at the age: %q", got)
	}
	a := keyscript.With(t, qn, keyscript.NoWarnings(t, qn, 50), "spot", "o2,o10", "side", "no")
	if got, want := keyscript.Lines(t, qn, a), []string{"2", "50", "2 10", "", "2"}; !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
	if got := keyscript.LinesUntil(t, qn, a, "age"); !slices.Equal(got, []string{"2", "50"}) {
		t.Errorf("lines until age %q", got)
	}
	if got := keyscript.LinesAfter(t, qn, a, "spot"); !slices.Equal(got, []string{"", "2"}) {
		t.Errorf("lines after spot %q", got)
	}
	if got := keyscript.WarningLines(t, qn, a); !slices.Equal(got, []string{"2", "50"}) {
		t.Errorf("warning lines %q", got)
	}
}
