package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// seedsDir is where the articles live: shared/seeds beside the repository.
const seedsDir = "../../../shared/seeds"

// needArticles skips a test that checks quotes against the two source
// articles when they are not beside the repository, saying where it looked:
// the articles are not part of the repository.
func needArticles(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		abs, _ := filepath.Abs(seedsDir)
		t.Skipf("skipped: the source articles are not next to the repository; looked in %s (shared/seeds beside the repository folder): %v", abs, err)
	}
}

// normalise folds white space and typographic quotes, the only liberties a
// quote may take with its article.
func normalise(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Every quote that cites an article must be a verbatim passage of it.
func TestQuotesAreVerbatim(t *testing.T) {
	needArticles(t)
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, s := range tbl.Sources {
		if s.Kind == "article" && s.Seed == "" {
			t.Errorf("source %q is an article but names no seed file to check quotes against", s.ID)
		}
		if s.Seed == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(seedsDir, s.Seed))
		if err != nil {
			t.Errorf("source %q: %v", s.ID, err)
			continue
		}
		texts[s.ID] = normalise(string(data))
	}
	check := func(what, source, quote string) {
		text, ok := texts[source]
		if !ok {
			return // a guideline: not available offline
		}
		if !strings.Contains(text, normalise(quote)) {
			t.Errorf("%s: quote is not verbatim in %s:\n  %q", what, source, quote)
		}
	}
	n := 0
	for _, c := range tbl.Causes {
		check("cause "+c.ID, c.Source, c.Quote)
		n++
	}
	for _, s := range tbl.Steps {
		check("step "+s.ID, s.Source, s.Quote)
		n++
	}
	for _, r := range tbl.Rules {
		check("rule "+r.ID, r.Source, r.Quote)
		n++
	}
	t.Logf("checked %d quotes against %d articles", n, len(texts))
}

// commenters are the readers who wrote the numbered comments of the morning
// article, by comment number; the other comments are Kathryn Merrow's
// replies (she is the article's author).
var commenters = map[int]string{1: "Ele", 3: "Charlotte", 5: "Shawn", 7: "Emma", 9: "Darren", 11: "Paula", 13: "Ray"}

// Every quote from an article says who said it, and that is who did: the
// author (the article's text or, in the morning article, Kathryn Merrow's
// replies) or the reader whose comment it is.
func TestSaidByMatchesTheArticle(t *testing.T) {
	needArticles(t)
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	// speakers maps a source id to its passages and who wrote each.
	type passage struct{ who, text string }
	speakers := map[string][]passage{}
	for _, s := range tbl.Sources {
		if s.Seed == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(seedsDir, s.Seed))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		body, comments, found := strings.Cut(text, " thoughts on ")
		if !found {
			speakers[s.ID] = []passage{{rules.SaidByAuthor, normalise(text)}}
			continue
		}
		ps := []passage{{rules.SaidByAuthor, normalise(body)}}
		// Comments are numbered "  N. " at the start of a line; lists inside
		// a comment are indented further.
		re := regexp.MustCompile(`\n  (\d+)\. `)
		idx := re.FindAllStringSubmatchIndex(comments, -1)
		for i, m := range idx {
			end := len(comments)
			if i+1 < len(idx) {
				end = idx[i+1][0]
			}
			n, _ := strconv.Atoi(comments[m[2]:m[3]])
			who := rules.SaidByAuthor
			if name, ok := commenters[n]; ok {
				who = name
			}
			ps = append(ps, passage{who, normalise(comments[m[1]:end])})
		}
		if len(idx) != 14 {
			t.Fatalf("%s: found %d comments, want 14", s.ID, len(idx))
		}
		speakers[s.ID] = ps
	}
	check := func(what, source, quote, saidBy string) {
		ps, ok := speakers[source]
		if !ok {
			if saidBy != "" {
				t.Errorf("%s: said_by %q for guidance", what, saidBy)
			}
			return
		}
		if saidBy == "" {
			t.Errorf("%s: quotes %s but does not say who said it (said_by)", what, source)
			return
		}
		var by []string
		for _, p := range ps {
			if strings.Contains(p.text, normalise(quote)) {
				by = append(by, p.who)
			}
		}
		if len(by) > 0 && !slices.Contains(by, saidBy) {
			t.Errorf("%s: said_by %q, but the quote is %s's", what, saidBy, strings.Join(by, ", "))
		}
	}
	for _, c := range tbl.Causes {
		check("cause "+c.ID, c.Source, c.Quote, c.SaidBy)
	}
	for _, s := range tbl.Steps {
		check("step "+s.ID, s.Source, s.Quote, s.SaidBy)
	}
	for _, r := range tbl.Rules {
		check("rule "+r.ID, r.Source, r.Quote, r.SaidBy)
	}
}
