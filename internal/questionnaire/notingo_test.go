package questionnaire_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// No question's words are in Go: every prompt, the dialogs' too, is read
// from rules/questions.yaml. The internal packages and the commands are
// scanned; tests may quote a prompt.
func TestNoQuestionTextInGo(t *testing.T) {
	var prompts []string
	for _, qn := range []*questionnaire.Questionnaire{questionnaire.Default(), questionnaire.Followup()} {
		for _, q := range qn.Questions() {
			prompts = append(prompts, q.Prompt)
		}
	}
	for _, r := range questionnaire.Dialogs().Records() {
		// The words either side of the path: a Go literal would hold them.
		for _, words := range r[2:] {
			for _, part := range strings.Split(words, questionnaire.PathPlaceholder) {
				if part = strings.TrimSpace(part); len(part) > 6 {
					prompts = append(prompts, part)
				}
			}
		}
	}
	walk := func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		lits, err := stringLiterals(path)
		for _, lit := range lits {
			for _, p := range prompts {
				if strings.Contains(lit, p) {
					t.Errorf("%s holds the words %q: read them from questionnaire", path, p)
				}
			}
		}
		return err
	}
	for _, root := range []string{"..", "../../cmd"} {
		if err := filepath.WalkDir(root, walk); err != nil {
			t.Fatal(err)
		}
	}
}

// stringLiterals are the string literals of a Go file (a comment may
// quote a question).
func stringLiterals(path string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, s)
			}
		}
		return true
	})
	return out, nil
}
