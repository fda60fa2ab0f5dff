package rules

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Cond is a compiled condition over the answers. It is compiled once at load
// into question indexes and option bit masks, so evaluating it allocates
// nothing.
type Cond struct {
	op    op
	q     int    // question index, for leaves
	mask  uint64 // options that match, for one/many/yesno leaves
	lo    int    // bounds, for number leaves
	hi    int
	kids  []*Cond
	node  nodeRef
	Pos   Pos
	Text  string // the condition as written, for docs and messages
	owner string
}

type op uint8

const (
	opAlways op = iota
	opAll
	opAny
	opNot
	opHas
	opRange
)

// Yes/no answers are stored as one of two option bits.
const (
	bitNo  = 1 << 0
	bitYes = 1 << 1
)

// fact is one question's answer in compiled form.
type fact struct {
	mask     uint64
	num      int
	answered bool
	// given: the answers hold a value, known or not (answers.Answered).
	given bool
}

// Facts are answers indexed by question, ready for fast evaluation.
type Facts []fact

// NewFacts compiles answers against the questionnaire. Answers to unknown
// questions or options are ignored: answers are validated where they are read.
func NewFacts(qn *questionnaire.Questionnaire, a answers.Answers) Facts {
	return NewFactsIn(nil, qn, a)
}

// FactsBuf is room for the facts of a questionnaire of up to 64 questions:
// a caller that keeps its facts to itself declares one on its stack and
// passes it to NewFactsIn, so compiling the answers allocates nothing.
type FactsBuf [64]fact

// NewFactsIn is NewFacts, compiled into buf when it has room for every
// question (buf[:0] of a FactsBuf, say) and into a new slice otherwise.
func NewFactsIn(buf Facts, qn *questionnaire.Questionnaire, a answers.Answers) Facts {
	qs := qn.Questions()
	var f Facts
	if len(qs) <= cap(buf) {
		f = buf[:len(qs)]
		clear(f)
	} else {
		f = make(Facts, len(qs))
	}
	// Walks the answers, not the questions: a few answers, many questions.
	for id, v := range a {
		i := qn.Index(id)
		if i < 0 {
			continue
		}
		q := qs[i]
		f[i].given = len(v.Options) > 0 || v.Number != nil || v.Yes != nil
		switch {
		case v.Yes != nil:
			f[i].answered = true
			if *v.Yes {
				f[i].mask = bitYes
			} else {
				f[i].mask = bitNo
			}
		case v.Number != nil:
			f[i].answered = true
			f[i].num = *v.Number
		default:
			for _, id := range v.Options {
				for j, o := range q.Options {
					if o.ID == id {
						f[i].mask |= 1 << j
						f[i].answered = true
					}
				}
			}
		}
	}
	return f
}

// Answered reports whether question index i has an answer.
func (f Facts) Answered(i int) bool { return f[i].answered }

// Given reports whether the answers hold a value for question index i,
// even one the question does not know: answers.Answers.Answered, without
// looking the question up.
func (f Facts) Given(i int) bool { return f[i].given }

// Eval reports whether the condition holds.
func (c *Cond) Eval(f Facts) bool {
	switch c.op {
	case opAlways:
		return true
	case opAll:
		for _, k := range c.kids {
			if !k.Eval(f) {
				return false
			}
		}
		return true
	case opAny:
		for _, k := range c.kids {
			if k.Eval(f) {
				return true
			}
		}
		return false
	case opNot:
		return !c.kids[0].Eval(f)
	case opHas:
		return f[c.q].mask&c.mask != 0
	case opRange:
		return f[c.q].answered && f[c.q].num >= c.lo && f[c.q].num <= c.hi
	}
	return false
}

// Match is an answer that made a condition hold: the question and, for
// option questions, which of its options matched.
type Match struct {
	Question int
	Options  uint64
}

// Explain appends the answers that made a holding condition hold. Negated
// parts contribute nothing: "because you did not say X" is not a reason.
func (c *Cond) Explain(f Facts, out []Match) []Match {
	switch c.op {
	case opAll:
		for _, k := range c.kids {
			out = k.Explain(f, out)
		}
	case opAny:
		for _, k := range c.kids {
			if k.Eval(f) {
				out = k.Explain(f, out)
			}
		}
	case opHas:
		out = addMatch(out, c.q, f[c.q].mask&c.mask)
	case opRange:
		out = addMatch(out, c.q, 0)
	}
	return out
}

func addMatch(out []Match, q int, opts uint64) []Match {
	for i := range out {
		if out[i].Question == q {
			out[i].Options |= opts
			return out
		}
	}
	return append(out, Match{Question: q, Options: opts})
}

// OptionIDs lists the option ids set in mask for question q. A single
// option, the common case, shares the questionnaire's slice: do not modify.
func OptionIDs(q *questionnaire.Question, mask uint64) []string {
	if q.Kind == questionnaire.YesNo {
		yn := q.OptionIDs()
		switch mask {
		case bitYes:
			return yn[0:1:1]
		case bitNo:
			return yn[1:2:2]
		}
		return nil
	}
	if bits.OnesCount64(mask) == 1 {
		j := bits.TrailingZeros64(mask)
		return q.OptionIDs()[j : j+1 : j+1]
	}
	var ids []string
	for mask != 0 {
		j := bits.TrailingZeros64(mask)
		ids = append(ids, q.Options[j].ID)
		mask &^= 1 << j
	}
	return ids
}

// compiler turns condition nodes into Conds, collecting every error.
type compiler struct {
	qn    *questionnaire.Questionnaire
	file  string
	owner string // `rule "id"` or `step "id"`, for messages
	errs  *input.List
}

func (cp *compiler) errorf(n ast.Node, format string, args ...any) {
	line, col := input.NodePos(n)
	cp.errs.Add(cp.file, line, col, cp.owner+": "+format, args...)
}

func (cp *compiler) compile(n ast.Node) *Cond {
	n = input.UnwrapNode(n)
	c := &Cond{owner: cp.owner}
	if n == nil {
		cp.errs.Add(cp.file, 0, 0, "%s: empty condition", cp.owner)
		return c
	}
	line, col := input.NodePos(n)
	c.Pos = Pos{File: cp.file, Line: line, Col: col}
	c.Text = strings.TrimSpace(n.String())
	switch t := n.(type) {
	case *ast.StringNode:
		if t.Value == "always" {
			c.op = opAlways
			return c
		}
		cp.errorf(n, "condition %q: expected a mapping like {question: option}, or \"always\"", t.Value)
		return c
	case *ast.MappingValueNode:
		return cp.compilePairs(c, []*ast.MappingValueNode{t})
	case *ast.MappingNode:
		if len(t.Values) == 0 {
			cp.errorf(n, "empty condition; write \"always\" for a rule that always applies")
			return c
		}
		return cp.compilePairs(c, t.Values)
	}
	cp.errorf(n, "expected a condition mapping, found %s", input.DescribeNode(n))
	return c
}

func (cp *compiler) compilePairs(c *Cond, pairs []*ast.MappingValueNode) *Cond {
	if len(pairs) == 1 {
		cp.compilePair(c, pairs[0])
		return c
	}
	c.op = opAll
	for _, kv := range pairs {
		k := &Cond{owner: cp.owner, Pos: c.Pos, Text: strings.TrimSpace(kv.String())}
		cp.compilePair(k, kv)
		c.kids = append(c.kids, k)
	}
	return c
}

func (cp *compiler) compilePair(c *Cond, kv *ast.MappingValueNode) {
	key := input.NodeText(kv.Key)
	val := input.UnwrapNode(kv.Value)
	switch key {
	case "all", "any":
		seq, ok := val.(*ast.SequenceNode)
		if !ok || len(seq.Values) == 0 {
			cp.errorf(kv.Key, "%s: expected a non-empty list of conditions", key)
			return
		}
		c.op = opAll
		if key == "any" {
			c.op = opAny
		}
		for _, item := range seq.Values {
			c.kids = append(c.kids, cp.compile(item))
		}
		return
	case "not":
		c.op = opNot
		c.kids = []*Cond{cp.compile(val)}
		return
	}
	q, ok := cp.qn.Question(key)
	if !ok {
		cp.errorf(kv.Key, "unknown question %q; %s", key, input.OneOf(key, cp.qn.IDs()))
		return
	}
	c.q = cp.qn.Index(key)
	c.op = opHas
	if val == nil {
		cp.errorf(kv.Key, "question %q: no value to match", key)
		return
	}
	switch q.Kind {
	case questionnaire.Text:
		cp.errorf(kv.Key, "question %q is free text: no rule can read it", key)
	case questionnaire.YesNo:
		switch strings.ToLower(input.NodeText(val)) {
		case "true", "yes":
			c.mask = bitYes
		case "false", "no":
			c.mask = bitNo
		default:
			cp.errorf(val, "question %q is yes/no: expected true or false, found %s", key, input.DescribeNode(val))
		}
	case questionnaire.Number:
		cp.compileRange(c, q, val)
	default:
		var items []ast.Node
		if seq, ok := val.(*ast.SequenceNode); ok {
			items = seq.Values
		} else {
			items = []ast.Node{val}
		}
		if len(items) == 0 {
			cp.errorf(val, "question %q: empty option list", key)
		}
		for _, it := range items {
			it = input.UnwrapNode(it)
			id := input.NodeText(it)
			j := q.OptionIndex(id)
			if j < 0 {
				cp.errorf(it, "question %q: unknown option %q; %s", key, id, input.OneOf(id, q.OptionIDs()))
				continue
			}
			c.mask |= 1 << j
		}
	}
}

func (cp *compiler) compileRange(c *Cond, q *questionnaire.Question, val ast.Node) {
	c.op = opRange
	c.lo, c.hi = q.Min, q.Max
	m, ok := val.(*ast.MappingNode)
	var pairs []*ast.MappingValueNode
	if ok {
		pairs = m.Values
	} else if mv, ok2 := val.(*ast.MappingValueNode); ok2 {
		pairs = []*ast.MappingValueNode{mv}
	} else {
		cp.errorf(val, "question %q is a number: expected {min: N} and/or {max: N}, found %s", q.ID, input.DescribeNode(val))
		return
	}
	for _, kv := range pairs {
		k := input.NodeText(kv.Key)
		n, err := strconv.Atoi(input.NodeText(input.UnwrapNode(kv.Value)))
		if err != nil {
			cp.errorf(kv.Value, "question %q: %s must be a whole number", q.ID, k)
			continue
		}
		switch k {
		case "min":
			c.lo = n
		case "max":
			c.hi = n
		default:
			cp.errorf(kv.Key, "question %q: unknown bound %q; valid: min, max", q.ID, k)
		}
	}
	if c.lo > c.hi {
		cp.errorf(val, "question %q: min %d is above max %d", q.ID, c.lo, c.hi)
	}
}

// Questions lists the indexes of the questions a condition reads.
func (c *Cond) Questions(out []int) []int {
	switch c.op {
	case opHas, opRange:
		for _, q := range out {
			if q == c.q {
				return out
			}
		}
		return append(out, c.q)
	}
	for _, k := range c.kids {
		out = k.Questions(out)
	}
	return out
}

// Required lists the indexes of the questions that must be answered for the
// condition to hold: a leaf's own question, those of every part of "all",
// and those common to every branch of "any"; "not" and "always" require
// none. The engine skips a rule at once when one of them is unanswered.
func (c *Cond) Required() []int {
	switch c.op {
	case opHas, opRange:
		// A leaf holds only on an answer: an option bit, a yes or no, or a
		// number (Facts.Answered).
		return []int{c.q}
	case opAll:
		var out []int
		for _, k := range c.kids {
			for _, q := range k.Required() {
				if !slices.Contains(out, q) {
					out = append(out, q)
				}
			}
		}
		return out
	case opAny:
		var out []int
		for i, k := range c.kids {
			req := k.Required()
			if i == 0 {
				out = req
				continue
			}
			out = slices.DeleteFunc(out, func(q int) bool { return !slices.Contains(req, q) })
		}
		return out
	}
	return nil
}

// Flat holds conditions laid out one after another in one slice, for an
// evaluation loop over many of them: a tree of pointers costs a cache miss
// a node, a flat slice is read in order. It is immutable once built.
type Flat struct {
	nodes []flatNode
}

// flatNode is a Cond without what only messages need; its kids follow it,
// and end is the index just past its subtree.
type flatNode struct {
	op     op
	q      int
	mask   uint64
	lo, hi int
	end    int
}

// Add appends c and returns its index, for Eval.
func (fl *Flat) Add(c *Cond) int {
	start := len(fl.nodes)
	fl.add(c)
	return start
}

func (fl *Flat) add(c *Cond) {
	i := len(fl.nodes)
	fl.nodes = append(fl.nodes, flatNode{op: c.op, q: c.q, mask: c.mask, lo: c.lo, hi: c.hi})
	for _, k := range c.kids {
		fl.add(k)
	}
	fl.nodes[i].end = len(fl.nodes)
}

// Eval is Cond.Eval of the condition Add put at index i.
func (fl *Flat) Eval(i int, f Facts) bool {
	n := &fl.nodes[i]
	switch n.op {
	case opAlways:
		return true
	case opAll:
		for k := i + 1; k < n.end; k = fl.nodes[k].end {
			if !fl.Eval(k, f) {
				return false
			}
		}
		return true
	case opAny:
		for k := i + 1; k < n.end; k = fl.nodes[k].end {
			if fl.Eval(k, f) {
				return true
			}
		}
		return false
	case opNot:
		return !fl.Eval(i+1, f)
	case opHas:
		return f[n.q].mask&n.mask != 0
	case opRange:
		return f[n.q].answered && f[n.q].num >= n.lo && f[n.q].num <= n.hi
	}
	return false
}
