package flow

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
)

func TestToggleExclusive(t *testing.T) {
	q, _ := questionnaire.Default().Question("warning_now")
	v := Toggle(q, answers.Value{}, "breathless")
	v = Toggle(q, v, "chest_pain")
	if !slices.Equal(v.Options, []string{"chest_pain", "breathless"}) {
		t.Fatalf("order: %v", v.Options)
	}
	if v = Toggle(q, v, "none"); !slices.Equal(v.Options, []string{"none"}) {
		t.Fatalf("none: %v", v.Options)
	}
	if v = Toggle(q, v, "fainting"); !slices.Equal(v.Options, []string{"fainting"}) {
		t.Fatalf("after none: %v", v.Options)
	}
	if v = Toggle(q, v, "fainting"); len(v.Options) != 0 {
		t.Fatalf("untick: %v", v.Options)
	}
}

func TestMissingAndVisible(t *testing.T) {
	qn := questionnaire.Default()
	a := answers.Answers{"warning_now": answers.Choices("none")}
	// Three of the first four warning questions, and the six added later.
	if got := len(Missing(qn, a, qn.Pages[0])); got != 9 {
		t.Errorf("missing %d, want 9", got)
	}
	day := qn.Pages[PageIndex(qn, "day")]
	n := len(Visible(qn, a, day))
	a["baby"] = answers.Bool(true)
	if len(Visible(qn, a, day)) != n+1 {
		t.Error("the follow-up does not show")
	}
}

func TestSwapExtAndFormat(t *testing.T) {
	if got := SwapExt("a/b.txt", report.JSON); got != "a/b.json" {
		t.Error(got)
	}
	if got := SwapExt("notes", report.Markdown); got != "notes.md" {
		t.Error(got)
	}
	if got := SwapExt("x.pdf", report.Text); got != "x.pdf" {
		t.Error(got)
	}
	if FormatFor("S.MD") != report.Markdown || FormatFor("s.json") != report.JSON || FormatFor("s") != report.Text {
		t.Error("FormatFor")
	}
}

func TestSaveAnswersRoundTrip(t *testing.T) {
	qn := questionnaire.Default()
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	a := answers.Answers{"age": answers.Num(30), "baby": answers.Bool(false),
		"nursing_position": answers.Choices("lying_side"), "pain_where": answers.Choices("neck", "chest")}
	abs, err := SaveAnswers(path, qn, a, time.Now(), false)
	if err != nil || abs != path {
		t.Fatal(abs, err)
	}
	b, err := answers.ReadFile(path, nil, qn)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := b["nursing_position"]; ok {
		t.Error("saved a follow-up that does not apply")
	}
	if !b.Has("pain_where", "chest") || *b["age"].Number != 30 {
		t.Errorf("round trip: %v", b)
	}
	if _, err := SaveAnswers(path, qn, a, time.Now(), false); !errors.Is(err, export.ErrExists) {
		t.Errorf("want ErrExists, got %v", err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
}

func TestParseNumber(t *testing.T) {
	q, _ := questionnaire.Default().Question("age")
	if n, err := ParseNumber(q, " 42 "); err != nil || n != 42 {
		t.Error(n, err)
	}
	for _, bad := range []string{"0", "121", "4x", ""} {
		if _, err := ParseNumber(q, bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
