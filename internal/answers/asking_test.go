package answers_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

func TestToggleExclusive(t *testing.T) {
	q, _ := questionnaire.Default().Question("warning_now")
	v := answers.Toggle(q, answers.Value{}, "breathless")
	v = answers.Toggle(q, v, "chest_pain")
	if !slices.Equal(v.Options, []string{"chest_pain", "breathless"}) {
		t.Fatalf("order: %v", v.Options)
	}
	if v = answers.Toggle(q, v, "none"); !slices.Equal(v.Options, []string{"none"}) {
		t.Fatalf("none: %v", v.Options)
	}
	if v = answers.Toggle(q, v, "fainting"); !slices.Equal(v.Options, []string{"fainting"}) {
		t.Fatalf("after none: %v", v.Options)
	}
	if v = answers.Toggle(q, v, "fainting"); len(v.Options) != 0 {
		t.Fatalf("untick: %v", v.Options)
	}
}

func TestMissingAndVisible(t *testing.T) {
	qn := questionnaire.Default()
	a := answers.Answers{"warning_now": answers.Choices("none")}
	// Three of the first four warning questions, and the six added later.
	if got := len(answers.Missing(qn, a, qn.Pages[0])); got != 9 {
		t.Errorf("missing %d, want 9", got)
	}
	day := qn.Pages[qn.PageIndex("day")]
	n := len(answers.Visible(qn, a, day))
	a["baby"] = answers.Bool(true)
	if len(answers.Visible(qn, a, day)) != n+1 {
		t.Error("the follow-up does not show")
	}
	if qn.PageIndex("no-such-page") != -1 {
		t.Error("PageIndex of an unknown page")
	}
}

func TestChooseAndFirstUnfinished(t *testing.T) {
	qn := questionnaire.Default()
	baby, _ := qn.Question("baby")
	if v := answers.Choose(baby, "yes"); v.Yes == nil || !*v.Yes {
		t.Errorf("yes chose %v", v)
	}
	side, _ := qn.Question("pain_side")
	if v := answers.Choose(side, "left"); !slices.Equal(v.Options, []string{"left"}) {
		t.Errorf("left chose %v", v)
	}
	if i := answers.FirstUnfinished(qn, answers.Answers{}); i != 0 {
		t.Errorf("nothing answered: page %d", i)
	}
}

func TestParseNumber(t *testing.T) {
	q, _ := questionnaire.Default().Question("age")
	if n, err := answers.ParseNumber(q, " 42 "); err != nil || n != 42 {
		t.Error(n, err)
	}
	for _, bad := range []string{"0", "121", "4x", ""} {
		_, err := answers.ParseNumber(q, bad)
		var ne *answers.NumberError
		if !errors.As(err, &ne) {
			t.Fatalf("%q: %v", bad, err)
		}
		// A sentence to show as it is: it says the range and ends with a stop.
		if msg := err.Error(); !strings.Contains(msg, "from 1 to 120") || !strings.HasSuffix(msg, ".") {
			t.Errorf("%q: %q", bad, msg)
		}
	}
}
