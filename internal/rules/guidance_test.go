package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// guidanceDir holds the stored text of every guideline the table cites, as it
// was read: first line the address and the date seen, then the passages. A
// line starting with "--- " opens a passage from a second copy of the same
// page (its address and date follow).
const guidanceDir = "../../testdata/guidance"

// guidanceText is a guideline's stored text without its address lines, and
// the address on its first line.
func guidanceText(t *testing.T, id string) (text, firstAddress string, ok bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(guidanceDir, id+".txt"))
	if err != nil {
		t.Errorf("guideline source %q has no stored text to check its quotes against: %v", id, err)
		return "", "", false
	}
	lines := strings.Split(string(data), "\n")
	var body []string
	for i, l := range lines {
		if i == 0 {
			firstAddress, _, _ = strings.Cut(l, " ")
			continue
		}
		if strings.HasPrefix(l, "--- ") {
			continue
		}
		body = append(body, l)
	}
	return normalise(strings.Join(body, "\n")), firstAddress, true
}

// Every quote that cites a guideline must be a verbatim passage of its stored
// text, and every guideline must have stored text whose first address is the
// source's seen_at.
func TestGuidelineQuotesAreVerbatim(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, s := range tbl.Sources {
		if s.Kind != "guideline" {
			continue
		}
		text, addr, ok := guidanceText(t, s.ID)
		if !ok {
			continue
		}
		if s.SeenAt == "" || addr != s.SeenAt {
			t.Errorf("source %q: seen_at %q, but its stored text was read at %q", s.ID, s.SeenAt, addr)
		}
		texts[s.ID] = text
	}
	n := 0
	check := func(what, source, quote string) {
		text, ok := texts[source]
		if !ok {
			return // an article (TestQuotesAreVerbatim) or a missing file (reported above)
		}
		n++
		if !strings.Contains(text, normalise(quote)) {
			t.Errorf("%s: quote is not verbatim in the stored text of %s:\n  %q", what, source, quote)
		}
	}
	for _, c := range tbl.Causes {
		check("cause "+c.ID, c.Source, c.Quote)
	}
	for _, s := range tbl.Steps {
		check("step "+s.ID, s.Source, s.Quote)
	}
	for _, r := range tbl.Rules {
		check("rule "+r.ID, r.Source, r.Quote)
	}
	if n == 0 {
		t.Fatal("no guideline quotes checked")
	}
	t.Logf("checked %d guideline quotes against %d stored pages", n, len(texts))
}

// Every warning sign in the built-in table says what level its guidance
// gives, every emergency action names "your local emergency number" (the
// screen localises the numbers), and every warning sign but those that raise
// no particular hazard names what it suspects.
func TestBuiltinWarningsDeclareGuidance(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	// Duration, age, getting worse and self-care that has not helped ask for
	// an assessment; they suspect nothing that should stop a self-care step.
	noHazard := map[string]bool{"soon-past-six-weeks": true, "soon-self-care-not-working": true,
		"soon-age-new-pain": true, "soon-getting-worse": true}
	for _, r := range tbl.Rules {
		if !r.IsWarning() {
			continue
		}
		if _, ok := r.GuidanceLevelOf(); !ok {
			t.Errorf("rule %q (%s): no guidance_level", r.ID, r.Pos.File)
		}
		if r.LevelOf() == rules.Emergency && !strings.Contains(r.Action, "your local emergency number") {
			t.Errorf("rule %q: an emergency action must say \"your local emergency number\"", r.ID)
		}
		if len(r.Suspects) == 0 && !noHazard[r.ID] {
			t.Errorf("rule %q: a warning sign must name the hazards it suspects", r.ID)
		}
	}
}
