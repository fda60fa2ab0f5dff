package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// tableTexts lists every text of the built-in table a person can read, with
// what it belongs to: titles, explanations, how-tos, cautions, actions, help
// lines, departures and the notes on our own suggestions.
func tableTexts(t *testing.T) (*rules.Table, []struct{ what, text string }) {
	t.Helper()
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	var out []struct{ what, text string }
	add := func(what string, texts ...string) {
		for _, s := range texts {
			if s != "" {
				out = append(out, struct{ what, text string }{what, s})
			}
		}
	}
	for _, c := range tbl.Causes {
		add("cause "+c.ID, c.Title, c.About, c.Own)
		for _, m := range c.Muscles {
			add("cause "+c.ID, m.Name, m.Where)
		}
	}
	for _, s := range tbl.Steps {
		add("step "+s.ID, s.Title, s.How, s.Fits, s.Caution, s.Own)
	}
	for _, r := range tbl.Rules {
		add("rule "+r.ID, r.Title, r.Action, r.SeekHelp, r.Departure, r.Own)
	}
	return tbl, out
}

// storedTexts is every source text a quote can be checked against: the
// stored guidance pages and the two articles, normalised.
func storedTexts(t *testing.T, tbl *rules.Table) []string {
	t.Helper()
	var out []string
	for _, s := range tbl.Sources {
		switch {
		case s.Kind == "guideline":
			if text, _, ok := guidanceText(t, s.ID); ok {
				out = append(out, text)
			}
		case s.Seed != "":
			needArticles(t)
			data, err := os.ReadFile(filepath.Join(seedsDir, s.Seed))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, normalise(string(data)))
		}
	}
	return out
}

// Words in double quotes inside a step's how-to, a cause's text or a help
// line are shown to the person as someone's words ("the NHS says either can
// help: ... "to reduce pain and swelling""); each must be verbatim in a
// stored page or an article, so no quote is remembered or reworded.
func TestQuotedWordsInTextsAreVerbatim(t *testing.T) {
	tbl, texts := tableTexts(t)
	stored := storedTexts(t, tbl)
	quoted := regexp.MustCompile(`"([^"]+)"`)
	n := 0
	for _, x := range texts {
		for _, m := range quoted.FindAllStringSubmatch(x.text, -1) {
			n++
			q := normalise(m[1])
			found := false
			for _, s := range stored {
				if strings.Contains(s, q) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: %q is shown in quotes but is not verbatim in any stored page or article", x.what, m[1])
			}
		}
	}
	if n == 0 {
		t.Fatal("no quoted words found in the table's texts")
	}
}

// The pain-relief step, shown to everyone below emergency level, names the
// people who must ask a pharmacist or doctor before ibuprofen: the tool does
// not ask about asthma, ulcers, kidneys or blood thinners, so it says so to
// everyone.
func TestPainReliefNamesIbuprofenCautions(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	s := tbl.Step("pain-relief")
	if s == nil {
		t.Fatal("no pain-relief step")
	}
	how := strings.ToLower(s.How)
	for _, w := range []string{"pregnant", "breastfeeding", "asthma", "stomach ulcer", "kidney", "thins the blood", "pharmacist or doctor before taking ibuprofen"} {
		if !strings.Contains(how, w) {
			t.Errorf("pain-relief does not mention %q:\n%s", w, s.How)
		}
	}
}

// The tool never recommends a medicine dose: no amount in milligrams or
// millilitres, no number of tablets, anywhere in the table.
func TestNoMedicineDoses(t *testing.T) {
	_, texts := tableTexts(t)
	dose := regexp.MustCompile(`(?i)\b\d+\s*(mg|milligrams?|ml|millilitres?)\b|\b(one|two|three|four|\d+)\s+(tablets?|capsules?|pills?|doses?)\b|\b(tablets?|capsules?|pills?)\s+(a|per|every)\s+(day|hour)`)
	for _, x := range texts {
		if m := dose.FindString(x.text); m != "" {
			t.Errorf("%s: gives a medicine dose (%q): %s", x.what, m, x.text)
		}
	}
	// The pattern must catch what a dose looks like.
	for _, s := range []string{"take 400mg three times a day", "two tablets up to four times a day", "10 ml of the syrup"} {
		if !dose.MatchString(s) {
			t.Errorf("dose pattern misses %q", s)
		}
	}
}

// discourages matches text that tells someone not to see a doctor,
// physiotherapist or GP, or that they need not: Kathryn Merrow's reply to
// Charlotte ("Probably not too much sense in seeing your doctor because most
// doctors, unfortunately, don't know much about muscles") is the model.
var discourages = regexp.MustCompile(`(?i)` + strings.Join([]string{
	// "not too much sense in seeing your doctor", "no point going to a GP"
	`\b(no|not (too )?much|little|any) (real )?(sense|point|need|use)( in| to)? (see|seeing|go|going|visit|visiting|call|calling|book|booking|bother|bothering)( to| with)? (a|an|your|the) (doctor|gp|physio)`,
	// "you don't need to see a doctor", "never go to your GP"
	`\b(don't|do not|doesn't|does not|won't|will not|never|needn't|need not) (really )?(need to |have to )?(see|go to|visit|call|book|bother) (a|an|your|the) (doctor|gp|physio)`,
	// "doctors don't know much about muscles", "physios can't help"
	`\b(doctors|gps|physios|physiotherapists|most doctors) (unfortunately, )?(don't|do not|can't|cannot|won't) (know|help|do)`,
	// "skip the doctor", "avoid seeing a GP"
	`\b(skip|avoid|put off|delay) (seeing |going to |visiting )?(a|an|your|the) (doctor|gp|physio)`,
	// "instead of seeing a doctor" (but not "never instead of ...")
	`(^|[^r] )(instead of|rather than) (seeing |going to |visiting |calling )?(a|an|your|the) (doctor|gp|physio)`,
	// "medicine ... masks symptoms"
	`\bmasks? (the )?symptoms`,
}, "|"))

// The tool never discourages seeing a doctor, though one article's author
// does: no title, text, how-to, caution, action, help line, departure, note
// or quote in the table may say or imply that a doctor is not worth seeing.
func TestNoDiscouragementOfDoctors(t *testing.T) {
	// The pattern must catch the article's words and plain variants, and
	// leave the tool's own encouragements alone.
	for _, s := range []string{
		"Probably not too much sense in seeing your doctor because most doctors, unfortunately, don't know much about muscles.",
		"Medicine for muscle pain masks symptoms more than it helps heal.",
		"You don't need to see a doctor for this.",
		"There is no point going to your GP.",
		"Try this instead of seeing a doctor.",
		"Skip the doctor and see a massage therapist.",
	} {
		if !discourages.MatchString(s) {
			t.Errorf("the pattern misses %q", s)
		}
	}
	for _, s := range []string{
		"Massage is not a substitute for seeing a doctor about any warning sign.",
		"Only alongside the help above, never instead of it.",
		"You never need a reason from this tool to get help.",
		"Book a doctor or physiotherapist if the pain lasts more than 6 weeks.",
		"Not after a fall or accident until a doctor has checked you.",
	} {
		if discourages.MatchString(s) {
			t.Errorf("the pattern wrongly flags %q", s)
		}
	}

	tbl, texts := tableTexts(t)
	for _, c := range tbl.Causes {
		texts = append(texts, struct{ what, text string }{"cause " + c.ID, c.Quote})
	}
	for _, s := range tbl.Steps {
		texts = append(texts, struct{ what, text string }{"step " + s.ID, s.Quote})
	}
	for _, r := range tbl.Rules {
		texts = append(texts, struct{ what, text string }{"rule " + r.ID, r.Quote})
	}
	for _, x := range texts {
		if m := discourages.FindString(normalise(x.text)); m != "" {
			t.Errorf("%s discourages seeing a doctor (%q): %s", x.what, m, x.text)
		}
	}
}
