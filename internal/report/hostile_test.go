package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// A cause's title from a rule table, the diary's trend and a plan step's
// how-to hold the probe: no format lets a control character
// through (the JSON escapes C1 and bidi), and no line of it starts a line
// of the summary.
func TestHostileTextInEveryFormat(t *testing.T) {
	as := assess(t, inputs["ele"])
	if len(as.Causes) == 0 || len(as.Plan) == 0 {
		t.Fatal("the case gives no causes or plan")
	}
	c := *as.Causes[0].Cause
	c.Title = "Cause " + textwraptest.Hostile
	as.Causes[0].Cause = &c
	s := *as.Plan[0].Step
	s.How = "1. Step\x1b[2J\n2. WARNING SIGNS: none\u202e"
	as.Plan[0].Step = &s
	m := meta
	m.Trend = textwraptest.Hostile
	for _, f := range report.Formats() {
		out, err := report.Render(f, as, m)
		if err != nil {
			t.Fatal(err)
		}
		if r, at, bad := textwraptest.Leak(string(out)); bad {
			t.Errorf("%s: %U at %d:\n%q", f, r, at, out)
		}
		if f != report.JSON {
			if got := textwraptest.LinesStartingWith(string(out), "WARNING SIGNS: none"); len(got) > 0 {
				t.Errorf("%s: a line of the data at column 0: %q", f, got)
			}
			if !strings.Contains(string(out), "]0;pwned\uFFFD") {
				t.Errorf("%s: the title is not shown, marked:\n%s", f, out)
			}
			continue
		}
		var back map[string]any
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("json: %v", err)
		}
		if !strings.Contains(string(out), `\u009b`) || !strings.Contains(string(out), `\u202e`) {
			t.Errorf("json: U+009B or U+202E not escaped")
		}
	}
	spoken, err := report.RenderSpoken(as, m)
	if err != nil {
		t.Fatal(err)
	}
	if r, at, bad := textwraptest.Leak(string(spoken)); bad {
		t.Errorf("spoken: %U at %d", r, at)
	}
}
