// Package testrules is a small, stable rule table for the terminal UI's and
// the accessible mode's tests, independent of the shipped table's content.
package testrules

import (
	"embed"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
)

//go:embed *.yaml
var fsys embed.FS

// Engine loads the test table against the default questionnaire.
func Engine() (*triage.Engine, error) {
	qn := questionnaire.Default()
	t, err := rules.Load(fsys, "testrules", qn)
	if err != nil {
		return nil, err
	}
	return triage.New(qn, t), nil
}
