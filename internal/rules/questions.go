package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// The questionnaire as a rule folder holds it (rules/questions.yaml): the
// section questionnaire is what the assessment asks, followup_facts what the
// follow-up rules read. Each is a list of pages; loading checks them as
// strictly as the rules, every problem at its file:line:col, and builds a
// questionnaire.Questionnaire the rules are then compiled against.

// QPage is one page of questions in a rule file.
type QPage struct {
	ID        string       `yaml:"id"`
	Title     string       `yaml:"title"`
	Intro     string       `yaml:"intro"`
	Questions []*QQuestion `yaml:"questions"`
	Pos       Pos          `yaml:"-"`
}

// QQuestion is one question in a rule file.
type QQuestion struct {
	ID      string     `yaml:"id"`
	Kind    string     `yaml:"kind"`
	Warning bool       `yaml:"warning"`
	Prompt  string     `yaml:"prompt"`
	Short   string     `yaml:"short"`
	Why     string     `yaml:"why"`
	Min     *int       `yaml:"min"`
	Max     *int       `yaml:"max"`
	Unit    string     `yaml:"unit"`
	ShowIf  *QShowIf   `yaml:"show_if"`
	Options []*QOption `yaml:"options"`
	// OptionsFrom, "plan", says the options listed follow ones added when
	// the question is asked: the current self-care plan's steps (the
	// check-in's steps_done, filled in by internal/checkin).
	OptionsFrom string `yaml:"options_from"`
	Pos         Pos    `yaml:"-"`
}

// QOption is one option of a one or many question in a rule file.
type QOption struct {
	ID        string `yaml:"id"`
	Label     string `yaml:"label"`
	Exclusive bool   `yaml:"exclusive"`
	// NoRule says why no rule, step condition or show_if reads the option
	// (such as "none of these", or an answer kept for the summary only).
	NoRule string `yaml:"no_rule"`
	Pos    Pos    `yaml:"-"`
}

// QShowIf is a show_if as written, {question: [option, ...]}, read once the
// earlier questions are known.
type QShowIf struct {
	Pos  Pos
	node nodeRef
}

func (p *QPage) UnmarshalYAML(n ast.Node) error {
	type plain QPage
	return decodeItem(n, "page", (*plain)(p), &p.Pos)
}

func (q *QQuestion) UnmarshalYAML(n ast.Node) error {
	type plain QQuestion
	return decodeItem(n, "question", (*plain)(q), &q.Pos)
}

func (o *QOption) UnmarshalYAML(n ast.Node) error {
	type plain QOption
	return decodeItem(n, "option", (*plain)(o), &o.Pos)
}

func (s *QShowIf) UnmarshalYAML(n ast.Node) error {
	s.node = n
	line, col := input.NodePos(n)
	s.Pos = Pos{Line: line, Col: col}
	return nil
}

// setFile records the file of every position in pages.
func setFile(pages []*QPage, file string) {
	for _, p := range pages {
		p.Pos.File = file
		for _, q := range p.Questions {
			q.Pos.File = file
			if q.ShowIf != nil {
				q.ShowIf.Pos.File = file
			}
			for _, o := range q.Options {
				o.Pos.File = file
			}
		}
	}
}

// ValidQuestionID reports whether id is a valid page, question or option
// id: lowercase letters, digits and underscores (answers files use them as
// keys, so they differ from rule ids, which use dashes).
func ValidQuestionID(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return id != ""
}

// qBuilder checks one questionnaire section and builds it.
type qBuilder struct {
	section string
	errs    *input.List
	// questions seen so far, for show_if, which names an earlier one.
	questions map[string]*questionnaire.Question
	seen      map[string]Pos
}

// buildQuestionnaire checks a section's pages and builds the questionnaire;
// nil when it added an error.
func buildQuestionnaire(section string, pages []*QPage, errs *input.List) *questionnaire.Questionnaire {
	n := len(*errs)
	b := &qBuilder{section: section, errs: errs, questions: map[string]*questionnaire.Question{}, seen: map[string]Pos{}}
	var out []*questionnaire.Page
	pageSeen := map[string]Pos{}
	for _, p := range pages {
		if pg := b.page(p, pageSeen); pg != nil {
			out = append(out, pg)
		}
	}
	if len(*errs) > n {
		return nil
	}
	qn, err := questionnaire.New(out)
	if err != nil { // the checks above are meant to catch all of New's
		errs.Add(pages[0].Pos.File, pages[0].Pos.Line, pages[0].Pos.Col, "%s: %v", section, err)
		return nil
	}
	return qn
}

func (b *qBuilder) at(p Pos, owner, format string, args ...any) {
	b.errs.Add(p.File, p.Line, p.Col, owner+": "+format, args...)
}

// id checks an id, unique among seen; owner is "" when there is none.
func (b *qBuilder) id(p Pos, kind, id string, seen map[string]Pos) string {
	if id == "" {
		b.errs.Add(p.File, p.Line, p.Col, "%s: missing id", kind)
		return ""
	}
	owner := fmt.Sprintf("%s %q", kind, id)
	if !ValidQuestionID(id) {
		b.at(p, owner, "id must be lowercase letters, digits and underscores")
	}
	if prev, dup := seen[id]; dup {
		b.at(p, owner, "duplicate id (first defined at %s:%d:%d)", prev.File, prev.Line, prev.Col)
	}
	seen[id] = p
	return owner
}

func (b *qBuilder) page(p *QPage, seen map[string]Pos) *questionnaire.Page {
	owner := b.id(p.Pos, "page", p.ID, seen)
	if owner == "" {
		return nil
	}
	if strings.TrimSpace(p.Title) == "" {
		b.at(p.Pos, owner, "missing title")
	}
	if len(p.Questions) == 0 {
		b.at(p.Pos, owner, "a page needs questions")
	}
	pg := &questionnaire.Page{ID: p.ID, Title: p.Title, Intro: p.Intro}
	for _, q := range p.Questions {
		if q == nil {
			b.at(p.Pos, owner, "questions: an empty item")
			continue
		}
		if qq := b.question(q); qq != nil {
			pg.Questions = append(pg.Questions, qq)
		}
	}
	return pg
}

var kinds = []string{string(questionnaire.One), string(questionnaire.Many), string(questionnaire.Number), string(questionnaire.YesNo), string(questionnaire.Text)}

func (b *qBuilder) question(q *QQuestion) *questionnaire.Question {
	owner := b.id(q.Pos, "question", q.ID, b.seen)
	if owner == "" {
		return nil
	}
	for _, f := range []struct{ name, val string }{{"prompt", q.Prompt}, {"short", q.Short}, {"why", q.Why}} {
		if strings.TrimSpace(f.val) == "" {
			b.at(q.Pos, owner, "missing %s", f.name)
		}
	}
	out := &questionnaire.Question{ID: q.ID, Kind: questionnaire.Kind(q.Kind), Prompt: q.Prompt, Short: q.Short,
		Why: q.Why, Warning: q.Warning, Unit: q.Unit, FromPlan: q.OptionsFrom == "plan"}
	switch out.Kind {
	case questionnaire.One, questionnaire.Many:
		b.noRange(q, owner)
		out.Options = b.options(q, owner)
	case questionnaire.Number:
		if len(q.Options) > 0 {
			b.at(q.Pos, owner, "options are for one and many questions, not number")
		}
		switch {
		case q.Min == nil || q.Max == nil:
			b.at(q.Pos, owner, "a number question needs min and max")
		case *q.Min >= *q.Max:
			b.at(q.Pos, owner, "min %d is not below max %d", *q.Min, *q.Max)
		default:
			out.Min, out.Max = *q.Min, *q.Max
		}
	case questionnaire.YesNo:
		b.noRange(q, owner)
		if len(q.Options) > 0 {
			b.at(q.Pos, owner, "a yesno question has the options yes and no of itself; leave options out")
		}
	case questionnaire.Text:
		b.noRange(q, owner)
		switch {
		case b.section != "followup_facts" || q.ID != questionnaire.Note:
			// Free text changes no advice: only the check-in's note is.
			b.at(q.Pos, owner, "a text question is only the check-in's %s, in followup_facts: no rule can read free text", questionnaire.Note)
		case len(q.Options) > 0:
			b.at(q.Pos, owner, "options are for one and many questions, not text")
		}
	default:
		b.at(q.Pos, owner, "unknown kind %q; %s", q.Kind, input.OneOf(q.Kind, kinds))
	}
	if q.ShowIf != nil {
		out.ShowIf = b.showIf(q.ShowIf, owner)
	}
	b.questions[q.ID] = out
	return out
}

func (b *qBuilder) noRange(q *QQuestion, owner string) {
	if q.Min != nil || q.Max != nil || q.Unit != "" {
		b.at(q.Pos, owner, "min, max and unit are for number questions, not %s", q.Kind)
	}
}

func (b *qBuilder) options(q *QQuestion, owner string) []questionnaire.Option {
	switch {
	case q.OptionsFrom != "" && q.OptionsFrom != "plan":
		b.at(q.Pos, owner, "options_from %q: the options can come only from the plan; %s", q.OptionsFrom, input.OneOf(q.OptionsFrom, []string{"plan"}))
	case q.OptionsFrom != "" && (b.section != "followup_facts" || q.ID != questionnaire.StepsDone):
		// Only the check-in fills options in, and only this question's.
		b.at(q.Pos, owner, "options_from is only for %s in followup_facts, the check-in's checklist of the plan's steps", questionnaire.StepsDone)
	case q.OptionsFrom == "plan" && len(q.Options) < 1:
		b.at(q.Pos, owner, "a %s question with options from the plan needs one option of its own (such as none of them)", q.Kind)
	case q.OptionsFrom == "" && len(q.Options) < 2:
		b.at(q.Pos, owner, "a %s question needs two options or more", q.Kind)
	}
	if len(q.Options) > 64 {
		b.at(q.Pos, owner, "%d options; a question has at most 64", len(q.Options))
	}
	seen := map[string]Pos{}
	var out []questionnaire.Option
	for _, o := range q.Options {
		if o == nil {
			b.at(q.Pos, owner, "options: an empty item")
			continue
		}
		oo := b.id(o.Pos, owner+": option", o.ID, seen)
		if oo == "" {
			continue
		}
		if strings.TrimSpace(o.Label) == "" {
			b.at(o.Pos, oo, "missing label")
		}
		out = append(out, questionnaire.Option{ID: o.ID, Label: o.Label, Exclusive: o.Exclusive})
	}
	return out
}

// showIf reads {question: [option, ...]} (or one option without the list),
// where question is asked before this one.
func (b *qBuilder) showIf(s *QShowIf, owner string) *questionnaire.ShowIf {
	at := func(n ast.Node, format string, args ...any) {
		p := s.Pos
		if l, c := input.NodePos(n); l > 0 {
			p.Line, p.Col = l, c
		}
		b.at(p, owner, "show_if: "+format, args...)
	}
	pairs, ok := input.NodePairs(input.UnwrapNode(s.node))
	if !ok || len(pairs) != 1 {
		at(s.node, "expected one earlier question and its options, such as {pain_where: [chest]}")
		return nil
	}
	qid := input.NodeText(pairs[0].Key)
	parent, ok := b.questions[qid]
	if !ok {
		at(pairs[0].Key, "%q is not a question asked before this one", qid)
		return nil
	}
	var vals []ast.Node
	switch v := input.UnwrapNode(pairs[0].Value).(type) {
	case *ast.SequenceNode:
		vals = v.Values
	default:
		if input.IsScalarNode(v) {
			vals = []ast.Node{v}
		}
	}
	if len(vals) == 0 {
		at(pairs[0].Value, "name the options of %q that make this question apply", qid)
		return nil
	}
	out := &questionnaire.ShowIf{Question: qid}
	valid := parent.OptionIDs()
	if parent.Kind == questionnaire.Number {
		at(pairs[0].Key, "%q is a number question; show_if names options", qid)
		return nil
	}
	for _, v := range vals {
		id := input.NodeText(input.UnwrapNode(v))
		if !slices.Contains(valid, id) {
			at(v, "%q is not an option of %q; %s", id, qid, input.OneOf(id, valid))
			continue
		}
		out.AnyOf = append(out.AnyOf, id)
	}
	return out
}

// loadQuestionnaires builds the folder's questionnaire sections, each from
// the one file that holds it. A section no file holds is the fallback's:
// the questionnaire Load was given, and the program's follow-up facts.
func loadQuestionnaires(t *Table, docs []*fileDoc, fallback *questionnaire.Questionnaire, dir string, errs *input.List) {
	var qPages, fPages []*QPage
	pick := func(into *[]*QPage, pages []*QPage, section string) {
		if len(pages) == 0 {
			return
		}
		if len(*into) > 0 {
			first, p := (*into)[0].Pos, pages[0].Pos
			errs.Add(p.File, p.Line, p.Col, "%s: the section is already in %s:%d:%d; keep it in one file, whose order is the order asked", section, first.File, first.Line, first.Col)
			return
		}
		*into = pages
	}
	for _, d := range docs {
		pick(&qPages, d.Questionnaire, "questionnaire")
		pick(&fPages, d.FollowupFacts, "followup_facts")
	}
	if len(*errs) > 0 {
		return
	}
	t.ownQuestions = len(qPages) > 0
	if t.ownQuestions {
		t.qn = buildQuestionnaire("questionnaire", qPages, errs)
		t.questionPages = qPages
	} else if fallback == nil {
		errs.Add(dir, 0, 0, "no questionnaire section: give the questions in a file such as questions.yaml")
	} else {
		t.qn = fallback
	}
	if len(fPages) > 0 {
		t.fqn = buildQuestionnaire("followup_facts", fPages, errs)
		t.factPages = fPages
	} else {
		t.fqn = questionnaire.Followup()
	}
}

// unreadOptions reports options that nothing reads: no rule's or step's
// condition names them (under not too) and no show_if does. An option
// nothing reads changes nothing, which a reviewer cannot tell from the
// question; one kept on purpose (none of these, an answer said in the
// summary only) says why in no_rule. A no_rule on an option something reads
// is reported too, so the field never goes stale.
func unreadOptions(pages []*QPage, qn *questionnaire.Questionnaire, conds []*Cond, errs *input.List) {
	read := map[OptionRef]bool{}
	for _, c := range conds {
		for _, r := range c.Refs(qn) {
			read[r] = true
		}
	}
	for _, q := range qn.Questions() {
		if s := q.ShowIf; s != nil {
			for _, id := range s.AnyOf {
				read[OptionRef{s.Question, id}] = true
			}
		}
	}
	for _, p := range pages {
		for _, q := range p.Questions {
			for _, o := range q.Options {
				owner := fmt.Sprintf("question %q: option %q", q.ID, o.ID)
				isRead := read[OptionRef{q.ID, o.ID}]
				switch {
				case !isRead && strings.TrimSpace(o.NoRule) == "":
					errs.Add(o.Pos.File, o.Pos.Line, o.Pos.Col, "%s: no rule, step condition or show_if reads this option; use it, or say why it is kept in no_rule", owner)
				case isRead && o.NoRule != "":
					errs.Add(o.Pos.File, o.Pos.Line, o.Pos.Col, "%s: no_rule given, but a condition or show_if reads this option; remove no_rule", owner)
				}
			}
		}
	}
}

// conds lists every condition of the table's rules and steps.
func (t *Table) conds() []*Cond {
	var out []*Cond
	for _, r := range t.Rules {
		if r.When != nil {
			out = append(out, r.When)
		}
	}
	for _, s := range t.Steps {
		if s.AvoidWhen != nil {
			out = append(out, s.AvoidWhen)
		}
	}
	return out
}

// followupConds lists the follow-up rules' conditions.
func (t *Table) followupConds() []*Cond {
	var out []*Cond
	for _, r := range t.Followup {
		if r.When != nil {
			out = append(out, r.When)
		}
	}
	return out
}

// Questionnaire is the questionnaire the table's rules are compiled
// against: the folder's own, or the one Load or LoadSnapshot was given.
func (t *Table) Questionnaire() *questionnaire.Questionnaire { return t.qn }

// FollowupQuestions are the facts the follow-up rules read: the folder's
// followup_facts, or the program's (questionnaire.Followup).
func (t *Table) FollowupQuestions() *questionnaire.Questionnaire {
	if t.fqn == nil {
		return questionnaire.Followup()
	}
	return t.fqn
}

// OwnQuestionnaire reports whether the table's folder carries its own
// questionnaire section (a snapshot always does).
func (t *Table) OwnQuestionnaire() bool { return t.ownQuestions }

// NoRule is the reason an option of the table's own questionnaire (or
// follow-up facts) gives for being read by no condition, or "".
func (t *Table) NoRule(question, option string) string {
	for _, pages := range [][]*QPage{t.questionPages, t.factPages} {
		for _, p := range pages {
			for _, q := range p.Questions {
				if q.ID != question {
					continue
				}
				for _, o := range q.Options {
					if o.ID == option {
						return o.NoRule
					}
				}
			}
		}
	}
	return ""
}
