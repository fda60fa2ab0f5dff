package answers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/backtriage/backtriage/internal/diag"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/safeio"
	"github.com/backtriage/backtriage/internal/yamlnode"
)

// MaxFileSize bounds an answers file. Real ones are under 2 KiB; anything near
// this is a wrong file, and refusing it early keeps parsing cheap.
const MaxFileSize = 256 << 10

// ReadFile reads an answers file; "-" reads standard input (named <stdin>).
// Only a regular file is read, never blocking (a FIFO or device is refused
// after a stat), and no more than MaxFileSize bytes of either.
func ReadFile(path string, stdin io.Reader, qn *questionnaire.Questionnaire) (Answers, error) {
	name := path
	var (
		data []byte
		err  error
	)
	if path == "-" {
		name = "<stdin>"
		data, err = safeio.ReadAll(stdin, MaxFileSize)
	} else {
		data, err = safeio.ReadFile(path, MaxFileSize)
	}
	switch {
	case errors.Is(err, safeio.ErrTooLarge):
		return nil, tooLarge(name)
	case errors.Is(err, safeio.ErrNotRegular):
		var errs diag.List
		errs.Add(name, 0, 0, "%v; an answers file must be a regular file (or - for standard input)", err)
		return nil, errs.Err()
	case err != nil && path != "-":
		return nil, fmt.Errorf("answers file: %w", err)
	case err != nil:
		return nil, fmt.Errorf("%s: reading: %w", name, err)
	}
	return Parse(name, data, qn)
}

func tooLarge(name string) error {
	var errs diag.List
	errs.Add(name, 0, 0, "file is larger than %d KiB; an answers file is a short list of question ids and answers", MaxFileSize>>10)
	return errs.Err()
}

// Parse reads answers from YAML or JSON (JSON is read as YAML, which it is).
// Every problem is reported, each as file:line:col with the valid values.
func Parse(name string, data []byte, qn *questionnaire.Questionnaire) (Answers, error) {
	var errs diag.List
	switch {
	case len(data) > MaxFileSize:
		return nil, tooLarge(name)
	case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
		errs.Add(name, 0, 0, "not a text file (binary data); expected YAML or JSON mapping question ids to answers")
		return nil, errs.Err()
	case len(bytes.TrimSpace(stripComments(data))) == 0:
		errs.Add(name, 0, 0, "file is empty; expected YAML or JSON mapping question ids to answers, e.g. \"duration: days_1_2\"")
		return nil, errs.Err()
	}
	// The parser's cost grows fast with nesting; an answers file has two levels.
	var deep *safeio.DepthError
	if errors.As(safeio.CheckDepth(data, safeio.MaxDepth), &deep) {
		errs.Add(name, deep.Line, deep.Col, "%v; an answers file maps question ids to answers", deep)
		return nil, errs.Err()
	}
	// Duplicates are reported by FromNode, which says which question.
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		yamlnode.AddError(&errs, name, "", err)
		return nil, errs.Err()
	}
	if len(f.Docs) != 1 {
		errs.Add(name, 0, 0, "expected one YAML document, found %d", len(f.Docs))
		return nil, errs.Err()
	}
	if a, ok := summaryAnswers(f.Docs[0].Body); ok {
		return FromNode(name, a, qn) // a JSON summary: its answers
	}
	return FromNode(name, f.Docs[0].Body, qn)
}

// FromNode reads answers from a YAML node, such as a test case inside a rule
// file, with the same checks and messages as an answers file.
func FromNode(name string, n ast.Node, qn *questionnaire.Questionnaire) (Answers, error) {
	var errs diag.List
	body := yamlnode.Unwrap(n)
	pairs, ok := yamlnode.Pairs(body)
	switch {
	case body == nil:
		errs.Add(name, 0, 0, "file is empty; expected a mapping of question ids to answers")
		return nil, errs.Err()
	case !ok:
		line, col := yamlnode.Pos(body)
		errs.Add(name, line, col, "expected a mapping of question ids to answers, found %s", yamlnode.Describe(body))
		return nil, errs.Err()
	}

	a := Answers{}
	seen := map[string]int{}
	for _, kv := range pairs {
		line, col := yamlnode.Pos(kv.Key)
		key := yamlnode.Text(kv.Key)
		if prev, dup := seen[key]; dup {
			errs.Add(name, line, col, "question %q answered twice (first on line %d)", key, prev)
			continue
		}
		seen[key] = line
		q, ok := qn.Question(key)
		if !ok {
			errs.Add(name, line, col, "unknown question %q; %s", key, diag.OneOf(key, qn.IDs()))
			continue
		}
		v, ok := decodeValue(name, q, yamlnode.Unwrap(kv.Value), &errs)
		if ok {
			a[q.ID] = v
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

func decodeValue(file string, q *questionnaire.Question, n ast.Node, errs *diag.List) (Value, bool) {
	if n == nil {
		return Value{}, false // "question:" with nothing after it: left unanswered
	}
	line, col := yamlnode.Pos(n)
	if _, isNull := n.(*ast.NullNode); isNull {
		return Value{}, false
	}
	switch q.Kind {
	case questionnaire.YesNo:
		switch strings.ToLower(yamlnode.Text(n)) {
		case "true", "yes":
			return Bool(true), true
		case "false", "no":
			return Bool(false), true
		}
		errs.Add(file, line, col, "question %q: expected yes or no (true or false), found %s", q.ID, yamlnode.Describe(n))
	case questionnaire.Number:
		if _, ok := n.(*ast.IntegerNode); !ok {
			errs.Add(file, line, col, "question %q: expected a whole number from %d to %d, found %s", q.ID, q.Min, q.Max, yamlnode.Describe(n))
			return Value{}, false
		}
		v, err := strconv.Atoi(yamlnode.Text(n))
		if err != nil || v < q.Min || v > q.Max {
			errs.Add(file, line, col, "question %q: %s is out of range; expected %d to %d %s", q.ID, yamlnode.Text(n), q.Min, q.Max, q.Unit)
			return Value{}, false
		}
		return Num(v), true
	case questionnaire.One:
		if !yamlnode.IsScalar(n) {
			errs.Add(file, line, col, "question %q takes one option, found %s; %s", q.ID, yamlnode.Describe(n), "valid: "+strings.Join(q.OptionIDs(), ", "))
			return Value{}, false
		}
		id := yamlnode.Text(n)
		if _, ok := q.Option(id); !ok {
			errs.Add(file, line, col, "question %q: unknown option %q; %s", q.ID, id, diag.OneOf(id, q.OptionIDs()))
			return Value{}, false
		}
		return Choice(id), true
	case questionnaire.Many:
		var items []ast.Node
		if seq, ok := n.(*ast.SequenceNode); ok {
			items = seq.Values
		} else if yamlnode.IsScalar(n) {
			items = []ast.Node{n} // a single option without brackets is fine
		} else {
			errs.Add(file, line, col, "question %q: expected a list of options, found %s", q.ID, yamlnode.Describe(n))
			return Value{}, false
		}
		var ids []string
		bad := false
		for _, it := range items {
			it = yamlnode.Unwrap(it)
			il, ic := yamlnode.Pos(it)
			if !yamlnode.IsScalar(it) {
				errs.Add(file, il, ic, "question %q: expected an option id, found %s", q.ID, yamlnode.Describe(it))
				bad = true
				continue
			}
			id := yamlnode.Text(it)
			_, ok := q.Option(id)
			switch {
			case !ok:
				errs.Add(file, il, ic, "question %q: unknown option %q; %s", q.ID, id, diag.OneOf(id, q.OptionIDs()))
				bad = true
			case slices.Contains(ids, id):
				errs.Add(file, il, ic, "question %q: option %q listed twice", q.ID, id)
				bad = true
			default:
				ids = append(ids, id)
			}
		}
		if bad {
			return Value{}, false
		}
		if len(ids) == 0 {
			return Value{}, false // [] is "not answered"
		}
		if len(ids) > 1 {
			for _, id := range ids {
				if o, _ := q.Option(id); o.Exclusive {
					errs.Add(file, line, col, "question %q: %q (%s) cannot be combined with other options", q.ID, id, o.Label)
					return Value{}, false
				}
			}
		}
		return Choices(ids...), true
	}
	return Value{}, false
}

func stripComments(data []byte) []byte {
	var out []byte
	for line := range bytes.Lines(data) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '#' {
			continue
		}
		out = append(out, line...)
	}
	return out
}
