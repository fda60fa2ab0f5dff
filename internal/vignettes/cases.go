// Package vignettes runs a rule table against its test cases (the engine of
// `backtriage rules test`), in the spirit of `promtool test rules` and
// `semgrep --test`: standardised patient vignettes
// (answers with a gold triage level and the causes expected in the top three)
// and the small inline cases rules carry (must fire / must not fire). It
// computes the figures a triage tool is judged by: emergency recall, the
// share of cases at an acceptable level, self-care cases over-triaged and
// top-3 cause agreement.
//
// # Vignette files
//
// Every *.yaml (or *.yml) file under the cases folder is read, in name order.
// A file holds either one case (a mapping) or a list of them under `cases:`:
//
//	cases:
//	  - name: heart-attack-hidden-in-ordinary-answers
//	    description: Woke stiff after a long desk day; also chest pressure spreading to the left arm.
//	    answers: {warning_now: [chest_pain, exertion_spread], pain_where: [between_shoulder_blades]}
//	    level: emergency
//	    top3: []            # cause ids that must be among the top three ranked causes
//	    not_top3: []        # cause ids that must not be among the top three
//	    not_in_plan: []     # step ids that must not be in the self-care plan
//
// Keys are strict: name (lowercase letters, digits and dashes, unique across
// the folder), description, answers (checked exactly like an answers file),
// level (self-care, soon, urgent or emergency), the optional top3 (at most
// three known cause ids), not_top3 (known cause ids) and not_in_plan (known
// step ids). An answer to a follow-up question that does not
// apply given the other answers is an error, since the engine would ignore
// it. Every problem is reported as file:line:col.
package vignettes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// MaxFileSize bounds a vignette file; real ones are a few KiB.
const MaxFileSize = 1 << 20

// Case is one vignette: a standardised patient with a gold triage level.
type Case struct {
	Name        string
	Description string
	Answers     answers.Answers
	Level       rules.Level
	// Top3 are cause ids that must all be among the top three ranked causes.
	Top3 []string
	// NotTop3 are cause ids that must not be among the top three: causes
	// with no grounds in the answers, or that contradict a warning sign.
	NotTop3 []string
	// NotInPlan are step ids that must not be in the self-care plan.
	NotInPlan []string
	// Pos is where the case starts.
	Pos rules.Pos
}

// caseKeys are the keys a case may have, in the order documented.
var caseKeys = []string{"name", "description", "answers", "level", "top3", "not_top3", "not_in_plan"}

// LoadDir loads the cases in a folder on disk.
func LoadDir(dir string, qn *questionnaire.Questionnaire, t *rules.Table) ([]*Case, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cases: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("cases: %s is not a directory", textwrap.Quote(dir))
	}
	return Load(input.DirFS(dir), dir, qn, t)
}

// Load reads every *.yaml and *.yml file in fsys (subfolders included), in
// name order. dir is how file names appear in messages. t, when not nil, is
// the rule table whose cause ids top3 may name.
func Load(fsys fs.FS, dir string, qn *questionnaire.Questionnaire, t *rules.Table) ([]*Case, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", textwrap.Quote(dir), err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no *.yaml case files", textwrap.Quote(dir))
	}
	sort.Strings(names)
	l := &loader{qn: qn, table: t, errs: &input.List{}, seen: map[string]rules.Pos{}}
	var cases []*Case
	for _, name := range names {
		file := name
		if dir != "" && dir != "." {
			file = path.Join(dir, name)
		}
		// Bounded and never blocking: a FIFO or device is refused by a stat.
		data, err := input.ReadFS(fsys, name, MaxFileSize)
		switch {
		case errors.Is(err, input.ErrTooLarge):
			l.errs.Add(file, 0, 0, "file is larger than %d KiB; is this a vignette file?", MaxFileSize>>10)
			continue
		case errors.Is(err, input.ErrNotRegular):
			l.errs.Add(file, 0, 0, "%v; a vignette file must be a regular file", err)
			continue
		case err != nil:
			l.errs.Add(file, 0, 0, "%v", input.WithoutPath(err))
			continue
		}
		cases = append(cases, l.file(file, data)...)
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return cases, nil
}

// Parse reads the cases in one file's contents.
func Parse(file string, data []byte, qn *questionnaire.Questionnaire, t *rules.Table) ([]*Case, error) {
	l := &loader{qn: qn, table: t, errs: &input.List{}, seen: map[string]rules.Pos{}}
	cases := l.file(file, data)
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return cases, nil
}

type loader struct {
	qn    *questionnaire.Questionnaire
	table *rules.Table
	errs  *input.List
	seen  map[string]rules.Pos // case names, across files
}

func (l *loader) file(file string, data []byte) []*Case {
	body := l.parse(file, data)
	if body == nil {
		return nil
	}
	kvs, ok := input.NodePairs(body)
	if !ok {
		line, col := input.NodePos(body)
		l.errs.Add(file, line, col, "expected a case, or a list of them under cases:, found %s", input.DescribeNode(body))
		return nil
	}
	var list *ast.MappingValueNode
	for _, kv := range kvs {
		if input.NodeText(kv.Key) == "cases" {
			list = kv
		}
	}
	if list == nil {
		if c := l.decodeCase(file, body); c != nil {
			return []*Case{c}
		}
		return nil
	}
	return l.caseList(file, kvs, list)
}

// parse checks a file's size and depth and parses it to its one YAML
// document; nil when it added an error.
func (l *loader) parse(file string, data []byte) ast.Node {
	if len(data) > MaxFileSize {
		l.errs.Add(file, 0, 0, "file is larger than %d KiB; is this a vignette file?", MaxFileSize>>10)
		return nil
	}
	var deep *input.DepthError
	if errors.As(input.CheckDepth(data, input.MaxDepth), &deep) {
		l.errs.Add(file, deep.Line, deep.Col, "%v; a vignette file is a list of cases a few levels deep", deep)
		return nil
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		l.addYAMLError(file, err)
		return nil
	}
	var bodies []ast.Node
	for _, d := range f.Docs {
		if b := input.UnwrapNode(d.Body); b != nil {
			bodies = append(bodies, b)
		}
	}
	switch len(bodies) {
	case 0:
		l.errs.Add(file, 0, 0, "file is empty; expected a case, or a list of them under cases:")
		return nil
	case 1:
		return bodies[0]
	}
	line, col := input.NodePos(bodies[1])
	l.errs.Add(file, line, col, "expected one YAML document, found %d; list the cases under cases:", len(bodies))
	return nil
}

func (l *loader) addYAMLError(file string, err error) {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		l.errs.Add(file, 0, 0, "%v", err)
		return
	}
	line, col := 0, 0
	if tk := ye.GetToken(); tk != nil && tk.Position != nil {
		line, col = tk.Position.Line, tk.Position.Column
	}
	l.errs.Add(file, line, col, "%s", ye.GetMessage())
}

// caseList reads the cases: list of a file, whose only key it must be.
func (l *loader) caseList(file string, kvs []*ast.MappingValueNode, list *ast.MappingValueNode) []*Case {
	for _, kv := range kvs {
		if kv != list {
			line, col := input.NodePos(kv.Key)
			l.errs.Add(file, line, col, "unknown key %q beside cases:; a file holds one case or a cases: list", input.NodeText(kv.Key))
		}
	}
	seq, ok := input.UnwrapNode(list.Value).(*ast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		found := input.DescribeNode(input.UnwrapNode(list.Value))
		if ok {
			found = "an empty list"
		}
		line, col := input.NodePos(list.Key)
		l.errs.Add(file, line, col, "cases: expected a non-empty list of cases, found %s", found)
		return nil
	}
	var out []*Case
	for _, item := range seq.Values {
		if c := l.decodeCase(file, input.UnwrapNode(item)); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// decodeCase reads one case, reporting every problem; nil if it had any.
func (l *loader) decodeCase(file string, n ast.Node) *Case {
	line, col := input.NodePos(n)
	kvs, ok := input.NodePairs(n)
	if !ok {
		l.errs.Add(file, line, col, "expected a case (a mapping with %s), found %s", strings.Join(caseKeys, ", "), input.DescribeNode(n))
		return nil
	}
	if len(kvs) > 0 {
		// A case starts at its first key, where an editor should jump.
		line, col = input.NodePos(kvs[0].Key)
	}
	r := &caseReader{l: l, file: file, line: line, col: col, owner: caseOwner(kvs), byKey: map[string]*ast.MappingValueNode{}}
	before := len(*l.errs)
	c := &Case{Pos: rules.Pos{File: file, Line: line, Col: col}}
	r.keys(kvs)
	r.name(c)
	r.description(c)
	r.level(c)
	r.lists(c)
	if len(*l.errs) > before {
		return nil
	}
	return c
}

// caseOwner names a case in messages: by its name when it has one.
func caseOwner(kvs []*ast.MappingValueNode) string {
	for _, kv := range kvs {
		if v := input.UnwrapNode(kv.Value); input.NodeText(kv.Key) == "name" && v != nil && input.IsScalarNode(v) && input.NodeText(v) != "" {
			return fmt.Sprintf("case %q", input.NodeText(v))
		}
	}
	return "case"
}

// caseReader reads the keys of one case, reporting each problem at its
// node, or at the case.
type caseReader struct {
	l         *loader
	file      string
	line, col int
	owner     string
	byKey     map[string]*ast.MappingValueNode
}

func (r *caseReader) at(n ast.Node, format string, args ...any) {
	ln, cl := input.NodePos(n)
	if ln == 0 {
		ln, cl = r.line, r.col
	}
	r.l.errs.Add(r.file, ln, cl, r.owner+": "+format, args...)
}

// keys indexes the case's keys, refusing unknown and repeated ones.
func (r *caseReader) keys(kvs []*ast.MappingValueNode) {
	for _, kv := range kvs {
		k := input.NodeText(kv.Key)
		if _, dup := r.byKey[k]; dup {
			r.at(kv.Key, "key %q given twice", k)
			continue
		}
		r.byKey[k] = kv
		if !slices.Contains(caseKeys, k) {
			r.at(kv.Key, "unknown key %q; %s", k, input.OneOf(k, caseKeys))
		}
	}
}

// text is the text of a required key, and its node; ok is false (with an
// error added) when it is missing or not text.
func (r *caseReader) text(key string) (string, ast.Node, bool) {
	kv, ok := r.byKey[key]
	if !ok {
		r.at(nil, "missing %s", key)
		return "", nil, false
	}
	v := input.UnwrapNode(kv.Value)
	if v == nil || !input.IsScalarNode(v) {
		r.at(kv.Key, "%s: expected text, found %s", key, input.DescribeNode(v))
		return "", nil, false
	}
	return strings.TrimSpace(input.NodeText(v)), v, true
}

// name reads the case's name, unique across the files loaded.
func (r *caseReader) name(c *Case) {
	name, v, ok := r.text("name")
	if !ok {
		return
	}
	c.Name = name
	if !rules.ValidID(name) {
		r.at(v, "name must be lowercase letters, digits and dashes")
		return
	}
	if prev, dup := r.l.seen[name]; dup {
		r.at(v, "duplicate case name (first at %s:%d:%d)", prev.File, prev.Line, prev.Col)
		return
	}
	r.l.seen[name] = c.Pos
}

func (r *caseReader) description(c *Case) {
	if d, v, ok := r.text("description"); ok {
		if d == "" {
			r.at(v, "description is empty; say in a sentence who this is")
		}
		c.Description = d
	}
}

func (r *caseReader) level(c *Case) {
	if lv, v, ok := r.text("level"); ok {
		level, valid := rules.ParseLevel(lv)
		if !valid {
			r.at(v, "unknown level %q; %s", lv, input.OneOf(lv, rules.LevelIDs()))
		}
		c.Level = level
	}
}

// lists reads the answers and the lists of causes and steps expected in,
// or kept out of, the results.
func (r *caseReader) lists(c *Case) {
	if kv, ok := r.byKey["answers"]; !ok {
		r.at(nil, "missing answers")
	} else {
		c.Answers = r.l.decodeAnswers(r.file, r.owner, kv, r.at)
	}
	if kv, ok := r.byKey["top3"]; ok {
		c.Top3 = r.l.decodeIDs(kv, "top3", "cause", 3, r.at)
	}
	if kv, ok := r.byKey["not_top3"]; ok {
		c.NotTop3 = r.l.decodeIDs(kv, "not_top3", "cause", 0, r.at)
	}
	if kv, ok := r.byKey["not_in_plan"]; ok {
		c.NotInPlan = r.l.decodeIDs(kv, "not_in_plan", "step", 0, r.at)
	}
	for _, id := range c.NotTop3 {
		if slices.Contains(c.Top3, id) {
			r.at(r.byKey["not_top3"].Key, "not_top3: cause %q is also in top3", id)
		}
	}
}

func (l *loader) decodeAnswers(file, owner string, kv *ast.MappingValueNode, at func(ast.Node, string, ...any)) answers.Answers {
	v := input.UnwrapNode(kv.Value)
	if _, null := v.(*ast.NullNode); v == nil || null {
		at(kv.Key, "answers: expected a mapping of question ids to answers, found nothing; write {} for none")
		return nil
	}
	a, err := answers.FromNode(file, v, l.qn)
	if err != nil {
		for _, e := range input.SplitErrors(err) {
			var de *input.Error
			if errors.As(e, &de) {
				if de.Line == 0 {
					at(kv.Key, "answers: %s", de.Msg)
				} else {
					l.errs.Add(de.File, de.Line, de.Col, "%s: answers: %s", owner, de.Msg)
				}
			} else {
				at(kv.Key, "answers: %v", e)
			}
		}
		return nil
	}
	// A follow-up answered although its question does not apply would be
	// silently dropped by the engine: the case would not test what it says.
	keys := map[string]ast.Node{}
	if kvs, ok := input.NodePairs(v); ok {
		for _, p := range kvs {
			keys[input.NodeText(p.Key)] = p.Key
		}
	}
	for _, q := range l.qn.Questions() {
		if a.Answered(q.ID) && !answers.Applies(l.qn, a, q) {
			at(keys[q.ID], "answers: %q is only asked if %s, so this answer would be ignored", q.ID, q.ShowIf)
		}
	}
	return a
}

// decodeIDs reads a list of cause or step ids (kind) under key, at most
// limit of them when limit > 0, each known to the rule table.
func (l *loader) decodeIDs(kv *ast.MappingValueNode, key, kind string, limit int, at func(ast.Node, string, ...any)) []string {
	v := input.UnwrapNode(kv.Value)
	if v == nil {
		return nil
	}
	var items []ast.Node
	switch t := v.(type) {
	case *ast.SequenceNode:
		items = t.Values
	default:
		if !input.IsScalarNode(v) {
			at(v, "%s: expected a list of %s ids, found %s", key, kind, input.DescribeNode(v))
			return nil
		}
		items = []ast.Node{v}
	}
	if limit > 0 && len(items) > limit {
		at(v, "%s: %d causes listed; at most three can be in the top three", key, len(items))
	}
	var ids []string
	for _, it := range items {
		it = input.UnwrapNode(it)
		if it == nil || !input.IsScalarNode(it) {
			at(v, "%s: expected a %s id, found %s", key, kind, input.DescribeNode(it))
			continue
		}
		id := input.NodeText(it)
		switch {
		case slices.Contains(ids, id):
			at(it, "%s: %s %q listed twice", key, kind, id)
		case l.table != nil && !l.known(kind, id):
			valid := l.ids(kind)
			at(it, "%s: unknown %s %q; %s", key, kind, id, input.OneOf(id, valid))
		default:
			ids = append(ids, id)
		}
	}
	return ids
}

func (l *loader) known(kind, id string) bool {
	if kind == "step" {
		return l.table.Step(id) != nil
	}
	return l.table.Cause(id) != nil
}

func (l *loader) ids(kind string) []string {
	var out []string
	if kind == "step" {
		for _, s := range l.table.Steps {
			out = append(out, s.ID)
		}
		return out
	}
	for _, c := range l.table.Causes {
		out = append(out, c.ID)
	}
	return out
}
