package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var meta = report.Meta{Questionnaire: questionnaire.Default(), Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Version: "test"}

func assess(t *testing.T, path string) *triage.Assessment {
	t.Helper()
	qn := questionnaire.Default()
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", qn)
	if err != nil {
		t.Fatal(err)
	}
	a, err := answers.ReadFile(path, nil, qn)
	if err != nil {
		t.Fatal(err)
	}
	return triage.New(qn, tbl).Assess(a)
}

var inputs = map[string]string{
	"charlotte": "../../testdata/readers/charlotte.yaml", // self-care
	"ele":       "../../testdata/readers/ele.yaml",       // soon
	"emergency": "../../testdata/golden/emergency.yaml",
	"urgent":    "../../testdata/golden/urgent.yaml",
}

func TestGolden(t *testing.T) {
	for name, in := range inputs {
		as := assess(t, in)
		for _, f := range report.Formats() {
			t.Run(name+f.Ext(), func(t *testing.T) {
				got, err := report.Render(f, as, meta)
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("../../testdata/golden", name+f.Ext())
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file; if the change is intended, run go test ./internal/report -update and review the diff", golden)
				}
			})
		}
	}
}

// The text summary is plain UTF-8 wrapped at 78 columns, with its sections
// in the agreed order, and a warning sign always before any self-care.
func TestTextShape(t *testing.T) {
	order := []string{"BACKTRIAGE SUMMARY", "Date: 2026-11-21", triage.Disclaimer[:30], "WHAT TO DO NOW", "WARNING SIGNS",
		"LIKELY CAUSES", "SELF-CARE PLAN", "WHEN TO GET HELP", "YOUR ANSWERS", "SOURCES"}
	// At emergency level causes and self-care give way to one line saying
	// why they are not shown.
	emergencyOrder := []string{"BACKTRIAGE SUMMARY", "Date: 2026-11-21", triage.Disclaimer[:30], "WHAT TO DO NOW", "WARNING SIGNS",
		"CAUSES AND SELF-CARE", "WHEN TO GET HELP", "YOUR ANSWERS", "SOURCES"}
	for name, in := range inputs {
		order := order
		if name == "emergency" {
			order = emergencyOrder
		}
		out, err := report.Render(report.Text, assess(t, in), meta)
		if err != nil {
			t.Fatal(err)
		}
		s := string(out)
		if !utf8.ValidString(s) || strings.Contains(s, "\x1b") {
			t.Errorf("%s: not plain UTF-8 text", name)
		}
		for i, line := range strings.Split(s, "\n") {
			if n := utf8.RuneCountInString(line); n > report.Width {
				t.Errorf("%s line %d has %d columns: %q", name, i+1, n, line)
			}
		}
		at := 0
		for _, h := range order {
			i := strings.Index(s[at:], h)
			if i < 0 {
				t.Errorf("%s: %q missing or out of order", name, h)
				break
			}
			at += i
		}
		if strings.Count(s, triage.Disclaimer[:30]) != 1 {
			t.Errorf("%s: the disclaimer should be said once", name)
		}
	}
	em, _ := report.Render(report.Text, assess(t, inputs["emergency"]), meta)
	s := string(em)
	if !strings.Contains(s, "emergency number") {
		t.Error("emergency: no emergency number in what to do now")
	}
	// Nothing that reads like reassurance or a reason to wait.
	for _, banned := range []string{"LIKELY CAUSES", "SELF-CARE PLAN", "6 weeks", "If you develop chest pain", "Book a doctor"} {
		if strings.Contains(s, banned) {
			t.Errorf("emergency summary contains %q", banned)
		}
	}
}

// At emergency level every export keeps its keys but leaves causes and
// self-care empty, and says why.
func TestEmergencyWithholdsCausesAndSelfCare(t *testing.T) {
	as := assess(t, inputs["emergency"])
	js, err := report.Render(report.JSON, as, meta)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"causes", "selfcare", "withheld"} {
		if string(doc[key]) != "[]" {
			t.Errorf("JSON %s = %s at emergency level, want []", key, doc[key])
		}
	}
	var held string
	if err := json.Unmarshal(doc["held"], &held); err != nil || held != triage.HeldAtEmergency {
		t.Errorf("JSON held = %s, want the reason causes and self-care are withheld", doc["held"])
	}
	md, _ := report.Render(report.Markdown, as, meta)
	if !strings.Contains(string(md), triage.HeldAtEmergency[:40]) || strings.Contains(string(md), "## Likely causes") {
		t.Error("Markdown at emergency level should say why causes are withheld, and list none")
	}
}

// At urgent level causes and self-care come after what to do today, under
// headings that say they are for while you wait.
func TestUrgentFramesSelfCareAsWhileYouWait(t *testing.T) {
	as := assess(t, inputs["urgent"])
	if as.Level != rules.Urgent {
		t.Fatalf("level %s, want urgent", as.Level)
	}
	out, _ := report.Render(report.Text, as, meta)
	s := string(out)
	now, wait := strings.Index(s, "WHAT TO DO NOW"), strings.Index(s, "WHILE YOU WAIT TO BE SEEN: LIKELY CAUSES")
	plan := strings.Index(s, "WHILE YOU WAIT TO BE SEEN: SELF-CARE PLAN")
	if now < 0 || wait < now || plan < wait {
		t.Errorf("urgent summary: want what to do now, then causes and plan under while-you-wait headings:\n%s", s)
	}
}

// Text, Markdown and JSON carry the same content.
func TestFormatsAgree(t *testing.T) {
	as := assess(t, inputs["ele"])
	txt, _ := report.Render(report.Text, as, meta)
	md, _ := report.Render(report.Markdown, as, meta)
	js, _ := report.Render(report.JSON, as, meta)
	var doc struct {
		Level    string `json:"level"`
		Warnings []struct {
			Title string `json:"title"`
		} `json:"warnings"`
		Causes []struct {
			ID, Title string
			Score     int
			Because   []json.RawMessage
		} `json:"causes"`
		SelfCare []struct{ Title string } `json:"selfcare"`
		SeekHelp []string                 `json:"seek_help"`
		Sources  []struct{ Title string } `json:"sources"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Level != as.Level.String() || len(doc.Causes) != len(as.Causes) || len(doc.SelfCare) != len(as.Plan) {
		t.Fatalf("json disagrees with the assessment: %+v", doc)
	}
	flat := func(b []byte) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(string(b), `\`, "")), " ")
	}
	for _, c := range doc.Causes {
		if len(c.Because) == 0 {
			t.Errorf("cause %s has no because", c.ID)
		}
		for _, out := range []string{flat(txt), flat(md)} {
			if !strings.Contains(out, c.Title) {
				t.Errorf("cause %q missing from text or markdown", c.Title)
			}
		}
	}
	for _, s := range doc.SelfCare {
		if !strings.Contains(flat(txt), s.Title) || !strings.Contains(flat(md), s.Title) {
			t.Errorf("step %q missing from text or markdown", s.Title)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]report.Format{"text": report.Text, "md": report.Markdown, "JSON": report.JSON} {
		if got, err := report.ParseFormat(in); err != nil || got != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	if _, err := report.ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), "valid: text, markdown, json") {
		t.Errorf("pdf: %v", err)
	}
	if got := report.DefaultFileName(meta.Date, report.Markdown); got != "backtriage-summary-2026-11-21.md" {
		t.Errorf("default name %s", got)
	}
}

func TestFormatHelpers(t *testing.T) {
	if got := report.JSON.SwapExt("a/b.txt"); got != "a/b.json" {
		t.Error(got)
	}
	if got := report.Markdown.SwapExt("notes"); got != "notes.md" {
		t.Error(got)
	}
	if got := report.Text.SwapExt("x.pdf"); got != "x.pdf" {
		t.Error(got)
	}
	if report.FormatFor("S.MD") != report.Markdown || report.FormatFor("s.json") != report.JSON || report.FormatFor("s") != report.Text {
		t.Error("FormatFor")
	}
	for _, f := range report.Formats() {
		if f.Label() == "" || report.FormatFor("x"+f.Ext()) != f {
			t.Errorf("%s: label %q, extension %s read back as %s", f, f.Label(), f.Ext(), report.FormatFor("x"+f.Ext()))
		}
	}
	// The list is the caller's to change.
	fs := report.Formats()
	fs[0] = report.JSON
	if report.Formats()[0] != report.Text {
		t.Error("Formats shares its slice")
	}
}

// A summary names its questionnaire: without one nothing is rendered.
func TestRenderNeedsQuestionnaire(t *testing.T) {
	as := assess(t, inputs["charlotte"])
	m := meta
	m.Questionnaire = nil
	for _, f := range report.Formats() {
		if _, err := report.Render(f, as, m); err == nil {
			t.Errorf("%s rendered without a questionnaire", f)
		}
	}
	if _, err := report.RenderSpoken(as, m); err == nil {
		t.Error("spoken summary rendered without a questionnaire")
	}
}
