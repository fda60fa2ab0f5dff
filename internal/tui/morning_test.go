package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// At 80×24 the first screen of the results holds the level, the first
// warning sign or cause, and the first step, without scrolling, whatever
// the level and with the diary's offer under it (issue 18); no box that
// cannot be ticked.
func TestResultsAt80x24ShowTheAnswer(t *testing.T) {
	urgent := writeAnswers(t, "warning_history: [fever]\n")
	for _, file := range []string{"../../testdata/readers/charlotte.yaml", "../../testdata/answers/valid-full.yaml", urgent,
		"../../testdata/readers/emma.yaml", "../../testdata/readers/ray.yaml"} {
		mod, _ := withDiary(t) // no diary yet: the offer shows below urgent
		m := resultsFor(t, file, 80, 24, mod)
		feed(t, m, m.afterResults(m.results.as))
		as := m.assessment()
		s := plain(m)
		first := ""
		switch {
		case len(as.Warnings) > 0:
			first = as.Warnings[0].Rule.Title
		case len(as.Causes) > 0:
			first = as.Causes[0].Cause.Title
		}
		want := []string{strings.ToUpper(as.Level.String())}
		flat := strings.Join(strings.Fields(s), " ")
		if first != "" {
			want = append(want, first)
		}
		if as.Held == "" && len(as.Plan) > 0 {
			want = append(want, startHere(as)[0].Step.Title)
		}
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s (%s): the first screen lacks %q:\n%s", filepath.Base(file), as.Level, w, s)
			}
		}
		if strings.Contains(s, "[ ]") {
			t.Errorf("%s: a box that cannot be ticked:\n%s", filepath.Base(file), s)
		}
		if n := strings.Count(s, "\n") + 1; n != 24 {
			t.Errorf("%s: %d lines", filepath.Base(file), n)
		}
	}
}

// writeAnswers is an answers file with no warning sign but those in extra
// (which override), age 40.
func writeAnswers(t *testing.T, extra string) string {
	t.Helper()
	qn := questionnaire.Default()
	var b strings.Builder
	for _, q := range qn.Questions() {
		if !q.Warning || strings.Contains(extra, q.ID+":") {
			continue
		}
		switch {
		case q.ID == "age":
			b.WriteString("age: 40\n")
		case q.Kind == questionnaire.YesNo:
			b.WriteString(q.ID + ": false\n")
		default:
			b.WriteString(q.ID + ": [none]\n")
		}
	}
	b.WriteString(extra + "pain_where: [between_shoulder_blades]\npain_when: [on_waking]\nduration: under_week\n")
	path := filepath.Join(t.TempDir(), "a.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := answers.ReadFile(path, nil, qn); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return path
}

// c and d change what is seen: c shows another cause in the picture and
// scrolls it into view, d shows the rule details and scrolls the causes
// into view.
func TestCauseAndDetailsComeIntoView(t *testing.T) {
	m := resultsFor(t, "../../testdata/answers/valid-full.yaml", 80, 20)
	if strings.Contains(plain(m), pictureHeading) {
		t.Fatalf("the picture is on the first screen already; the test needs a case where it is not:\n%s", plain(m))
	}
	press(m, "c")
	mustContain(t, m, pictureHeading, "Showing cause 2")
	press(m, "g", "d")
	if s := plain(m); !strings.Contains(s, causesHeading) || !strings.Contains(s, "(score") {
		t.Errorf("d: the rule details are not in view:\n%s", s)
	}
}

// One meaning per key: h is back (as on the pages and the review), v the
// diary, on the welcome and the results.
func TestHMeansBackEverywhere(t *testing.T) {
	mod, _ := withDiary(t)
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24, mod)
	if err := m.sess.KeepDiary("test"); err != nil {
		t.Fatal(err)
	}
	press(m, "h")
	if m.screen() != scrReview {
		t.Fatalf("h on the results did not go back to the answers:\n%s", plain(m))
	}
	press(m, "h")
	if m.screen() != scrPage {
		t.Fatalf("h on the review did not go back:\n%s", plain(m))
	}
	m.showResults()
	press(m, "v")
	if m.screen() != scrHistory {
		t.Fatalf("v on the results did not open the diary:\n%s", plain(m))
	}
	for _, b := range m.results.helpKeys().full[0] {
		if b.Help().Desc != "change answers" && strings.Contains(b.Help().Key, "h") && b.Help().Key != "?" {
			t.Errorf("h bound to %q on the results", b.Help().Desc)
		}
	}
}

// The picture marks the side chosen, and the legend says it.
func TestPictureMarksTheSide(t *testing.T) {
	file := writeAnswers(t, "pain_side: right\n")
	m := resultsFor(t, file, 80, 24)
	if m.assessment().Level >= rules.Urgent {
		t.Fatal("the case is not self-care")
	}
	press(m, "c") // the picture into view
	lines := strings.Split(ansi.Strip(strings.Join(m.resultLines(), "\n")), "\n")
	said := false
	for i, l := range lines {
		// The legend is beside the picture: its words wrap to the next line.
		if strings.Contains(l, "where it hurts:") && i+1 < len(lines) {
			said = strings.Contains(l+" "+lines[i+1], "on the") && strings.Contains(l+" "+lines[i+1], "right")
		}
	}
	if !said {
		t.Errorf("the legend does not say the side:\n%s", strings.Join(lines, "\n"))
	}
}

// One run, one assessment in the diary: the emergency stop's is saved;
// the answers changed and the results reached again, it is updated, not
// added ("(assessment 2) … (assessment 3)" in issue 18).
func TestOneRunOneAssessment(t *testing.T) {
	mod, _ := withDiary(t)
	m := resultsFor(t, "../../testdata/golden/emergency.yaml", 80, 24, mod)
	if err := m.sess.KeepDiary("test"); err != nil {
		t.Fatal(err)
	}
	save := func(cmd func() tea.Msg) {
		t.Helper()
		_, next := m.Update(cmd()) // probed: kept, so saved
		if next == nil {
			t.Fatalf("nothing saved:\n%s", plain(m))
		}
		m.Update(next())
	}
	save(m.afterResults(m.assessment()))
	if !strings.Contains(lastNote(m), "Saved to your diary (assessment 1)") {
		t.Fatalf("first save: %q", lastNote(m))
	}
	charlotte, err := answers.ReadFile("../../testdata/readers/charlotte.yaml", nil, m.qn)
	if err != nil {
		t.Fatal(err)
	}
	m.sess.Given = charlotte
	save(m.showResults())
	if !strings.Contains(lastNote(m), "Updated in your diary (assessment 1)") {
		t.Fatalf("second result of the run: %q", lastNote(m))
	}
	rec, err := m.sess.DiaryRecord()
	if err != nil || len(rec.Episodes) != 1 || rec.Episodes[0].Level != "self-care" {
		t.Fatalf("episodes %+v, %v", rec.Episodes, err)
	}
}

// lastNote is what the run will say after it ends, last: the diary's note
// at emergency level is said only then.
func lastNote(m *Model) string {
	if len(m.notes) == 0 {
		return ""
	}
	return m.notes[len(m.notes)-1]
}
