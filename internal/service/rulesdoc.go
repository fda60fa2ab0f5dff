package service

import (
	"errors"
	"fmt"
	"io"

	"github.com/backtriage/backtriage/internal/safetydoc"
	"github.com/backtriage/backtriage/internal/vignettes"
)

// SafetyDocPath is where the repository keeps the clinical safety
// document, relative to its root.
const SafetyDocPath = safetydoc.Path

// SafetyDoc is the clinical safety document of the table in dir (the
// built-in one when empty), as Markdown.
func SafetyDoc(dir string) ([]byte, error) {
	t, err := TableSource(dir)
	if err != nil {
		return nil, err
	}
	return safetydoc.Render(t.Questionnaire(), t), nil
}

// TableSummary is `rules check`'s line for a table that loads: how much
// it holds, in how many files.
func TableSummary(dir string) (string, error) {
	t, err := TableSource(dir)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s: ok: %d sources, %d causes, %d steps, %d rules in %d files",
		TableName(dir), len(t.Sources), len(t.Causes), len(t.Steps), len(t.Rules), len(t.Files)), nil
}

// Write writes the run's report: a table of cases and the figures, as
// text or as JSON.
func (r *RulesTest) Write(w io.Writer, asJSON bool) error {
	if asJSON {
		return vignettes.WriteJSON(w, r.Report, r.Meta)
	}
	return vignettes.WriteText(w, r.Report, r.Meta)
}

// Failed is nil when every case passed, else an error summing up what
// failed.
func (r *RulesTest) Failed() error {
	if r.Report.OK() {
		return nil
	}
	return errors.New("rules test: " + vignettes.Summary(r.Report))
}
