// Package testrules is a small, stable rule table for the terminal UI's and
// the accessible mode's tests, independent of the shipped table's content.
package testrules

import (
	"embed"
	"io/fs"
	"testing/fstest"

	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testtable"
	"github.com/backtriage/backtriage/internal/triage"
)

//go:embed *.yaml
var embedded embed.FS

// ownWarnings are the warning questions rules.yaml gives levels itself;
// every other warning option gets testtable's one urgent rule, so warning
// questions added later need no edit here.
var ownWarnings = []string{"warning_now", "warning_nerves", "warning_history"}

// Engine loads the test table against the default questionnaire.
func Engine() (*triage.Engine, error) {
	qn := questionnaire.Default()
	data, err := fs.ReadFile(embedded, "rules.yaml")
	if err != nil {
		return nil, err
	}
	var covered []string
	for _, id := range ownWarnings {
		q, _ := qn.Question(id)
		for _, o := range q.Options {
			covered = append(covered, o.ID)
		}
	}
	fsys := fstest.MapFS{
		"rules.yaml":       {Data: data},
		"zz-warnings.yaml": {Data: testtable.WarningRules(qn, "guide", covered...)},
	}
	t, err := rules.Load(fsys, "testrules", qn)
	if err != nil {
		return nil, err
	}
	return triage.New(qn, t), nil
}
