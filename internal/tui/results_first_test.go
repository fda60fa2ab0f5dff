package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

// resultsFor opens the results for an answers file with the built-in rules.
func resultsFor(t *testing.T, file string, w, h int, mod ...func(*Options)) *Model {
	t.Helper()
	qn := questionnaire.Default()
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), qn)
	if err != nil {
		t.Fatal(err)
	}
	eng := triage.New(qn, tbl)
	a, err := answers.ReadFile(file, nil, qn)
	if err != nil {
		t.Fatal(err)
	}
	o := testOptions(t)
	o.Load = func() (*triage.Engine, error) { return eng, nil }
	o.Answers = a
	for _, f := range mod {
		f(&o)
	}
	m := newTestModel(t, o, w, h)
	m.showResults()
	return m
}

// At 80x24 the first screen is the answer: the level and what to do, the
// top cause with its "because you said", the first three steps, and a
// "more below" marker; no rule ids or scores unless asked (d).
func TestResultsFirstScreenIsTheAnswer(t *testing.T) {
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24)
	s := plain(m)
	as := m.assessment()
	want := []string{"SELF-CARE", "Most likely", as.Causes[0].Cause.Title, "Because you said:", "Start here", "▼ more below"}
	for _, p := range startHere(as) {
		if p.Step.When != "tonight" {
			t.Errorf("Charlotte's plan has fewer than three steps for tonight; Start here shows %s", p.Step.ID)
		}
		want = append(want, p.Step.Title)
	}
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("first screen lacks %q:\n%s", w, s)
		}
	}
	if n := strings.Count(s, "\n") + 1; n != 24 {
		t.Errorf("frame has %d lines, want 24", n)
	}
	full := strings.Join(m.resultLines(), "\n")
	if strings.Contains(full, "(score") || strings.Contains(full, "rule ") {
		t.Errorf("rule details shown without asking")
	}
	press(m, "d")
	if full := strings.Join(m.resultLines(), "\n"); !strings.Contains(full, "(score") {
		t.Errorf("d does not show the rule details")
	}
	press(m, "G")
	if strings.Contains(plain(m), "▼ more below") {
		t.Errorf("more below at the bottom:\n%s", plain(m))
	}
}

// The emergency screen renders at any size, wrapped, never "please
// enlarge", with the local number when the region is known.
func TestEmergencyScreenAnySize(t *testing.T) {
	m := resultsFor(t, "../../testdata/golden/emergency.yaml", 80, 24, func(o *Options) {
		o.Emergency = emergencynumber.Here("GB", nil)
	})
	if m.screen() != scrStop {
		t.Fatalf("screen %d", m.screen())
	}
	mustContain(t, m, "EMERGENCY", "your local emergency number (999 in the UK)")
	for _, size := range [][2]int{{59, 15}, {40, 12}, {20, 6}} {
		m.Update(teaSize(size[0], size[1]))
		s := plain(m)
		if strings.Contains(s, "Please enlarge") || !strings.Contains(s, "EMERGENCY") {
			t.Errorf("%dx%d:\n%s", size[0], size[1], s)
		}
		for _, l := range strings.Split(s, "\n") {
			if w := len([]rune(l)); w > size[0] {
				t.Errorf("%dx%d: line %d wide: %q", size[0], size[1], w, l)
			}
		}
	}
}

// On quitting at emergency level, the advice box is left on the screen.
func TestAdviceBoxLeftBehind(t *testing.T) {
	m := resultsFor(t, "../../testdata/golden/emergency.yaml", 80, 24, func(o *Options) {
		o.Emergency = emergencynumber.Here("AU", nil)
	})
	var b strings.Builder
	m.leaveAdvice(&b)
	for _, w := range []string{"backtriage: EMERGENCY", "Do this now", "000 in Australia", "Chest pain"} {
		if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), w) {
			t.Errorf("box lacks %q:\n%s", w, b.String())
		}
	}
	self := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24)
	b.Reset()
	self.leaveAdvice(&b)
	if b.Len() != 0 {
		t.Errorf("a box at self-care level:\n%s", b.String())
	}
}

// The answers can be saved from the results, which stay.
func TestSaveAnswersFromResults(t *testing.T) {
	abs, _ := filepath.Abs("../../testdata/readers/charlotte.yaml")
	t.Chdir(t.TempDir())
	m := resultsFor(t, abs, 80, 24)
	press(m, "a")
	mustContain(t, m, "Save your answers")
	press(m, "enter")
	if m.dialogKind() != dlgNone || m.screen() != scrResults {
		t.Fatalf("dialog %d screen %d", m.dialogKind(), m.screen())
	}
	data, err := os.ReadFile(filepath.Join(".", "backtriage-answers-2025-03-04.yaml"))
	if err != nil || !strings.Contains(string(data), "baby: true") {
		t.Fatalf("answers not saved: %v\n%s", err, data)
	}
	mustContain(t, m, "Saved your answers to")
}

func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// On a wide terminal the picture is beside the answer, on the first screen.
func TestResultsPictureBesideWhenWide(t *testing.T) {
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 200, 60)
	s := plain(m)
	var row string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "Most likely") {
			row = l
		}
	}
	if !strings.Contains(row, "Where it hurts, and where the cause may sit") {
		t.Errorf("the picture is not beside the answer:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if w := len([]rune(l)); w > 200 {
			t.Errorf("line %d wide", w)
		}
	}
}

// The export dialog refuses an empty or hidden name, and asks before
// replacing with the real path (~ expanded).
func TestExportDialogNames(t *testing.T) {
	abs, _ := filepath.Abs("../../testdata/readers/charlotte.yaml")
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Chdir(t.TempDir())
	m := resultsFor(t, abs, 80, 24)
	press(m, "e")
	m.exp.file.setName("")
	press(m, "tab", "right", "tab") // change the format with the name empty: ".md"
	if v := m.exp.file.name; v != ".md" {
		t.Fatalf("name after format change: %q", v)
	}
	press(m, "enter")
	mustContain(t, m, "hidden file")
	if _, err := os.Stat(".md"); err == nil {
		t.Fatal(".md was written")
	}
	m.exp.file.setName("   ")
	press(m, "enter")
	mustContain(t, m, "give a file name")
	if err := os.WriteFile(filepath.Join(home, "x.md"), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	m.exp.file.setName("~/x.md")
	press(m, "enter")
	dialogSays(t, m, "already exists")
	s := strings.Join(strings.Fields(plain(m)), "")
	if !strings.Contains(s, strings.ReplaceAll(filepath.Join(home, "x.md"), " ", "")) || strings.Contains(s, "/~/") {
		t.Errorf("replace prompt does not show the real path:\n%s", plain(m))
	}
}

// The full plan on the results is grouped as tonight, during the day and
// this week, in that order.
func TestResultsPlanGroupedByTime(t *testing.T) {
	m := resultsFor(t, "../../testdata/readers/charlotte.yaml", 80, 24)
	full := ansiStrip(strings.Join(m.resultLines(), "\n"))
	plan := full[strings.Index(full, "Self-care plan"):]
	last := -1
	for _, h := range []string{"Tonight", "During the day", "This week"} {
		i := strings.Index(plan, "\n "+h+"\n")
		if i < 0 {
			if h == "This week" {
				continue // Charlotte's plan may have nothing for the week
			}
			t.Fatalf("no %q group in the plan:\n%s", h, plan)
		}
		if i < last {
			t.Errorf("%q comes before the group above it", h)
		}
		last = i
	}
	for _, p := range m.results.as.Plan {
		if !strings.Contains(plan, p.Step.Title) {
			t.Errorf("step %s is not in the grouped plan", p.Step.ID)
		}
	}
}
