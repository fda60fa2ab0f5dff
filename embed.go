// Package backtriage holds what ships inside the binary besides the code:
// the built-in rule table and its questionnaire, as YAML (rules/*.yaml, the
// source of truth; see rules/README.md for the format) and compiled to JSON
// (rules/table.json). internal/rules loads and validates it;
// internal/questionnaire reads the questions from the head of the JSON. The
// package sits at the root so that the folder rules/ holds only the table,
// and so that no package but the loader is named rules.
//
// After editing rules/*.yaml, `go generate ./...` rebuilds, in this order,
// the snapshot, the clinical safety document and the golden summaries
// (which are built from the new snapshot); review each diff.
package backtriage

//go:generate go test ./internal/rules -run ^TestBuiltinSnapshot$ -update
//go:generate go test ./internal/safetydoc -run ^TestClinicalSafetyDocIsCurrent$ -update
//go:generate go test ./internal/report -update

import (
	"embed"
	"io/fs"
)

//go:embed rules/*.yaml
var ruleFiles embed.FS

//go:embed rules/table.json
var ruleSnapshot []byte

// RuleFiles is the built-in table's *.yaml files, at the root of the FS.
func RuleFiles() fs.FS {
	sub, err := fs.Sub(ruleFiles, "rules")
	if err != nil {
		panic(err) // "rules" is a valid path: fs.Sub cannot fail on it
	}
	return sub
}

// RuleSnapshot is the same table validated and compiled to JSON, which
// loads in a fraction of the time YAML takes, the questionnaire first.
// Regenerate it after editing the YAML: go generate ./...
func RuleSnapshot() []byte { return ruleSnapshot }
