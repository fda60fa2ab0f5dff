package answers

import (
	"github.com/goccy/go-yaml/ast"

	"github.com/backtriage/backtriage/internal/input"
)

// summaryAnswers finds the answers inside a JSON summary written by
// `backtriage assess --format json` (or the export dialog): a document with
// a top-level "schema" key keeps the answers under "answers", in the
// answers-file format. So a saved summary reopens with --answers.
func summaryAnswers(n ast.Node) (ast.Node, bool) {
	pairs, ok := input.NodePairs(input.UnwrapNode(n))
	if !ok {
		return nil, false
	}
	var schema bool
	var ans ast.Node
	for _, p := range pairs {
		switch p.Key.String() {
		case "schema", `"schema"`:
			schema = true
		case "answers", `"answers"`:
			ans = p.Value
		}
	}
	if !schema || ans == nil {
		return nil, false
	}
	return ans, true
}
