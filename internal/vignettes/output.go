package vignettes

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// Meta names what was run, for the report's header.
type Meta struct {
	Table    string // the rule table: a folder, or "built-in rules"
	CasesDir string // the vignette folder; empty when none was found
	// Note is said before anything else, e.g. that no vignettes were found.
	Note string
}

// WriteText writes the report for people: the case table, the figures with
// their definitions, then the inline rule cases. Failures are listed as
// file:line:col so editors can jump to them.
func WriteText(w io.Writer, rep *Report, m Meta) error {
	// Case names and folders come from files: no control character in
	// them reaches the terminal.
	ew := &errWriter{w: textwrap.LinesWriter(w)}
	if m.Note != "" {
		fmt.Fprintf(ew, "Note: %s\n\n", m.Note)
	}
	f := rep.Figures
	if m.CasesDir != "" {
		fmt.Fprintf(ew, "Vignettes in %s against %s\n\n", m.CasesDir, m.Table)
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CASE\tEXPECTED\tGOT\tTOP-3\tRESULT")
		for _, c := range rep.Cases {
			top := "-"
			if len(c.Case.Top3)+len(c.Case.NotTop3)+len(c.Case.NotInPlan) > 0 {
				top = "ok"
				var bad []string
				if len(c.Missing) > 0 {
					bad = append(bad, "missing "+strings.Join(c.Missing, ","))
				}
				if len(c.Intruders) > 0 {
					bad = append(bad, "unwanted "+strings.Join(c.Intruders, ","))
				}
				if len(c.Unwanted) > 0 {
					bad = append(bad, "plan has "+strings.Join(c.Unwanted, ","))
				}
				if len(bad) > 0 {
					top = strings.Join(bad, "; ")
				}
			}
			result := "PASS"
			if !c.Pass {
				result = "FAIL"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Case.Name, c.Case.Level, c.Got, top, result)
		}
		tw.Flush()
		if failed := rep.Failed(); len(failed) > 0 {
			fmt.Fprintf(ew, "\nFailed cases:\n")
			for _, c := range failed {
				fmt.Fprintf(ew, "  %s\n", c.Problem())
			}
		}

		fmt.Fprintf(ew, "\nFigures\n")
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  Cases\t%d (%d passed, %d failed)\n", f.Cases, f.Passed, f.Cases-f.Passed)
		fmt.Fprintf(tw, "  Emergency recall\t%s\temergency cases assessed as emergency\n", f.EmergencyRecall)
		fmt.Fprintf(tw, "  Acceptable level\t%s\tcases at an acceptable level\n", f.Acceptable)
		fmt.Fprintf(tw, "  Self-care over-triaged\t%s\tself-care cases given a higher level\n", f.OverTriage)
		fmt.Fprintf(tw, "  Under-triaged\t%s\tcases given a lower level than their own\n", f.UnderTriage)
		fmt.Fprintf(tw, "  Top-3 cause agreement\t%s\tcases naming causes with all of them in the top three\n", f.Top3Agreement)
		fmt.Fprintf(tw, "  Causes kept out\t%s\tcases naming not_top3 causes with none in the top three\n", f.NotTop3Held)
		fmt.Fprintf(tw, "  Steps kept out\t%s\tcases naming not_in_plan steps with none in the plan\n", f.NotInPlanHeld)
		tw.Flush()
		fmt.Fprintf(ew, "\n%s\n\n", wrap(AcceptableDefinition, 78, "  "))
	}

	fmt.Fprintf(ew, "Inline rule cases in %s: %d of %d passed\n", m.Table, f.InlinePassed, f.InlineCases)
	for _, c := range rep.InlineFailed() {
		fmt.Fprintf(ew, "  FAIL %s\n", c.Problem())
	}
	fmt.Fprintln(ew)
	if rep.OK() {
		fmt.Fprintln(ew, "PASS")
	} else {
		fmt.Fprintf(ew, "FAIL: %s\n", Summary(rep))
	}
	return ew.err
}

// Summary says in one line what failed, or that everything passed.
func Summary(rep *Report) string {
	f := rep.Figures
	var parts []string
	if n := f.Cases - f.Passed; n > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d vignettes failed", n, f.Cases))
	}
	if n := f.InlineCases - f.InlinePassed; n > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d inline rule cases failed", n, f.InlineCases))
	}
	switch {
	case len(parts) > 0:
	case f.Cases == 0:
		return fmt.Sprintf("all %d inline rule cases passed (no vignettes run)", f.InlineCases)
	default:
		return fmt.Sprintf("all %d vignettes and %d inline rule cases passed", f.Cases, f.InlineCases)
	}
	return strings.Join(parts, "; ")
}

type jsonRatio struct {
	N  int `json:"n"`
	Of int `json:"of"`
	// Percent is null when there was nothing to count.
	Percent *float64 `json:"percent"`
}

func ratioJSON(r Ratio) jsonRatio {
	out := jsonRatio{N: r.N, Of: r.Of}
	if r.Of > 0 {
		p := math.Round(r.Percent()*10) / 10
		out.Percent = &p
	}
	return out
}

type jsonCase struct {
	Name       string   `json:"name"`
	Pos        string   `json:"pos"`
	Expected   string   `json:"expected"`
	Got        string   `json:"got"`
	Top3       []string `json:"top3"`
	WantTop3   []string `json:"want_top3"`
	Missing    []string `json:"missing_top3"`
	NotTop3    []string `json:"not_top3"`
	Intruders  []string `json:"unwanted_in_top3"`
	NotInPlan  []string `json:"not_in_plan"`
	Unwanted   []string `json:"unwanted_in_plan"`
	Acceptable bool     `json:"acceptable"`
	Pass       bool     `json:"pass"`
}

type jsonInline struct {
	Rule     string `json:"rule"`
	Pos      string `json:"pos"`
	MustFire bool   `json:"must_fire"`
	Pass     bool   `json:"pass"`
}

type jsonFigures struct {
	Cases           int       `json:"cases"`
	Passed          int       `json:"passed"`
	EmergencyRecall jsonRatio `json:"emergency_recall"`
	Acceptable      jsonRatio `json:"acceptable_level"`
	OverTriage      jsonRatio `json:"self_care_over_triaged"`
	UnderTriage     jsonRatio `json:"under_triaged"`
	Top3Agreement   jsonRatio `json:"top3_agreement"`
	NotTop3Held     jsonRatio `json:"not_top3_held"`
	NotInPlanHeld   jsonRatio `json:"not_in_plan_held"`
	InlineCases     int       `json:"inline_cases"`
	InlinePassed    int       `json:"inline_passed"`
}

type jsonReport struct {
	Table      string       `json:"table"`
	CasesDir   string       `json:"cases_dir"`
	Note       string       `json:"note,omitempty"`
	Pass       bool         `json:"pass"`
	Summary    string       `json:"summary"`
	Acceptable string       `json:"acceptable_definition"`
	Figures    jsonFigures  `json:"figures"`
	Cases      []jsonCase   `json:"cases"`
	Inline     []jsonInline `json:"inline"`
}

// WriteJSON writes the report for scripts.
func WriteJSON(w io.Writer, rep *Report, m Meta) error {
	f := rep.Figures
	out := jsonReport{
		Table: m.Table, CasesDir: m.CasesDir, Note: m.Note, Pass: rep.OK(), Summary: Summary(rep),
		Acceptable: AcceptableDefinition,
		Figures: jsonFigures{
			Cases: f.Cases, Passed: f.Passed,
			EmergencyRecall: ratioJSON(f.EmergencyRecall), Acceptable: ratioJSON(f.Acceptable),
			OverTriage: ratioJSON(f.OverTriage), UnderTriage: ratioJSON(f.UnderTriage),
			Top3Agreement: ratioJSON(f.Top3Agreement),
			NotTop3Held:   ratioJSON(f.NotTop3Held), NotInPlanHeld: ratioJSON(f.NotInPlanHeld),
			InlineCases: f.InlineCases, InlinePassed: f.InlinePassed,
		},
		Cases:  []jsonCase{},
		Inline: []jsonInline{},
	}
	for _, c := range rep.Cases {
		p := c.Case.Pos
		out.Cases = append(out.Cases, jsonCase{
			Name: c.Case.Name, Pos: fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col),
			Expected: c.Case.Level.String(), Got: c.Got.String(),
			Top3: nonNil(c.Top3), WantTop3: nonNil(c.Case.Top3), Missing: nonNil(c.Missing),
			NotTop3: nonNil(c.Case.NotTop3), Intruders: nonNil(c.Intruders),
			NotInPlan: nonNil(c.Case.NotInPlan), Unwanted: nonNil(c.Unwanted),
			Acceptable: c.Acceptable, Pass: c.Pass,
		})
	}
	for _, c := range rep.Inline {
		p := c.Case.Pos
		if p.File == "" {
			p.File = c.Rule.Pos.File
		}
		out.Inline = append(out.Inline, jsonInline{
			Rule: c.Rule.ID, Pos: fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col), MustFire: c.MustFire, Pass: c.Pass,
		})
	}
	enc := json.NewEncoder(textwrap.JSONWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// wrap fills text to width columns (display width, not bytes), each line
// after indent.
func wrap(text string, width int, indent string) string {
	lines := textwrap.Words(strings.Join(strings.Fields(text), " "), width-len(indent))
	for i, l := range lines {
		lines[i] = indent + l
	}
	return strings.Join(lines, "\n")
}

// errWriter keeps the first write error so the report code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	if _, err := e.w.Write(p); err != nil {
		e.err = err
	}
	return len(p), nil
}
