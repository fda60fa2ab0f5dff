package checkin

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// InvalidFile is a check-in answers file with errors, with the warning-sign
// answers that could still be read from it. The check-in is not recorded,
// but a warning sign is never dropped for an unrelated mistake: the caller
// assesses Warnings and shows an urgent or emergency sign's advice with the
// error.
type InvalidFile struct {
	Err error
	// Warnings are the warning-sign answers read leniently (see
	// salvageWarnings); empty when none could be read.
	Warnings answers.Answers
}

func (e *InvalidFile) Error() string { return e.Err.Error() }
func (e *InvalidFile) Unwrap() error { return e.Err }

// salvageWarnings reads what it can of the warning-sign answers of a file
// that has errors: every option id it knows, item by item, and a valid age.
// It errs on the side of a sign: a list naming chest_pain and a typo still
// names chest_pain. When the file as a whole is not YAML, each top-level
// entry is read on its own. Hostile input (binary, too large, too deep) is
// not read at all: Parse has said why.
func salvageWarnings(data []byte, qn *questionnaire.Questionnaire) answers.Answers {
	out := answers.Answers{}
	if len(data) > answers.MaxFileSize || bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) ||
		input.CheckDepth(data, input.MaxDepth) != nil {
		return out
	}
	if !salvageFrom(data, qn, out) {
		chunks := topLevelEntries(data)
		if len(chunks) > maxEntries {
			// Not a check-in, whatever it is: parsing each entry would
			// cost seconds; the word scan is linear.
			scanWords(data, qn, out)
			return out
		}
		for _, chunk := range chunks {
			if !salvageFrom(chunk, qn, out) {
				scanWords(chunk, qn, out)
			}
		}
	}
	return out
}

// maxEntries bounds the top-level entries parsed one by one: a check-in
// has about fifteen.
const maxEntries = 100

// salvageFrom adds the warning answers of YAML text to out, from every
// document that is a mapping; false when data is not YAML at all.
func salvageFrom(data []byte, qn *questionnaire.Questionnaire, out answers.Answers) bool {
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return false
	}
	for _, doc := range f.Docs {
		pairs, _ := input.NodePairs(input.UnwrapNode(doc.Body))
		salvagePairs(pairs, qn, out)
	}
	return true
}

func salvagePairs(pairs []*ast.MappingValueNode, qn *questionnaire.Questionnaire, out answers.Answers) {
	for _, kv := range pairs {
		q, ok := qn.Question(input.NodeText(kv.Key))
		if !ok || !q.Warning {
			continue
		}
		v, ok := lenient(q, input.UnwrapNode(kv.Value))
		if !ok {
			continue
		}
		if old, seen := out[q.ID]; seen && q.Kind == questionnaire.Many {
			v = answers.Choices(dropExclusive(q, union(old.Options, v.Options))...) // answered twice: keep every sign
		}
		out[q.ID] = v
	}
}

// lenient reads one warning answer, keeping whatever is valid in it.
func lenient(q *questionnaire.Question, n ast.Node) (answers.Value, bool) {
	switch q.Kind {
	case questionnaire.Number:
		v, err := strconv.Atoi(input.NodeText(n))
		if !input.IsScalarNode(n) || err != nil || v < q.Min || v > q.Max {
			return answers.Value{}, false
		}
		return answers.Num(v), true
	case questionnaire.YesNo:
		switch strings.ToLower(input.NodeText(n)) {
		case "true", "yes":
			return answers.Bool(true), true
		case "false", "no":
			return answers.Bool(false), true
		}
		return answers.Value{}, false
	}
	items := []ast.Node{n}
	if seq, ok := n.(*ast.SequenceNode); ok {
		items = seq.Values
	}
	var ids []string
	for _, it := range items {
		it = input.UnwrapNode(it)
		if !input.IsScalarNode(it) {
			continue
		}
		if _, ok := q.Option(input.NodeText(it)); ok {
			ids = union(ids, []string{input.NodeText(it)})
		}
	}
	if len(ids) == 0 {
		return answers.Value{}, false
	}
	return answers.Choices(dropExclusive(q, ids)...), true
}

// dropExclusive leaves out "none of these" beside a sign: the sign counts.
func dropExclusive(q *questionnaire.Question, ids []string) []string {
	if len(ids) < 2 {
		return ids
	}
	return slices.DeleteFunc(ids, func(id string) bool {
		o, _ := q.Option(id)
		return o.Exclusive
	})
}

func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// scanWords reads warning answers from text that is not YAML at all (an
// unclosed bracket or quote, broken JSON): a question id followed by a
// colon starts its answer, and the words after it that are its option ids
// (or a number, yes or no) are taken, up to the next question id.
func scanWords(data []byte, qn *questionnaire.Questionnaire, out answers.Answers) {
	var cur *questionnaire.Question
	text := string(data)
	for _, loc := range word.FindAllStringIndex(text, -1) {
		w := text[loc[0]:loc[1]]
		rest := strings.TrimLeft(text[loc[1]:], "\"' \t")
		if q, ok := qn.Question(w); ok && strings.HasPrefix(rest, ":") {
			cur = q
			continue
		}
		if w == NoteKey && strings.HasPrefix(rest, ":") {
			cur = nil // free text: nothing in it is an answer
			continue
		}
		if cur == nil || !cur.Warning {
			continue
		}
		v, ok := lenient(cur, &ast.StringNode{Value: w})
		if !ok {
			continue
		}
		if old, seen := out[cur.ID]; seen {
			if cur.Kind != questionnaire.Many {
				continue // the first number or yes/no given
			}
			v = answers.Choices(dropExclusive(cur, union(old.Options, v.Options))...)
		}
		out[cur.ID] = v
	}
}

var word = regexp.MustCompile(`[A-Za-z0-9_]+`)

// topLevelEntries splits YAML text into its top-level entries: a line that
// starts at the left margin (not a comment, a list item or a document
// marker) starts one, and the indented or list lines after it belong to it.
func topLevelEntries(data []byte) [][]byte {
	var (
		out [][]byte
		cur []byte
	)
	for line := range bytes.Lines(data) {
		starts := len(line) > 0 && !strings.ContainsRune(" \t\r\n#-", rune(line[0]))
		if starts && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		cur = append(cur, line...)
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
