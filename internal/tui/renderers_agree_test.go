package tui

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/vignettes"
)

// Every vignette, through every renderer (the terminal's results or stop
// screen, and the text, Markdown, spoken and JSON summaries), says the same
// level, the same warning signs, and the same thing about causes and
// self-care: shown, or held with the same reason (issue 16, item 3).
func TestEveryRendererSaysTheSame(t *testing.T) {
	qn := questionnaire.Default()
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), qn)
	if err != nil {
		t.Fatal(err)
	}
	eng := triage.New(qn, tbl)
	cases, err := vignettes.LoadDir("../../testdata/vignettes", qn, tbl)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("only %d vignettes loaded", len(cases))
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	meta := report.Meta{Questionnaire: qn, Date: testDate, Version: "test"}
	for _, c := range cases {
		as := eng.Assess(c.Answers)
		pol := triage.PolicyFor(as)
		outs := map[string]string{}
		for _, f := range report.Formats() {
			b, err := report.Render(f, as, meta)
			if err != nil {
				t.Fatalf("%s: %s: %v", c.Name, f.Label(), err)
			}
			outs[f.Label()] = string(b)
		}
		spoken, err := report.RenderSpoken(as, meta)
		if err != nil {
			t.Fatal(err)
		}
		outs["spoken"] = string(spoken)
		o := testOptions(t)
		o.Load = func() (*triage.Engine, error) { return eng, nil }
		o.Answers = c.Answers
		m := newTestModel(t, o, 120, 2000) // tall enough to hold every line
		m.showResults()
		outs["screen"] = plain(m)

		var js struct {
			Level    string `json:"level"`
			Held     string `json:"held"`
			Warnings []struct {
				Title string `json:"title"`
			} `json:"warnings"`
			Causes []json.RawMessage `json:"causes"`
		}
		if err := json.Unmarshal([]byte(outs[report.JSON.Label()]), &js); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if js.Level != as.Level.String() || js.Held != as.Held || len(js.Warnings) != len(as.Warnings) {
			t.Errorf("%s: JSON says level %s, %d warnings, held %q; the assessment %s, %d, %q",
				c.Name, js.Level, len(js.Warnings), js.Held, as.Level, len(as.Warnings), as.Held)
		}
		if !pol.ShowCauses && len(js.Causes) != 0 {
			t.Errorf("%s: JSON lists causes although they are held", c.Name)
		}
		// The screen draws the document's sections: every line of them is
		// on it, word for word.
		screen := flat(outs["screen"])
		doc := m.document(as, false) // the screen's: its emergency number
		for _, id := range []string{report.SecWarnings, report.SecHeld, report.SecCauses, report.SecPlan, report.SecHelp} {
			sec, ok := docSection(doc, id)
			if !ok || (id == report.SecWarnings && len(as.Warnings) == 0) {
				continue // no warning sign: the level pinned above says so
			}
			sec.Heading = "" // the screen may put its own
			for _, l := range sec.Lines() {
				if !strings.Contains(screen, flat(l)) {
					t.Errorf("%s: the screen's %s lacks the document's %q", c.Name, id, l)
				}
			}
		}
		headline := strings.ToLower(flat(triage.Info(as.Level).Headline))
		for name, out := range outs {
			if name == report.JSON.Label() {
				continue
			}
			s := flat(out)
			if !strings.Contains(strings.ToLower(s), headline) {
				t.Errorf("%s: %s does not say the level (%q)", c.Name, name, headline)
			}
			for _, w := range as.Warnings {
				if !strings.Contains(s, flat(w.Rule.Title)) {
					t.Errorf("%s: %s does not name the warning sign %q", c.Name, name, w.Rule.Title)
				}
			}
			if as.Held != "" && !strings.Contains(s, flat(as.Held)) {
				t.Errorf("%s: %s does not say why causes and self-care are held", c.Name, name)
			}
			if !pol.ShowCauses && strings.Contains(strings.ToLower(strings.ReplaceAll(s, flat(as.Held), "")), "likely causes") {
				t.Errorf("%s: %s shows likely causes although they are held", c.Name, name)
			}
		}
	}
}
