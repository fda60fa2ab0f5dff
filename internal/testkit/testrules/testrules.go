// Package testrules is a small, stable rule table for the terminal UI's and
// the accessible mode's tests, independent of the shipped table's content.
package testrules

import (
	"embed"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/goccy/go-yaml"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testtable"
	"github.com/backtriage/backtriage/internal/triage"
)

//go:embed *.yaml
var embedded embed.FS

// ownWarnings are the warning questions rules.yaml gives levels itself;
// every other warning option, and an option of these that rules.yaml does
// not name, gets testtable's one urgent rule, so warning questions and
// options added later need no edit here.
var ownWarnings = []string{"warning_now", "warning_nerves", "warning_history"}

// Engine loads the test table against the default questionnaire.
func Engine() (*triage.Engine, error) {
	qn := questionnaire.Default()
	data, err := fs.ReadFile(embedded, "rules.yaml")
	if err != nil {
		return nil, err
	}
	covered, err := named(data)
	if err != nil {
		return nil, err
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

// named lists the options of ownWarnings that the rules of rules.yaml name
// in a condition of the form {question: option} or {question: [options]}.
func named(data []byte) ([]string, error) {
	var file struct {
		Rules []struct {
			When any `yaml:"when"` // a mapping, or "always"
		} `yaml:"rules"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range file.Rules {
		when, _ := r.When.(map[string]any)
		for q, v := range when {
			if !slices.Contains(ownWarnings, q) {
				continue
			}
			switch v := v.(type) {
			case string:
				ids = append(ids, v)
			case []any:
				for _, id := range v {
					if id, ok := id.(string); ok {
						ids = append(ids, id)
					}
				}
			}
		}
	}
	return ids, nil
}

// Builtin is the engine of the program's own rule table (the compiled
// snapshot) and questionnaire: the one tests about real advice use, loaded
// in one place.
func Builtin(tb testing.TB) *triage.Engine {
	tb.Helper()
	qn := questionnaire.Default()
	t, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), qn)
	if err != nil {
		tb.Fatal(err)
	}
	return triage.New(qn, t)
}
