package report_test

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/report"
)

// The diary's trend shows in the text and Markdown summaries after the
// warning signs, and never at emergency level.
func TestTrendLine(t *testing.T) {
	const trend = "Since your assessment on 2026-11-14: pain 7 → 3 over 5 days; tennis ball on 4 of 5 days"
	m := meta
	m.Trend = trend
	for _, f := range []report.Format{report.Text, report.Markdown} {
		out, err := report.Render(f, assess(t, inputs["ele"]), m)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ToLower(strings.Join(strings.Fields(string(out)), " "))
		i, w := strings.Index(s, "pain 7 → 3 over 5 days"), strings.Index(s, "warning signs")
		if i < 0 || w < 0 || i < w {
			t.Errorf("%s: the trend is missing or comes before the warning signs:\n%s", f, out)
		}
		if plain, _ := report.Render(f, assess(t, inputs["ele"]), meta); strings.Contains(string(plain), "Your diary") {
			t.Errorf("%s: a diary section without a trend", f)
		}
		emergency, _ := report.Render(f, assess(t, inputs["emergency"]), m)
		if strings.Contains(string(emergency), "pain 7") {
			t.Errorf("%s: the trend is shown at emergency level", f)
		}
	}
}
