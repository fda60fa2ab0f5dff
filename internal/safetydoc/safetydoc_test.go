package safetydoc_test

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/safetydoc"
)

var update = flag.Bool("update", false, "rewrite docs/clinical-safety.md from the rule table")

const docPath = "../../" + safetydoc.Path

// The clinical safety document in the repository is exactly the one the
// rule table generates.
func TestClinicalSafetyDocIsCurrent(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", nil)
	if err != nil {
		t.Fatal(err)
	}
	qn := tbl.Questionnaire()
	want := safetydoc.Render(qn, tbl)
	if *update {
		if err := os.MkdirAll("../../docs", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(docPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatalf("%v; run: go run ./cmd/backtriage rules doc -o "+safetydoc.Path+" (or go test ./internal/safetydoc -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal(safetydoc.Path + " is out of date with rules/*.yaml; run: go generate ./... (or go run ./cmd/backtriage rules doc -o " + safetydoc.Path + ")")
	}
}

// Every warning option reaches a rule, and every warning rule and source
// is in the document.
func TestClinicalSafetyDocCoversTheTable(t *testing.T) {
	tbl, err := rules.Load(backtriage.RuleFiles(), "rules", nil)
	if err != nil {
		t.Fatal(err)
	}
	qn := tbl.Questionnaire()
	out := string(safetydoc.Render(qn, tbl))
	if strings.Contains(out, "**none**") {
		t.Error("a warning option reaches no rule with a level")
	}
	for _, r := range tbl.Rules {
		if (r.IsWarning() || r.SeekHelp != "") && !strings.Contains(out, "`"+r.ID+"`") {
			t.Errorf("rule %s missing from the document", r.ID)
		}
	}
	for _, s := range tbl.Sources {
		if !strings.Contains(out, "(`"+s.ID+"`)") {
			t.Errorf("source %s missing from the document", s.ID)
		}
	}
}
