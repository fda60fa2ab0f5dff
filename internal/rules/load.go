package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// MaxQuoteWords bounds a quote: a citation, not a copy.
const MaxQuoteWords = 40

type nodeRef = ast.Node

// fileDoc is what one rule file may hold.
type fileDoc struct {
	Sources []*Source `yaml:"sources"`
	Causes  []*Cause  `yaml:"causes"`
	Steps   []*Step   `yaml:"steps"`
	Rules   []*Rule   `yaml:"rules"`
	// Followup: rules over check-ins (see followup.go).
	Followup []*FollowupRule `yaml:"followup"`
	// Questionnaire and FollowupFacts: the questions (see questions.go).
	Questionnaire []*QPage `yaml:"questionnaire"`
	FollowupFacts []*QPage `yaml:"followup_facts"`
	// Dialogs: the words of the program's own questions (see dialogs.go).
	Dialogs []*QDialog `yaml:"dialogs"`
}

// LoadDir loads every *.yaml file in dir.
func LoadDir(dir string, qn *questionnaire.Questionnaire) (*Table, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("rules: %s is not a directory", textwrap.Quote(dir))
	}
	return Load(input.DirFS(dir), dir, qn)
}

// MaxFileSize bounds one rule file. The largest built-in one is under 20 KiB;
// a file near this is not a rule file, and refusing it keeps loading cheap.
const MaxFileSize = 1 << 20

// ruleFiles lists the *.yaml files at the root of fsys. It reads the folder
// itself rather than globbing, which would hide an unreadable folder
// (permission denied) behind "no rule files".
func ruleFiles(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the folder: %w", textwrap.Quote(dir), input.WithoutPath(err))
	}
	var names []string
	for _, e := range entries {
		if ok, _ := path.Match("*.yaml", e.Name()); ok {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// readRuleFile reads one rule file, bounded and never blocking, and checks
// what the YAML parser would otherwise choke on or accept wrongly: invalid
// UTF-8 and deep nesting. ok is false when it added an error.
func readRuleFile(fsys fs.FS, name, file string, errs *input.List) ([]byte, bool) {
	data, err := input.ReadFS(fsys, name, MaxFileSize)
	switch {
	case errors.Is(err, input.ErrTooLarge):
		errs.Add(file, 0, 0, "file is larger than %s; a rule file is a few dozen KiB of YAML", input.Size(MaxFileSize))
		return nil, false
	case errors.Is(err, input.ErrNotRegular):
		errs.Add(file, 0, 0, "%v; a rule file must be a regular file", err)
		return nil, false
	case errors.Is(err, fs.ErrPermission):
		errs.Add(file, 0, 0, "permission denied")
		return nil, false
	case err != nil:
		errs.Add(file, 0, 0, "%v", input.WithoutPath(err))
		return nil, false
	}
	if line, col, bad := firstInvalidUTF8(data); bad {
		errs.Add(file, line, col, "invalid UTF-8 (or binary data); a rule file is UTF-8 text")
		return nil, false
	}
	if !checkRawText(file, data, errs) {
		return nil, false
	}
	var deep *input.DepthError
	if errors.As(input.CheckDepth(data, input.MaxDepth), &deep) {
		errs.Add(file, deep.Line, deep.Col, "%v; a rule file is about ten levels deep", deep)
		return nil, false
	}
	return data, true
}

// noControls is said after a control or bidi character refused in a rule
// file: its text is printed to people as it is written.
const noControls = "a rule file's text is shown to people as written, so it may hold no control or bidi characters"

// checkRawText refuses control and bidi characters written into a rule
// file (comments too: a bidi override there hides what the file says from
// its reviewer), one message a line at its line and column (in
// characters); tabs and \r\n line endings are whitespace. ok is false
// when it added an error.
func checkRawText(file string, data []byte, errs *input.List) bool {
	ok := true
	line, start, reported := 1, 0, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == '\n':
			line, start = line+1, i+1
		case r == '\t', r == '\r' && i+1 < len(data) && data[i+1] == '\n':
		case (textwrap.Unsafe(r) || r == 0x2028 || r == 0x2029) && reported != line:
			errs.Add(file, line, utf8.RuneCount(data[start:i])+1, "%s; %s", textwrap.Describe(r), noControls)
			ok, reported = false, line
		}
		i += size
	}
	return ok
}

// escapedText refuses control and bidi characters that a double-quoted
// scalar writes as escapes ("\e", "\x9b", "\u202e"): checkRawText cannot
// see them. A newline and a tab are text.
type escapedText struct {
	file string
	errs *input.List
}

func (v escapedText) Visit(n ast.Node) ast.Visitor {
	if s, ok := n.(*ast.StringNode); ok && s != nil {
		if r, _, bad := textwrap.FirstUnsafe(s.Value, "\n\t"); bad {
			line, col := input.NodePos(s)
			v.errs.Add(v.file, max(line, 1), max(col, 1), "%s in the text that starts here; %s", textwrap.Describe(r), noControls)
		}
	}
	return v
}

// firstInvalidUTF8 finds the first byte that is not valid UTF-8 text, or a
// NUL, as a 1-based line and column (in bytes).
func firstInvalidUTF8(data []byte) (line, col int, bad bool) {
	line, start := 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if (r == utf8.RuneError && size == 1) || r == 0 {
			return line, i - start + 1, true
		}
		if r == '\n' {
			line, start = line+1, i+1
		}
		i += size
	}
	return 0, 0, false
}

// Load reads every *.yaml file at the root of fsys, in name order, and
// validates the whole table. dir is how file names appear in messages.
// When a file holds a questionnaire section, the rules are compiled against
// it (Table.Questionnaire) and every option must be read by something;
// otherwise against qn, the built-in questionnaire (nil refuses a folder
// without one).
func Load(fsys fs.FS, dir string, qn *questionnaire.Questionnaire) (*Table, error) {
	names, err := ruleFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no *.yaml rule files", textwrap.Quote(dir))
	}
	sort.Strings(names)
	var errs input.List
	t := &Table{}
	var docs []*fileDoc
	for _, name := range names {
		file := path.Join(dir, name)
		if dir == "" || dir == "." {
			file = name
		}
		data, ok := readRuleFile(fsys, name, file, &errs)
		if !ok {
			continue
		}
		t.Files = append(t.Files, file)
		doc, ok := decodeFile(file, data, &errs)
		if !ok {
			continue
		}
		t.Sources = append(t.Sources, doc.Sources...)
		t.Causes = append(t.Causes, doc.Causes...)
		t.Steps = append(t.Steps, doc.Steps...)
		t.Rules = append(t.Rules, doc.Rules...)
		t.Followup = append(t.Followup, doc.Followup...)
		docs = append(docs, doc)
	}
	if len(errs) == 0 {
		loadQuestionnaires(t, docs, qn, dir, &errs)
		loadDialogs(t, docs, &errs)
	}
	if len(errs) == 0 {
		validate(t, t.qn, &errs)
	}
	if len(errs) == 0 {
		checkCanTriage(t, t.qn, dir, &errs)
	}
	if len(errs) == 0 && t.ownQuestions {
		unreadOptions(t.questionPages, t.qn, t.conds(), &errs)
	}
	if len(errs) == 0 && t.factPages != nil {
		unreadOptions(t.factPages, t.fqn, t.followupConds(), &errs)
	}
	if len(errs) == 0 {
		resolve(t)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

func decodeFile(file string, data []byte, errs *input.List) (*fileDoc, bool) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		addYAMLError(file, "", err, errs)
		return nil, false
	}
	n := len(*errs)
	for _, d := range f.Docs {
		ast.Walk(escapedText{file: file, errs: errs}, d)
	}
	if len(*errs) > n {
		return nil, false
	}
	doc := &fileDoc{}
	for _, d := range f.Docs {
		body := input.UnwrapNode(d.Body)
		if body == nil {
			continue
		}
		if !checkShape(file, body, errs) || !checkFieldTypes(file, body, errs) {
			return nil, false
		}
		var part fileDoc
		if crashed, err := decodeDoc(body, &part); crashed {
			line, col := input.NodePos(body)
			errs.Add(file, max(line, 1), max(col, 1), "%v", err)
			return nil, false
		} else if err != nil {
			addYAMLError(file, "", err, errs)
			return nil, false
		}
		doc.Sources = append(doc.Sources, part.Sources...)
		doc.Causes = append(doc.Causes, part.Causes...)
		doc.Steps = append(doc.Steps, part.Steps...)
		doc.Rules = append(doc.Rules, part.Rules...)
		doc.Followup = append(doc.Followup, part.Followup...)
		doc.Questionnaire = append(doc.Questionnaire, part.Questionnaire...)
		doc.FollowupFacts = append(doc.FollowupFacts, part.FollowupFacts...)
		doc.Dialogs = append(doc.Dialogs, part.Dialogs...)
	}
	setFile(doc.Questionnaire, file)
	setFile(doc.FollowupFacts, file)
	for _, d := range doc.Dialogs {
		d.Pos.File = file
	}
	for _, s := range doc.Sources {
		s.Pos.File = file
	}
	for _, c := range doc.Causes {
		c.Pos.File = file
	}
	for _, s := range doc.Steps {
		s.Pos.File = file
		if s.AvoidWhen != nil {
			s.AvoidWhen.Pos.File = file
		}
	}
	for _, r := range doc.Rules {
		r.Pos.File = file
		if r.When != nil {
			r.When.Pos.File = file
		}
	}
	for _, r := range doc.Followup {
		r.Pos.File = file
		if r.When != nil {
			r.When.Pos.File = file
		}
	}
	return doc, true
}

// sections are the keys a rule file may have; each holds a list of mappings.
var sections = []string{"sources", "causes", "steps", "rules", "followup", "questionnaire", "followup_facts", "dialogs"}

// checkShape rejects what the strict decoder would trip over: a document
// that is not a mapping, a section that is not a list, an empty list item.
// Checking first keeps every message at a line and column.
func checkShape(file string, body ast.Node, errs *input.List) bool {
	ok := true
	pairs, isMap := input.NodePairs(body)
	if !isMap {
		line, col := input.NodePos(body)
		errs.Add(file, max(line, 1), max(col, 1), "expected a mapping with sections %s, found %s", strings.Join(sections, ", "), input.DescribeNode(body))
		return false
	}
	for _, kv := range pairs {
		key := input.NodeText(kv.Key)
		line, col := input.NodePos(kv.Key)
		if !slices.Contains(sections, key) {
			errs.Add(file, line, col, "unknown section %q; %s", key, input.OneOf(key, sections))
			ok = false
			continue
		}
		val := input.UnwrapNode(kv.Value)
		if val == nil {
			continue
		}
		if _, null := val.(*ast.NullNode); null {
			continue
		}
		seq, isSeq := val.(*ast.SequenceNode)
		if !isSeq {
			vl, vc := input.NodePos(val)
			if vl == 0 {
				vl, vc = line, col
			}
			errs.Add(file, vl, vc, "%s: expected a list, found %s", key, input.DescribeNode(val))
			ok = false
			continue
		}
		for i, item := range seq.Values {
			if _, isMap := input.NodePairs(input.UnwrapNode(item)); !isMap {
				il, ic := input.NodePos(item)
				if il == 0 {
					il, ic = input.NodePos(seq)
				}
				errs.Add(file, max(il, 1), max(ic, 1), "%s: item %d: expected a mapping with an id, found %s", key, i+1, input.DescribeNode(input.UnwrapNode(item)))
				ok = false
			}
		}
	}
	return ok
}

// decodeDoc decodes strictly. go-yaml has panicked on inputs the checks
// above do not foresee; a rule file must never crash the program, so such a
// panic becomes an error at the document.
func decodeDoc(body ast.Node, part *fileDoc) (crashed bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			crashed, err = true, fmt.Errorf("cannot decode this document (%v); check its structure against rules/README.md", r)
		}
	}()
	return false, yaml.NodeToValue(body, part, yaml.Strict())
}

// ownedError tags a decoding error with the item it happened in.
type ownedError struct {
	owner string
	err   error
}

func (e *ownedError) Error() string { return e.owner + ": " + e.err.Error() }
func (e *ownedError) Unwrap() error { return e.err }

func addYAMLError(file, owner string, err error, errs *input.List) {
	var oe *ownedError
	if errors.As(err, &oe) {
		owner = oe.owner
	}
	input.AddYAMLError(errs, file, owner, err)
}

// decodeItem strictly decodes one list item, remembering where it was.
func decodeItem[T any](n ast.Node, kind string, v *T, pos *Pos) error {
	line, col := input.NodePos(n)
	*pos = Pos{Line: line, Col: col}
	if err := yaml.NodeToValue(n, v, yaml.Strict()); err != nil {
		var inner *ownedError
		if errors.As(err, &inner) {
			return err // an item within this one (a page's question): the closest owner is the clearest
		}
		owner := kind
		if id := mappingID(n); id != "" {
			owner = fmt.Sprintf("%s %q", kind, id)
		}
		return &ownedError{owner: owner, err: err}
	}
	return nil
}

func (s *Source) UnmarshalYAML(n ast.Node) error {
	type plain Source
	return decodeItem(n, "source", (*plain)(s), &s.Pos)
}

func (c *Cause) UnmarshalYAML(n ast.Node) error {
	type plain Cause
	return decodeItem(n, "cause", (*plain)(c), &c.Pos)
}

func (s *Step) UnmarshalYAML(n ast.Node) error {
	type plain Step
	return decodeItem(n, "step", (*plain)(s), &s.Pos)
}

func (r *Rule) UnmarshalYAML(n ast.Node) error {
	type plain Rule
	return decodeItem(n, "rule", (*plain)(r), &r.Pos)
}

// UnmarshalYAML keeps the node: conditions are compiled once the
// questionnaire and file are known.
func (c *Cond) UnmarshalYAML(n ast.Node) error {
	c.node = n
	line, col := input.NodePos(n)
	c.Pos = Pos{Line: line, Col: col}
	return nil
}

func (a *AnswersNode) UnmarshalYAML(n ast.Node) error {
	a.node = n
	line, col := input.NodePos(n)
	a.Pos = Pos{Line: line, Col: col}
	return nil
}

// mappingID finds the id: key of a mapping node, for messages.
func mappingID(n ast.Node) string {
	pairs, _ := input.NodePairs(input.UnwrapNode(n))
	for _, kv := range pairs {
		if input.NodeText(kv.Key) == "id" {
			return input.NodeText(input.UnwrapNode(kv.Value))
		}
	}
	return ""
}

// index builds the lookup maps of a table whose items are known to be
// valid (a snapshot); validate builds them while checking.
func (t *Table) index() {
	t.sources = map[string]*Source{}
	t.causes = map[string]*Cause{}
	t.steps = map[string]*Step{}
	t.causeIx = map[string]int{}
	for _, s := range t.Sources {
		t.sources[s.ID] = s
	}
	for i, c := range t.Causes {
		t.causes[c.ID] = c
		t.causeIx[c.ID] = i
	}
	for _, s := range t.Steps {
		t.steps[s.ID] = s
	}
}

// validator checks a decoded table item by item, adding every problem to
// errs at its file:line:col, and builds the table's lookup maps as it goes
// (later sections refer to earlier ones: rules to causes and steps, all to
// sources).
type validator struct {
	t    *Table
	qn   *questionnaire.Questionnaire
	errs *input.List
	// usedCause and usedStep are the causes and steps some rule concludes.
	usedCause, usedStep map[string]bool
}

func validate(t *Table, qn *questionnaire.Questionnaire, errs *input.List) {
	t.sources = map[string]*Source{}
	t.causes = map[string]*Cause{}
	t.steps = map[string]*Step{}
	t.causeIx = map[string]int{}
	v := &validator{t: t, qn: qn, errs: errs, usedCause: map[string]bool{}, usedStep: map[string]bool{}}
	seen := map[string]Pos{}
	for _, s := range t.Sources {
		v.source(s, seen)
	}
	seen = map[string]Pos{}
	for i, c := range t.Causes {
		v.cause(i, c, seen)
	}
	seen = map[string]Pos{}
	for _, s := range t.Steps {
		v.step(s, seen)
	}
	seen = map[string]Pos{}
	for _, r := range t.Rules {
		v.rule(r, seen)
	}
	v.replaces()
	v.followup()
	v.unconcluded()
}

// at adds a problem of owner (such as `rule "x"`) at p.
func (v *validator) at(p Pos, owner string, format string, args ...any) {
	v.errs.Add(p.File, p.Line, p.Col, owner+": "+format, args...)
}

// checkID checks an item's id, unique among seen, and returns the item's
// name for messages, or "" when it has no id (and nothing more is checked).
func (v *validator) checkID(p Pos, kind, id string, seen map[string]Pos) string {
	if id == "" {
		v.errs.Add(p.File, p.Line, p.Col, "%s: missing id", kind)
		return ""
	}
	owner := fmt.Sprintf("%s %q", kind, id)
	if !ValidID(id) {
		v.at(p, owner, "id must be lowercase letters, digits and dashes")
	}
	if prev, dup := seen[id]; dup {
		v.at(p, owner, "duplicate id (first defined at %s:%d:%d)", prev.File, prev.Line, prev.Col)
	}
	seen[id] = p
	return owner
}

// checkCite checks a citation: a short quote of a known source, which it
// returns (nil when unknown).
func (v *validator) checkCite(p Pos, owner, source, quote string) *Source {
	if quote = strings.TrimSpace(quote); quote == "" {
		v.at(p, owner, "missing quote: cite a short verbatim passage of the source")
	} else if n := len(strings.Fields(quote)); n > MaxQuoteWords {
		v.at(p, owner, "quote has %d words; keep it under %d", n, MaxQuoteWords)
	}
	if source == "" {
		v.at(p, owner, "missing source; valid: %s", strings.Join(keys(v.t.sources), ", "))
		return nil
	}
	s, ok := v.t.sources[source]
	if !ok {
		v.at(p, owner, "unknown source %q; %s", source, input.OneOf(source, keys(v.t.sources)))
	}
	return s
}

// checkSaidBy: a passage of an article is credited to whoever wrote it, the
// author or a reader in the comments; guidance speaks for itself. (The
// built-in table gives said_by for every article quote, and a test checks
// each against the article; other tables may leave it out.)
func (v *validator) checkSaidBy(p Pos, owner string, src *Source, saidBy string) {
	if src == nil {
		return
	}
	switch {
	case src.Kind != "article" && saidBy != "":
		v.at(p, owner, "said_by is for article quotes; %s %q speaks for itself", src.Kind, src.ID)
	case saidBy != "" && saidBy != SaidByAuthor && !validReaderName(saidBy):
		v.at(p, owner, "said_by %q: %q, or a reader's name (a capital letter, then letters)", saidBy, SaidByAuthor)
	}
}

func (v *validator) source(s *Source, seen map[string]Pos) {
	owner := v.checkID(s.Pos, "source", s.ID, seen)
	if owner == "" {
		return
	}
	v.t.sources[s.ID] = s
	if s.Kind != "article" && s.Kind != "guideline" {
		v.at(s.Pos, owner, "kind %q; valid: article, guideline", s.Kind)
	}
	if s.Title == "" {
		v.at(s.Pos, owner, "missing title")
	}
}

func (v *validator) cause(i int, c *Cause, seen map[string]Pos) {
	owner := v.checkID(c.Pos, "cause", c.ID, seen)
	if owner == "" {
		return
	}
	v.t.causes[c.ID] = c
	v.t.causeIx[c.ID] = i
	switch c.Kind {
	case "muscle":
		if len(c.Muscles) == 0 {
			v.at(c.Pos, owner, "a muscle cause must name its muscles (name, where, sits, refers)")
		}
	case "professional":
	default:
		v.at(c.Pos, owner, "kind %q; valid: muscle, professional", c.Kind)
	}
	if c.Title == "" || c.About == "" {
		v.at(c.Pos, owner, "needs a title and an about line")
	}
	for _, m := range c.Muscles {
		v.muscle(c.Pos, owner, m)
	}
	v.checkSaidBy(c.Pos, owner, v.checkCite(c.Pos, owner, c.Source, c.Quote), c.SaidBy)
}

// muscle checks a cause's muscle: named, placed in words and on the body
// picture's regions.
func (v *validator) muscle(p Pos, owner string, m Muscle) {
	if m.Name == "" || m.Where == "" || len(m.Sits) == 0 {
		v.at(p, owner, "muscle %q needs a name, where it sits in words and sits: [regions]", m.Name)
	}
	for _, r := range append(slices.Clone(m.Sits), m.Refers...) {
		if !IsRegion(r) {
			v.at(p, owner, "muscle %q: unknown region %q; %s", m.Name, r, input.OneOf(r, RegionIDs()))
		}
	}
}

func (v *validator) step(s *Step, seen map[string]Pos) {
	owner := v.checkID(s.Pos, "step", s.ID, seen)
	if owner == "" {
		return
	}
	v.t.steps[s.ID] = s
	if s.Title == "" || s.How == "" {
		v.at(s.Pos, owner, "needs a title and how-to text")
	}
	if s.AvoidWhen != nil {
		s.AvoidWhen = compileInto(s.AvoidWhen, v.qn, owner, v.errs)
		if s.Caution == "" {
			v.at(s.Pos, owner, "avoid_when needs a caution line saying why")
		}
	}
	checkHazards(s.Pos, owner, "unsafe_with", s.UnsafeWith, v.errs)
	checkStepWhen(s, owner, v.errs)
	v.checkSaidBy(s.Pos, owner, v.checkCite(s.Pos, owner, s.Source, s.Quote), s.SaidBy)
	if s.Routine != nil {
		checkRoutine(s, owner, v.errs)
	}
}

func (v *validator) rule(r *Rule, seen map[string]Pos) {
	owner := v.checkID(r.Pos, "rule", r.ID, seen)
	if owner == "" {
		return
	}
	if r.Title == "" {
		v.at(r.Pos, owner, "missing title")
	}
	if r.When == nil {
		v.at(r.Pos, owner, "missing when: a condition, or \"always\"")
	} else {
		r.When = compileInto(r.When, v.qn, owner, v.errs)
	}
	badLevel := !v.ruleLevel(r, owner)
	checkGuidanceLevels(r, v.t.sources[r.Source], owner, v.errs)
	checkHazards(r.Pos, owner, "suspects", r.Suspects, v.errs)
	if len(r.Suspects) > 0 && r.Level == "" {
		v.at(r.Pos, owner, "suspects is for warning signs: give the rule a level too")
	}
	v.ruleCitation(r, owner)
	v.ruleCause(r, owner)
	v.ruleSteps(r, owner)
	if r.Cause == "" && len(r.Steps) == 0 && r.level == SelfCare && r.SeekHelp == "" && !badLevel {
		v.at(r.Pos, owner, "concludes nothing: give it a level, a cause, steps or a seek_help line")
	}
	if r.Tests != nil {
		checkTestCases(r.Pos, owner, [][]*AnswersNode{r.Tests.Fires, r.Tests.DoesNotFire}, v.qn, v.errs)
	}
}

// replaces checks every rule's replaces list: warning rules of the table,
// at most the replacing rule's own level, never itself, so that hiding them
// never hides a higher level.
func (v *validator) replaces() {
	byID := map[string]*Rule{}
	for _, r := range v.t.Rules {
		byID[r.ID] = r
	}
	for _, r := range v.t.Rules {
		owner := fmt.Sprintf("rule %q", r.ID)
		if len(r.Replaces) > 0 && !r.IsWarning() {
			v.at(r.Pos, owner, "replaces is for warning rules: give the rule a level")
			continue
		}
		for _, id := range r.Replaces {
			o, ok := byID[id]
			switch {
			case !ok:
				v.at(r.Pos, owner, "replaces %q, which is not a rule of the table", id)
			case o == r:
				v.at(r.Pos, owner, "replaces itself")
			case !o.IsWarning() || o.LevelOf() > r.LevelOf():
				v.at(r.Pos, owner, "replaces %q, which is not a warning rule at or below %s", id, r.LevelOf())
			}
		}
	}
}

// ruleLevel reads a rule's level and action into r.level; it is false
// when the level is not a level id.
func (v *validator) ruleLevel(r *Rule, owner string) bool {
	if r.Level == "" {
		if r.Action != "" {
			v.at(r.Pos, owner, "action without a level")
		}
		return true
	}
	lv, ok := ParseLevel(r.Level)
	switch {
	case !ok:
		v.at(r.Pos, owner, "unknown level %q; valid: %s", r.Level, strings.Join(LevelIDs(), ", "))
		return false
	case lv == SelfCare:
		v.at(r.Pos, owner, "level self-care is the default; leave level out")
	default:
		r.level = lv
		if strings.TrimSpace(r.Action) == "" {
			v.at(r.Pos, owner, "a rule with a level needs an action: what to do now")
		}
	}
	return true
}

// ruleCitation checks a rule's quote and who said it; a warning sign must
// cite clinical guidance.
func (v *validator) ruleCitation(r *Rule, owner string) {
	src := v.checkCite(r.Pos, owner, r.Source, r.Quote)
	v.checkSaidBy(r.Pos, owner, src, r.SaidBy)
	if r.level > SelfCare && src != nil && src.Kind != "guideline" {
		v.at(r.Pos, owner, "a warning sign must cite clinical guidance, not %s %q", src.Kind, src.ID)
	}
}

// ruleCause checks the cause a rule ranks and its weight.
func (v *validator) ruleCause(r *Rule, owner string) {
	if r.Broad && r.Cause == "" {
		v.at(r.Pos, owner, "broad is for cause rules: it says the answer supports a cause but cannot rank it alone")
	}
	if r.Cause == "" {
		if r.Weight != 0 {
			v.at(r.Pos, owner, "weight without a cause")
		}
		return
	}
	v.usedCause[r.Cause] = true
	if _, ok := v.t.causes[r.Cause]; !ok {
		v.at(r.Pos, owner, "unknown cause %q; %s", r.Cause, input.OneOf(r.Cause, keys(v.t.causes)))
	}
	if r.Weight < 1 || r.Weight > 10 {
		v.at(r.Pos, owner, "weight %d: a cause needs a weight from 1 to 10", r.Weight)
	}
}

// ruleSteps checks that the steps a rule recommends exist.
func (v *validator) ruleSteps(r *Rule, owner string) {
	for _, id := range r.Steps {
		v.usedStep[id] = true
		if _, ok := v.t.steps[id]; !ok {
			v.at(r.Pos, owner, "unknown step %q; %s", id, input.OneOf(id, keys(v.t.steps)))
		}
	}
}

// checkTestCases reads a rule's inline test cases (tests: fires and
// does_not_fire) as answers to qn, reporting each problem at the case.
func checkTestCases(p Pos, owner string, groups [][]*AnswersNode, qn *questionnaire.Questionnaire, errs *input.List) {
	for _, group := range groups {
		for _, an := range group {
			if an == nil {
				errs.Add(p.File, p.Line, p.Col, "%s: tests: an empty test case; give the answers as a mapping", owner)
				continue
			}
			an.Pos.File = p.File
			a, err := answers.FromNode(p.File, an.node, qn)
			if err != nil {
				addTestCaseErrors(p.File, an.Pos, owner, err, errs)
				continue
			}
			an.Answers = a
		}
	}
}

func addTestCaseErrors(file string, at Pos, owner string, err error, errs *input.List) {
	for _, e := range input.SplitErrors(err) {
		var de *input.Error
		if errors.As(e, &de) {
			errs.Add(de.File, de.Line, de.Col, "%s: test case: %s", owner, de.Msg)
		} else {
			errs.Add(file, at.Line, at.Col, "%s: test case: %v", owner, e)
		}
	}
}

// unconcluded reports causes and steps that no rule reaches: dead entries
// a reviewer would read for nothing.
func (v *validator) unconcluded() {
	for _, c := range v.t.Causes {
		if c.ID != "" && !v.usedCause[c.ID] {
			v.at(c.Pos, fmt.Sprintf("cause %q", c.ID), "no rule concludes this cause")
		}
	}
	for _, s := range v.t.Steps {
		if s.ID != "" && !v.usedStep[s.ID] {
			v.at(s.Pos, fmt.Sprintf("step %q", s.ID), "no rule recommends this step")
		}
	}
}

// checkGuidanceLevels reads guidance_level and shown_below, and holds a rule
// to its guidance: a rule whose own level (self-care when it sets none) is
// below the level its cited guidance gives must say why in departure. A
// departure where there is nothing to depart from is an error too, so the
// field never goes stale.
func checkGuidanceLevels(r *Rule, src *Source, owner string, errs *input.List) {
	at := func(format string, args ...any) {
		errs.Add(r.Pos.File, r.Pos.Line, r.Pos.Col, owner+": "+format, args...)
	}
	if err := parseGuidanceFields(r); err != nil {
		at("%v", err)
		return
	}
	g, ok := r.GuidanceLevelOf()
	checkDeparture(r.level, g, ok, r.Departure, src, at)
}

// checkDeparture holds a rule's level to its cited guidance (warning and
// follow-up rules alike): guidance_level only on guideline sources, a
// level below it only with a departure saying why, and a departure only
// when the level is below it.
func checkDeparture(level, guidance Level, hasGuidance bool, departure string, src *Source, at func(string, ...any)) {
	switch {
	case hasGuidance && src != nil && src.Kind != "guideline":
		at("guidance_level is for rules that cite clinical guidance, not %s %q", src.Kind, src.ID)
	case hasGuidance && level < guidance && strings.TrimSpace(departure) == "":
		at("level %s is below guidance_level %s: add a departure saying why", level, guidance)
	case strings.TrimSpace(departure) != "" && (!hasGuidance || level >= guidance):
		at("departure given, but the level is not below guidance_level")
	}
}

// parseGuidanceFields parses guidance_level and shown_below into the rule.
func parseGuidanceFields(r *Rule) error {
	if r.GuidanceLevel != "" {
		g, ok := ParseLevel(r.GuidanceLevel)
		if !ok {
			return fmt.Errorf("unknown guidance_level %q; valid: %s", r.GuidanceLevel, strings.Join(LevelIDs(), ", "))
		}
		r.guidanceLevel = g
	}
	r.shownBelow = Emergency + 1
	if r.ShownBelow != "" {
		l, ok := ParseLevel(r.ShownBelow)
		if !ok || l == SelfCare {
			return fmt.Errorf("unknown shown_below %q; valid: soon, urgent, emergency", r.ShownBelow)
		}
		if r.SeekHelp == "" {
			return fmt.Errorf("shown_below is for seek_help lines")
		}
		r.shownBelow = l
	}
	return nil
}

// checkHazards reports hazard ids that Hazards does not know.
func checkHazards(p Pos, owner, field string, ids []string, errs *input.List) {
	for _, h := range ids {
		if !slices.Contains(hazards, h) {
			errs.Add(p.File, p.Line, p.Col, "%s: %s: unknown hazard %q; %s", owner, field, h, input.OneOf(h, hazards))
		}
	}
}

// resolve turns the validated references into indexes.
func resolve(t *Table) {
	srcIx := map[string]int{}
	for i, s := range t.Sources {
		srcIx[s.ID] = i
	}
	stepIx := map[string]int{}
	for i, s := range t.Steps {
		s.Ix, s.SourceIx = i, srcIx[s.Source]
		stepIx[s.ID] = i
	}
	for i, c := range t.Causes {
		c.Ix, c.SourceIx = i, srcIx[c.Source]
	}
	for _, r := range t.Followup {
		r.SourceIx = srcIx[r.Source]
	}
	for i, r := range t.Rules {
		r.Ix = i
		r.CauseIx = t.CauseIndex(r.Cause)
		r.SourceIx = srcIx[r.Source]
		r.StepIx = make([]int, len(r.Steps))
		for i, id := range r.Steps {
			r.StepIx[i] = stepIx[id]
		}
	}
}

func compileInto(c *Cond, qn *questionnaire.Questionnaire, owner string, errs *input.List) *Cond {
	cp := &compiler{qn: qn, file: c.Pos.File, owner: owner, errs: errs}
	out := cp.compile(c.node)
	out.node = nil // the AST is not needed after compiling
	return out
}

// validReaderName is a reader's name as said_by gives it: "Paula".
func validReaderName(s string) bool {
	for i, r := range s {
		if !(i == 0 && r >= 'A' && r <= 'Z' || i > 0 && r >= 'a' && r <= 'z') {
			return false
		}
	}
	return s != ""
}

// ValidID reports whether id is a valid id of a source, cause, step or
// rule, or a vignette's name: lowercase letters, digits and dashes.
func ValidID(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return id != ""
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkCanTriage refuses a table that loads cleanly but cannot triage: one
// with nothing to conclude, or one where a warning sign leads nowhere. An
// empty table would otherwise tell someone with chest pain to start
// self-care. dir names the table in the messages, which have no line: what is
// wrong is what the table lacks.
func checkCanTriage(t *Table, qn *questionnaire.Questionnaire, dir string, errs *input.List) {
	var missing []string
	for _, m := range []struct {
		n    int
		what string
	}{{len(t.Sources), "sources"}, {len(t.Causes), "causes"}, {len(t.Steps), "steps"}} {
		if m.n == 0 {
			missing = append(missing, m.what)
		}
	}
	if len(missing) > 0 {
		errs.Add(dir, 0, 0, "the table has no %s: a rule table needs sources, causes and steps to triage", strings.Join(missing, ", no "))
	}
	named := map[int]uint64{}
	for _, r := range t.Rules {
		if r.level > SelfCare && r.When != nil {
			r.When.namedOptions(named)
		}
	}
	var warnings []string
	covered := false
	for i, q := range qn.Questions() {
		if q.Warning && (q.Kind == questionnaire.One || q.Kind == questionnaire.Many) {
			warnings = append(warnings, q.ID)
			covered = covered || named[i] != 0
		}
	}
	if !covered && len(warnings) > 0 {
		// One line, not one per option: nothing at all is covered.
		errs.Add(dir, 0, 0, "no rule gives a warning sign a level: add rules with a level for the options of %s", strings.Join(warnings, ", "))
		return
	}
	for i, q := range qn.Questions() {
		if !slices.Contains(warnings, q.ID) {
			continue
		}
		for j, o := range q.Options {
			if o.Exclusive || named[i]&(1<<j) != 0 {
				continue
			}
			errs.Add(dir, 0, 0, "warning sign %q option %q (%s) leads to no level: add a rule with a level whose when names it", q.ID, o.ID, o.Label)
		}
	}
}

// namedOptions records, per question index, the options a condition names
// where choosing them can make it hold. Options under not are left out:
// choosing one there can only stop the rule from firing.
func (c *Cond) namedOptions(into map[int]uint64) {
	switch c.op {
	case opHas:
		into[c.q] |= c.mask
	case opAll, opAny:
		for _, k := range c.kids {
			k.namedOptions(into)
		}
	}
}

// sectionTypes are the item types of each section, for checkFieldTypes.
var sectionTypes = map[string]reflect.Type{
	"sources": reflect.TypeFor[Source](),
	"causes":  reflect.TypeFor[Cause](),
	"steps":   reflect.TypeFor[Step](),
	"rules":   reflect.TypeFor[Rule](),
	// The questionnaire sections are lists of pages.
	"questionnaire":  reflect.TypeFor[QPage](),
	"followup_facts": reflect.TypeFor[QPage](),
	"dialogs":        reflect.TypeFor[QDialog](),
}

// anyNode are field types that take any YAML and check it themselves
// (conditions and test answers are compiled later, with their own messages).
var anyNode = []reflect.Type{reflect.TypeFor[Cond](), reflect.TypeFor[AnswersNode](), reflect.TypeFor[QShowIf]()}

// checkFieldTypes finds values of the wrong type before the decoder does,
// whose messages name Go types ("cannot unmarshal []interface {} into Go
// struct field fileDoc.Rules of type string"). Each is reported as the
// item, the field and the expected type, at the value. Unknown fields are
// left to the strict decoder, which names them. It reports whether all is
// well.
func checkFieldTypes(file string, body ast.Node, errs *input.List) bool {
	n := len(*errs)
	pairs, _ := input.NodePairs(body)
	for _, kv := range pairs {
		t, ok := sectionTypes[input.NodeText(kv.Key)]
		seq, isSeq := input.UnwrapNode(kv.Value).(*ast.SequenceNode)
		if !ok || !isSeq {
			continue
		}
		kind := strings.TrimSuffix(input.NodeText(kv.Key), "s")
		if t == reflect.TypeFor[QPage]() {
			kind = "page"
		}
		for _, item := range seq.Values {
			owner := kind
			if id := mappingID(item); id != "" {
				owner = fmt.Sprintf("%s %q", kind, id)
			}
			checkStruct(file, owner, "", input.UnwrapNode(item), t, errs)
		}
	}
	return len(*errs) == n
}

// checkStruct checks the fields of mapping n against struct type t; path
// is where the mapping sits in the item ("muscles: item 1: "), for messages.
func checkStruct(file, owner, path string, n ast.Node, t reflect.Type, errs *input.List) {
	pairs, _ := input.NodePairs(n)
	for _, kv := range pairs {
		key := input.NodeText(kv.Key)
		f, ok := fieldByTag(t, key)
		if !ok {
			continue
		}
		checkValue(file, owner, path+key, input.UnwrapNode(kv.Value), f.Type, errs)
	}
}

// checkValue checks one value against the Go type it will be decoded into.
func checkValue(file, owner, path string, v ast.Node, t reflect.Type, errs *input.List) {
	if v == nil {
		return
	}
	switch v.(type) {
	case *ast.NullNode, *ast.AliasNode:
		return // nothing given (validate says if it is needed), or resolved by the decoder
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if slices.Contains(anyNode, t) {
		return
	}
	bad := func(want string) {
		line, col := input.NodePos(v)
		errs.Add(file, max(line, 1), max(col, 1), "%s: %s: expected %s, found %s", owner, path, want, input.DescribeNode(v))
	}
	switch t.Kind() {
	case reflect.String:
		if !input.IsScalarNode(v) {
			bad("text")
		}
	case reflect.Int:
		if _, ok := v.(*ast.IntegerNode); !ok {
			bad("a whole number")
		}
	case reflect.Struct:
		if _, ok := input.NodePairs(v); !ok {
			bad("a mapping")
			return
		}
		checkStruct(file, owner, path+": ", v, t, errs)
	case reflect.Slice:
		seq, ok := v.(*ast.SequenceNode)
		elem := t.Elem()
		if !ok {
			if elem.Kind() == reflect.String && input.IsScalarNode(v) {
				bad(fmt.Sprintf("a list, such as [%s]", input.NodeText(v)))
			} else {
				bad("a list")
			}
			return
		}
		for i, it := range seq.Values {
			checkValue(file, owner, fmt.Sprintf("%s: item %d", path, i+1), input.UnwrapNode(it), elem, errs)
		}
	}
}

// fieldByTag finds the field of struct t whose yaml tag is key.
func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
