package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	builtin "github.com/backtriage/backtriage/rules"
)

// seedsDir is where the articles live: shared/seeds beside the repository.
const seedsDir = "../../../shared/seeds"

// normalise folds white space and typographic quotes, the only liberties a
// quote may take with its article.
func normalise(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Every quote that cites an article must be a verbatim passage of it.
func TestQuotesAreVerbatim(t *testing.T) {
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("articles not found at %s (they live in shared/seeds beside the repository): %v", seedsDir, err)
	}
	tbl, err := rules.Load(builtin.FS, "rules", questionnaire.Default())
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

// The author of one article discourages seeing a doctor; the tool never
// repeats that.
func TestNoDiscouragementOfDoctors(t *testing.T) {
	tbl, err := rules.Load(builtin.FS, "rules", questionnaire.Default())
	if err != nil {
		t.Fatal(err)
	}
	banned := []string{"not too much sense in seeing your doctor", "don't know much about muscles", "masks symptoms"}
	var all []string
	for _, c := range tbl.Causes {
		all = append(all, c.About, c.Quote)
	}
	for _, s := range tbl.Steps {
		all = append(all, s.How, s.Fits, s.Caution, s.Quote)
	}
	for _, r := range tbl.Rules {
		all = append(all, r.Title, r.Action, r.SeekHelp, r.Quote)
	}
	for _, text := range all {
		for _, b := range banned {
			if strings.Contains(strings.ToLower(normalise(text)), b) {
				t.Errorf("rule table repeats the article's discouragement of doctors: %q", text)
			}
		}
	}
}
