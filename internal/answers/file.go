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

	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
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
		data, err = input.ReadAll(stdin, MaxFileSize)
	} else {
		data, err = input.ReadFile(path, MaxFileSize)
	}
	switch {
	case errors.Is(err, input.ErrTooLarge):
		return nil, tooLarge(name)
	case errors.Is(err, input.ErrNotRegular):
		var errs input.List
		errs.Add(name, 0, 0, "%v; an answers file must be a regular file (or - for standard input)", err)
		return nil, errs.Err()
	case err != nil && path != "-":
		return nil, fmt.Errorf("answers file: %w", err)
	case err != nil:
		return nil, fmt.Errorf("%s: reading: %w", textwrap.Quote(name), err)
	}
	return Parse(name, data, qn)
}

func tooLarge(name string) error {
	var errs input.List
	errs.Add(name, 0, 0, "file is larger than %d KiB; an answers file is a short list of question ids and answers", MaxFileSize>>10)
	return errs.Err()
}

// Parse reads answers from YAML or JSON (JSON is read as YAML, which it is).
// Every problem is reported, each as file:line:col with the valid values.
func Parse(name string, data []byte, qn *questionnaire.Questionnaire) (Answers, error) {
	var errs input.List
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
	var deep *input.DepthError
	if errors.As(input.CheckDepth(data, input.MaxDepth), &deep) {
		errs.Add(name, deep.Line, deep.Col, "%v; an answers file maps question ids to answers", deep)
		return nil, errs.Err()
	}
	// Duplicates are reported by FromNode, which says which question.
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		input.AddYAMLError(&errs, name, "", err)
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
	return FromNodeAlso(name, n, qn, nil)
}

// FromNodeAlso is FromNode for a file that holds other keys too, read by
// the caller (a check-in's note): an unknown key's message names them
// among the valid ones.
func FromNodeAlso(name string, n ast.Node, qn *questionnaire.Questionnaire, also []string) (Answers, error) {
	var errs input.List
	body := input.UnwrapNode(n)
	pairs, ok := input.NodePairs(body)
	switch {
	case body == nil:
		errs.Add(name, 0, 0, "file is empty; expected a mapping of question ids to answers")
		return nil, errs.Err()
	case !ok:
		line, col := input.NodePos(body)
		errs.Add(name, line, col, "expected a mapping of question ids to answers, found %s", input.DescribeNode(body))
		return nil, errs.Err()
	}

	a := Answers{}
	seen := map[string]int{}
	for _, kv := range pairs {
		line, col := input.NodePos(kv.Key)
		key := input.NodeText(kv.Key)
		if prev, dup := seen[key]; dup {
			errs.Add(name, line, col, "question %q answered twice (first on line %d)", key, prev)
			continue
		}
		seen[key] = line
		q, ok := qn.Question(key)
		if !ok {
			errs.Add(name, line, col, "unknown question %q; %s", key, input.OneOf(key, append(qn.IDs(), also...)))
			continue
		}
		v, ok := decodeValue(name, q, input.UnwrapNode(kv.Value), &errs)
		if ok {
			a[q.ID] = v
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

func decodeValue(file string, q *questionnaire.Question, n ast.Node, errs *input.List) (Value, bool) {
	if n == nil {
		return Value{}, false // "question:" with nothing after it: left unanswered
	}
	if _, isNull := n.(*ast.NullNode); isNull {
		return Value{}, false
	}
	d := valueDecoder{file: file, q: q, errs: errs}
	switch q.Kind {
	case questionnaire.YesNo:
		return d.yesNo(n)
	case questionnaire.Number:
		return d.number(n)
	case questionnaire.One:
		return d.one(n)
	case questionnaire.Many:
		return d.many(n)
	}
	return Value{}, false
}

// valueDecoder reads the answer to one question, adding each problem at
// its node; ok is false when there is no usable answer.
type valueDecoder struct {
	file string
	q    *questionnaire.Question
	errs *input.List
}

func (d valueDecoder) add(n ast.Node, format string, args ...any) {
	line, col := input.NodePos(n)
	d.errs.Add(d.file, line, col, "question %q"+format, append([]any{d.q.ID}, args...)...)
}

func (d valueDecoder) yesNo(n ast.Node) (Value, bool) {
	switch strings.ToLower(input.NodeText(n)) {
	case "true", "yes":
		return Bool(true), true
	case "false", "no":
		return Bool(false), true
	}
	d.add(n, ": expected yes or no (true or false), found %s", input.DescribeNode(n))
	return Value{}, false
}

func (d valueDecoder) number(n ast.Node) (Value, bool) {
	q := d.q
	if _, ok := n.(*ast.IntegerNode); !ok {
		d.add(n, ": expected a whole number from %d to %d, found %s", q.Min, q.Max, input.DescribeNode(n))
		return Value{}, false
	}
	v, err := strconv.Atoi(input.NodeText(n))
	if err != nil || v < q.Min || v > q.Max {
		d.add(n, ": %s is out of range; expected %s", input.NodeText(n), strings.TrimSpace(fmt.Sprintf("%d to %d %s", q.Min, q.Max, q.Unit)))
		return Value{}, false
	}
	return Num(v), true
}

func (d valueDecoder) one(n ast.Node) (Value, bool) {
	if !input.IsScalarNode(n) {
		d.add(n, " takes one option, found %s; %s", input.DescribeNode(n), "valid: "+strings.Join(d.q.OptionIDs(), ", "))
		return Value{}, false
	}
	id := input.NodeText(n)
	if _, ok := d.q.Option(id); !ok {
		d.add(n, ": unknown option %q; %s", id, input.OneOf(id, d.q.OptionIDs()))
		return Value{}, false
	}
	return Choice(id), true
}

// many reads a list of options, or a single option without brackets; an
// empty list is "not answered".
func (d valueDecoder) many(n ast.Node) (Value, bool) {
	var items []ast.Node
	if seq, ok := n.(*ast.SequenceNode); ok {
		items = seq.Values
	} else if input.IsScalarNode(n) {
		items = []ast.Node{n} // a single option without brackets is fine
	} else {
		d.add(n, ": expected a list of options, found %s", input.DescribeNode(n))
		return Value{}, false
	}
	ids, ok := d.optionIDs(items)
	if !ok || len(ids) == 0 {
		return Value{}, false // [] is "not answered"
	}
	if len(ids) > 1 {
		for _, id := range ids {
			if o, _ := d.q.Option(id); o.Exclusive {
				d.add(n, ": %q (%s) cannot be combined with other options", id, o.Label)
				return Value{}, false
			}
		}
	}
	return Choices(ids...), true
}

// optionIDs reads the items of a list of options: known, each once.
func (d valueDecoder) optionIDs(items []ast.Node) ([]string, bool) {
	var ids []string
	ok := true
	for _, it := range items {
		it = input.UnwrapNode(it)
		if !input.IsScalarNode(it) {
			d.add(it, ": expected an option id, found %s", input.DescribeNode(it))
			ok = false
			continue
		}
		id := input.NodeText(it)
		_, known := d.q.Option(id)
		switch {
		case !known:
			d.add(it, ": unknown option %q; %s", id, input.OneOf(id, d.q.OptionIDs()))
			ok = false
		case slices.Contains(ids, id):
			d.add(it, ": option %q listed twice", id)
			ok = false
		default:
			ids = append(ids, id)
		}
	}
	return ids, ok
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
