package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// A snapshot is a validated table in JSON, with conditions already reduced to
// question and option ids. Parsing ~70 KB of YAML takes 6-10 ms on a small
// machine, most of it in the YAML scanner; decoding the snapshot of the same
// table takes about a millisecond. The built-in table ships both: the YAML
// is the source, the snapshot what starts up, and a test keeps them equal.

type snapshot struct {
	Sources []*Source   `json:"sources"`
	Causes  []*Cause    `json:"causes"`
	Steps   []*snapStep `json:"steps"`
	Rules   []*snapRule `json:"rules"`
	Files   []string    `json:"files"`
	// Followup: the follow-up rules, over questionnaire.Followup.
	Followup []*snapFollowup `json:"followup,omitempty"`
}

type snapStep struct {
	*Step
	AvoidWhen *snapCond `json:"avoid_when,omitempty"`
}

type snapRule struct {
	*Rule
	When *snapCond `json:"when"`
}

// snapCond is a compiled condition by ids, not indexes.
type snapCond struct {
	Op       string      `json:"op"`
	Question string      `json:"q,omitempty"`
	Options  []string    `json:"opts,omitempty"`
	Min      int         `json:"min,omitempty"`
	Max      int         `json:"max,omitempty"`
	Kids     []*snapCond `json:"kids,omitempty"`
	Pos      Pos         `json:"pos"`
	Text     string      `json:"text,omitempty"`
}

var opNames = [...]string{opAlways: "always", opAll: "all", opAny: "any", opNot: "not", opHas: "has", opRange: "range"}

// Snapshot encodes a loaded table. Inline tests are left out: they are for
// `rules test` and the YAML, not for start-up.
func (t *Table) Snapshot(qn *questionnaire.Questionnaire) ([]byte, error) {
	if t.qn != nil && t.qn != qn {
		return nil, fmt.Errorf("rule table snapshot: the table was compiled against another questionnaire; pass Table.Questionnaire")
	}
	fqn := t.FollowupQuestions()
	s := snapshot{Sources: t.Sources, Causes: t.Causes, Files: t.Files, Followup: followupToSnap(t.Followup, fqn)}
	for _, st := range t.Steps {
		s.Steps = append(s.Steps, &snapStep{Step: st, AvoidWhen: toSnap(st.AvoidWhen, qn)})
	}
	for _, r := range t.Rules {
		s.Rules = append(s.Rules, &snapRule{Rule: r, When: toSnap(r.When, qn)})
	}
	body, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return nil, err
	}
	// The questionnaire, the follow-up facts and the dialogs come first,
	// one record a line, so that questionnaire.Default reads them from the
	// head of the file without the rules (LoadSnapshot skips them).
	var b bytes.Buffer
	b.WriteString("{\n")
	for _, part := range []struct {
		key string
		rs  questionnaire.Records
	}{{questionnaire.SnapshotKey, qn.Records()}, {questionnaire.FollowupSnapshotKey, fqn.Records()}, {questionnaire.DialogsSnapshotKey, t.Dialogs().Records()}} {
		fmt.Fprintf(&b, " %q: [", part.key)
		for i, r := range part.rs {
			line, err := json.Marshal(r)
			if err != nil {
				return nil, err
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n  ")
			b.Write(line)
		}
		b.WriteString("\n ],\n")
	}
	b.Write(bytes.TrimPrefix(body, []byte("{\n")))
	return b.Bytes(), nil
}

func toSnap(c *Cond, qn *questionnaire.Questionnaire) *snapCond {
	if c == nil {
		return nil
	}
	sc := &snapCond{Op: opNames[c.op], Pos: c.Pos, Text: c.Text}
	switch c.op {
	case opHas:
		q := qn.Questions()[c.q]
		sc.Question, sc.Options = q.ID, OptionIDs(q, c.mask)
	case opRange:
		sc.Question, sc.Min, sc.Max = qn.Questions()[c.q].ID, c.lo, c.hi
	}
	for _, k := range c.kids {
		sc.Kids = append(sc.Kids, toSnap(k, qn))
	}
	return sc
}

// LoadSnapshot decodes a snapshot made by Snapshot. Ids are checked against
// the questionnaire again, so a snapshot that no longer fits fails loudly.
func LoadSnapshot(data []byte, qn *questionnaire.Questionnaire) (*Table, error) {
	var s snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("rule table snapshot: %w", err)
	}
	// The questionnaire at the head of the snapshot is qn's source
	// (questionnaire.Default reads it); the follow-up facts and the
	// dialogs likewise (left nil, Table.Dialogs is the program's).
	t := &Table{Sources: s.Sources, Causes: s.Causes, Files: s.Files, qn: qn, fqn: questionnaire.Followup()}
	if slices.Contains(s.Sources, nil) || slices.Contains(s.Causes, nil) ||
		slices.ContainsFunc(s.Steps, func(st *snapStep) bool { return st == nil || st.Step == nil }) ||
		slices.ContainsFunc(s.Rules, func(r *snapRule) bool { return r == nil || r.Rule == nil }) {
		return nil, fmt.Errorf("rule table snapshot: an empty entry")
	}
	var err error
	if t.Steps, err = stepsFromSnap(s.Steps, qn); err != nil {
		return nil, err
	}
	if t.Rules, err = rulesFromSnap(s.Rules, qn); err != nil {
		return nil, err
	}
	if err := followupFromSnap(t, s.Followup); err != nil {
		return nil, err
	}
	// A table without warning signs would call every case self-care: refuse.
	if !slices.ContainsFunc(t.Rules, (*Rule).IsWarning) {
		return nil, fmt.Errorf("rule table snapshot: no warning-sign rules")
	}
	t.index()
	if err := checkSnapRefs(t); err != nil {
		return nil, err
	}
	resolve(t)
	return t, nil
}

// stepsFromSnap compiles the steps' avoid_when conditions.
func stepsFromSnap(ss []*snapStep, qn *questionnaire.Questionnaire) ([]*Step, error) {
	out := make([]*Step, 0, len(ss))
	for _, st := range ss {
		if st.AvoidWhen != nil {
			var err error
			if st.Step.AvoidWhen, err = fromSnap(st.AvoidWhen, qn); err != nil {
				return nil, err
			}
		}
		out = append(out, st.Step)
	}
	return out, nil
}

// rulesFromSnap compiles the rules' conditions and reads their levels.
func rulesFromSnap(rs []*snapRule, qn *questionnaire.Questionnaire) ([]*Rule, error) {
	out := make([]*Rule, 0, len(rs))
	for _, r := range rs {
		if r.When == nil {
			return nil, fmt.Errorf("rule table snapshot: rule %q has no condition", r.ID)
		}
		var err error
		if r.Rule.When, err = fromSnap(r.When, qn); err != nil {
			return nil, err
		}
		if r.Level != "" {
			lv, ok := ParseLevel(r.Level)
			if !ok {
				return nil, fmt.Errorf("rule table snapshot: rule %q: unknown level %q", r.ID, r.Level)
			}
			r.level = lv
		}
		if err := parseGuidanceFields(r.Rule); err != nil {
			return nil, fmt.Errorf("rule table snapshot: rule %q: %v", r.ID, err)
		}
		out = append(out, r.Rule)
	}
	return out, nil
}

// checkSnapRefs checks that every cause, source and step a rule names is in
// the indexed table.
func checkSnapRefs(t *Table) error {
	for _, r := range t.Rules {
		if r.Cause != "" && t.causes[r.Cause] == nil {
			return fmt.Errorf("rule table snapshot: rule %q: unknown cause %q", r.ID, r.Cause)
		}
		if r.Source == "" || t.sources[r.Source] == nil {
			return fmt.Errorf("rule table snapshot: rule %q: unknown source %q", r.ID, r.Source)
		}
		for _, id := range r.Steps {
			if t.steps[id] == nil {
				return fmt.Errorf("rule table snapshot: rule %q: unknown step %q", r.ID, id)
			}
		}
	}
	for _, r := range t.Followup {
		if r.Source == "" || t.sources[r.Source] == nil {
			return fmt.Errorf("rule table snapshot: follow-up rule %q: unknown source %q", r.ID, r.Source)
		}
		for _, id := range r.Causes {
			if t.causes[id] == nil {
				return fmt.Errorf("rule table snapshot: follow-up rule %q: unknown cause %q", r.ID, id)
			}
		}
	}
	return nil
}

func fromSnap(sc *snapCond, qn *questionnaire.Questionnaire) (*Cond, error) {
	c := &Cond{Pos: sc.Pos, Text: sc.Text}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("rule table snapshot: %s:%d:%d: %s", sc.Pos.File, sc.Pos.Line, sc.Pos.Col, fmt.Sprintf(format, args...))
	}
	found := false
	for i, name := range opNames {
		if name == sc.Op {
			c.op, found = op(i), true
		}
	}
	if !found {
		return nil, bad("unknown operator %q", sc.Op)
	}
	switch c.op {
	case opHas, opRange:
		q, ok := qn.Question(sc.Question)
		if !ok {
			return nil, bad("unknown question %q", sc.Question)
		}
		c.q = qn.Index(sc.Question)
		c.lo, c.hi = sc.Min, sc.Max
		for _, id := range sc.Options {
			switch {
			case q.Kind == questionnaire.YesNo && id == "yes":
				c.mask |= bitYes
			case q.Kind == questionnaire.YesNo && id == "no":
				c.mask |= bitNo
			default:
				j := q.OptionIndex(id)
				if j < 0 {
					return nil, bad("question %q: unknown option %q", q.ID, id)
				}
				c.mask |= 1 << j
			}
		}
	}
	for _, k := range sc.Kids {
		kc, err := fromSnap(k, qn)
		if err != nil {
			return nil, err
		}
		c.kids = append(c.kids, kc)
	}
	if (c.op == opNot && len(c.kids) != 1) || ((c.op == opAll || c.op == opAny) && len(c.kids) == 0) {
		return nil, bad("%s needs conditions", sc.Op)
	}
	return c, nil
}
