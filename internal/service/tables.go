package service

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/vignettes"
)

// BuiltinTable is how the built-in rule table is named in messages.
const BuiltinTable = "built-in rules"

// DefaultCasesDir is where the vignettes are looked for when no folder is
// given, relative to the current folder (the repository's root).
const DefaultCasesDir = "testdata/vignettes"

// TableError is a rule table, or a vignette folder, that could not be
// read or has errors; each error names its file and line.
type TableError struct{ Err error }

func (e *TableError) Error() string { return e.Err.Error() }
func (e *TableError) Unwrap() error { return e.Err }

// CasesDirError is a vignette folder that was asked for and is not one.
type CasesDirError struct {
	Dir string
	Err error
}

func (e *CasesDirError) Error() string { return fmt.Sprintf("%s: %v", e.Dir, e.Err) }
func (e *CasesDirError) Unwrap() error { return e.Err }

// Engine is what an assessment runs on: the rule table of dir, or with dir
// empty the compiled snapshot of the built-in one (a millisecond, not
// ten). Its questionnaire is the table's: dir's own, or the built-in one.
func Engine(dir string) (*triage.Engine, error) {
	t, err := loadTable(dir, func(qn *questionnaire.Questionnaire) (*rules.Table, error) {
		return rules.LoadSnapshot(backtriage.RuleSnapshot(), qn)
	})
	if err != nil {
		return nil, err
	}
	return triage.New(t.Questionnaire(), t), nil
}

// TableSource is the YAML of the table the rules commands work on: dir's,
// or with dir empty the built-in one. Never the compiled snapshot, which
// leaves the rules' inline cases out. A folder without a questionnaire is
// checked against the built-in one.
func TableSource(dir string) (*rules.Table, error) {
	return loadTable(dir, func(qn *questionnaire.Questionnaire) (*rules.Table, error) {
		return rules.Load(backtriage.RuleFiles(), "rules", qn)
	})
}

// loadTable loads the folder dir, or with dir empty the built-in table as
// builtin reads it; its errors are a TableError.
func loadTable(dir string, builtin func(*questionnaire.Questionnaire) (*rules.Table, error)) (*rules.Table, error) {
	qn := questionnaire.Default()
	var (
		t   *rules.Table
		err error
	)
	if dir == "" {
		t, err = builtin(qn)
	} else {
		t, err = rules.LoadDir(dir, qn)
	}
	if err != nil {
		return nil, &TableError{err}
	}
	return t, nil
}

// TableName is how the table of dir is named in messages.
func TableName(dir string) string {
	if dir == "" {
		return BuiltinTable
	}
	return dir
}

// RulesTest is a table run against its vignettes and its inline cases.
type RulesTest struct {
	Report *vignettes.Report
	Meta   vignettes.Meta
}

// TestRules runs the table of tableDir against the vignettes of casesDir
// and the cases its rules carry. With casesDir empty the vignettes are
// DefaultCasesDir's when it is a folder here, else there are none and
// Meta says so; a casesDir given and not a folder is a *CasesDirError.
func TestRules(tableDir, casesDir string) (*RulesTest, error) {
	t, err := TableSource(tableDir)
	if err != nil {
		return nil, err
	}
	qn := t.Questionnaire()
	cases, meta, err := loadCases(casesDir, qn, t)
	if err != nil {
		return nil, err
	}
	meta.Table = TableName(tableDir)
	return &RulesTest{Report: vignettes.Run(triage.New(qn, t), cases), Meta: meta}, nil
}

// loadCases reads the vignettes of dir, or DefaultCasesDir's when dir is
// empty and it exists.
func loadCases(dir string, qn *questionnaire.Questionnaire, t *rules.Table) ([]*vignettes.Case, vignettes.Meta, error) {
	given := dir != ""
	if !given {
		dir = DefaultCasesDir
	}
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		cases, err := vignettes.LoadDir(dir, qn, t)
		if err != nil {
			return nil, vignettes.Meta{}, &TableError{err}
		}
		return cases, vignettes.Meta{CasesDir: dir}, nil
	case !given:
		return nil, vignettes.Meta{Note: fmt.Sprintf("no vignettes found (%s is not a directory here; use --cases DIR); "+
			"running the inline rule cases only", dir)}, nil
	case err == nil:
		return nil, vignettes.Meta{}, &CasesDirError{dir, errors.New("not a directory")}
	case errors.Is(err, fs.ErrNotExist):
		return nil, vignettes.Meta{}, &CasesDirError{dir, errors.New("no such directory")}
	}
	return nil, vignettes.Meta{}, &CasesDirError{dir, err}
}
