package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/report"
)

// Text and Markdown summaries are for people: no rule ids, scores or
// weights unless --explain asks for them; the JSON keeps them either way.
func TestPlainLanguageAndExplain(t *testing.T) {
	for name, in := range inputs {
		as := assess(t, in)
		for _, f := range []report.Format{report.Text, report.Markdown} {
			out, _ := report.Render(f, as, meta)
			for _, bad := range []string{"(score ", "(rule ", "(step ", "(cause "} {
				if strings.Contains(string(out), bad) {
					t.Errorf("%s%s contains %q", name, f.Ext(), bad)
				}
			}
			ex := meta
			ex.Explain = true
			out, _ = report.Render(f, as, ex)
			if len(as.Causes) > 0 && !strings.Contains(string(out), "(score ") {
				t.Errorf("%s%s with Explain lacks the scores", name, f.Ext())
			}
		}
		plain, _ := report.Render(report.JSON, as, meta)
		m := meta
		m.Explain = true
		m.Emergency = emergencynumber.Here("GB", func(string) string { return "" })
		other, _ := report.Render(report.JSON, as, m)
		if !bytes.Equal(plain, other) {
			t.Errorf("%s.json changed with Explain or a region", name)
		}
	}
}

// A web address is never split across lines in the text summary.
func TestTextKeepsAddressesWhole(t *testing.T) {
	for name, in := range inputs {
		as := assess(t, in)
		out, _ := report.Render(report.Text, as, meta)
		for _, s := range as.Sources {
			if s.Source.URL != "" && !strings.Contains(string(out), s.Source.URL) {
				t.Errorf("%s.txt: %s is not on one line", name, s.Source.URL)
			}
		}
	}
}

// The summary says when: date, time and UTC offset.
func TestDateTimeWithOffset(t *testing.T) {
	m := meta
	m.Date = time.Date(2026, 11, 21, 6, 10, 0, 0, time.FixedZone("CET", 3600))
	for _, f := range []report.Format{report.Text, report.Markdown} {
		out, _ := report.Render(f, assess(t, inputs["charlotte"]), m)
		if !strings.Contains(string(out), "Date: 2026-11-21 06:10 (UTC+01:00)") {
			t.Errorf("%s lacks the date and time with offset:\n%.300s", f, out)
		}
	}
}

// The local number goes next to "your local emergency number"; with no
// region, every number is listed.
func TestEmergencyNumberByRegion(t *testing.T) {
	as := assess(t, inputs["emergency"])
	m := meta
	m.Emergency = emergencynumber.Here("", func(k string) string {
		return map[string]string{"LANG": "en_AU.UTF-8"}[k]
	})
	out, _ := report.Render(report.Text, as, m)
	s := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"your local emergency number (000 in Australia) now", "Emergency number in Australia: 000."} {
		if !strings.Contains(s, want) {
			t.Errorf("Australian summary lacks %q:\n%s", want, out)
		}
	}
	out, _ = report.Render(report.Text, as, meta)
	s = strings.Join(strings.Fields(string(out)), " ")
	for _, num := range []string{"999", "112", "911", "000 in Australia", "111 in New Zealand"} {
		if !strings.Contains(s, num) {
			t.Errorf("summary with no region lacks %q", num)
		}
	}
}

// The accessible mode's results read aloud well: no underlines, no
// capitals for headings, sources last.
func TestSpokenSummary(t *testing.T) {
	for name, in := range inputs {
		data, err := report.RenderSpoken(assess(t, in), meta)
		if err != nil {
			t.Fatal(err)
		}
		out := string(data)
		if strings.Contains(out, "===") || strings.Contains(out, "---") {
			t.Errorf("%s spoken summary has underlines:\n%s", name, out)
		}
		if strings.Contains(out, "LIKELY CAUSES") || !strings.Contains(out, "\nWhat to do now:\n") {
			t.Errorf("%s spoken headings are not plain:\n%.600s", name, out)
		}
		if i, j := strings.Index(out, "\nSources:\n"), strings.Index(out, "\nYour answers:\n"); i < j {
			t.Errorf("%s: sources are not last", name)
		}
	}
}
