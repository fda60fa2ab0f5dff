package field

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Wrap breaks at spaces only: a hyphenated word, a flag or a web address
// stays whole; only a word wider than the line is cut, and no line is
// wider than asked.
func TestWrap(t *testing.T) {
	cases := []struct {
		in   string
		w    int
		want []string
	}{
		{"Osteoporosis or fragile bones, or you take steroid tablets long-term", 66,
			[]string{"Osteoporosis or fragile bones, or you take steroid tablets", "long-term"}},
		{"see https://example.org/a/b and --answers FILE", 24,
			[]string{"see", "https://example.org/a/b", "and --answers FILE"}},
		{"", 10, []string{""}},
		{"one\ntwo three", 20, []string{"one", "two three"}},
		{"a abcdefghijk b", 8, []string{"a", "abcdefgh", "ijk b"}},
	}
	for _, c := range cases {
		got := Wrap(c.in, c.w)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Wrap(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > max(c.w, 8) {
				t.Errorf("Wrap(%q, %d): line %q is wider than %d", c.in, c.w, l, c.w)
			}
		}
	}
}

// script is a line-mode front end reading from a list of lines.
type script struct {
	lines []string
	out   []string
}

func (s *script) Println(l string) { s.out = append(s.out, l) }

func (s *script) Read(string) (string, bool, error) {
	if len(s.lines) == 0 {
		return "", false, nil
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	return l, true, nil
}

var errEnded = errors.New("ended")

// Ask asks a required question until it is answered: enter alone, an
// unknown option and a mixed "none" are said and asked again; "<" says
// this is the first question; the input ending first is Ended.
func TestAskRequired(t *testing.T) {
	q := &questionnaire.Question{ID: "w", Kind: questionnaire.Many, Warning: true, Prompt: "Any of these?", Options: []questionnaire.Option{
		{ID: "a", Label: "A"}, {ID: "b", Label: "B"}, {ID: "none", Label: "None of these", Exclusive: true},
	}}
	s := &script{lines: []string{"", "9", "1 3", "<", "2,1"}}
	a := answers.Answers{}
	act, err := Ask(New(q), s, a, AskOptions{Ended: errEnded})
	if err != nil || act != Next || strings.Join(a["w"].Options, ",") != "a,b" {
		t.Fatalf("act %v, err %v, answers %v\n%s", act, err, a, strings.Join(s.out, "\n"))
	}
	said := strings.Join(s.out, "\n")
	for _, want := range []string{"Any of these? (needed)", "  3. None of these", `Please answer: choose "None of these" if none apply.`,
		"There is no option 9; type a number from 1 to 3.", `"None of these" cannot be combined with other options; choose it alone.`, "This is the first question."} {
		if !strings.Contains(said, want) {
			t.Errorf("not said: %q\n%s", want, said)
		}
	}
	if _, err := Ask(New(q), &script{}, answers.Answers{}, AskOptions{Ended: errEnded}); err != errEnded {
		t.Errorf("input ended: %v", err)
	}
}

// The keys of a field: a many question toggles, "None of these" stands
// alone; past the last option the field hands focus on; a number out of
// range is said at once and is not an answer.
func TestFieldKeys(t *testing.T) {
	q := &questionnaire.Question{ID: "w", Kind: questionnaire.Many, Options: []questionnaire.Option{
		{ID: "a", Label: "A"}, {ID: "none", Label: "None of these", Exclusive: true},
	}}
	f := New(q)
	f.Focus(answers.Answers{}, false)
	a := answers.Answers{}
	var k tea.KeyPressMsg
	if f.Update("1", k, a) != Changed || f.Update("2", k, a) != Changed || strings.Join(a["w"].Options, ",") != "none" {
		t.Errorf("1 then 2: %v", a)
	}
	if f.Update("down", k, a) != LeaveDown || f.Update("up", k, a) != Moved || f.Update("up", k, a) != LeaveUp {
		t.Error("moving past the ends does not leave the question")
	}
	if f.Update("w", k, a) != Ignored {
		t.Error("w taken by an option list")
	}
	n := New(&questionnaire.Question{ID: "age", Kind: questionnaire.Number, Min: 1, Max: 120})
	for _, d := range "130" {
		n.Update(string(d), k, a)
	}
	if n.Valid() || a.Answered("age") || !strings.Contains(Of(n).Err(), "out of range") {
		t.Errorf("130: valid %v, answers %v, message %q", n.Valid(), a, Of(n).Err())
	}
	n.Update("backspace", k, a)
	if !n.Valid() || *a["age"].Number != 13 {
		t.Errorf("13: answers %v", a)
	}
}
