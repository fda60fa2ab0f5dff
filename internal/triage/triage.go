// Package triage turns answers into an assessment by running the rule table:
// the triage level and why, warning signs, ranked causes with the answers
// that led to them, one self-care plan, when to get help and the sources.
// It is pure: no clock, no I/O, the same answers give the same assessment.
package triage

import (
	"cmp"
	"slices"
	"strings"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
)

// PlanCauses is how many top-ranked causes feed the self-care plan; the rest
// are listed as possible causes but would make the plan too long to follow.
const PlanCauses = 3

// TopCauses is how many causes are shown first; the rest are "other
// possibilities". They are the causes the plan is for.
const TopCauses = PlanCauses

// Assessment is what the engine concludes. Views and exports read it; none
// of them decide anything.
type Assessment struct {
	Level rules.Level
	// Warnings are the warning-sign rules that fired, most urgent first.
	Warnings []Finding
	Causes   []RankedCause
	Plan     []PlanStep
	// Withheld are steps left out of the plan because an answer makes them
	// unsafe (or, at emergency level, all self-care).
	Withheld []Withheld
	SeekHelp []HelpLine
	Sources  []SourceUse
	// Held says why causes and the self-care plan are left empty: at
	// emergency level they are withheld, on screen and in every export, so
	// that nothing reads like a reason to wait. Empty otherwise.
	Held string
	// Unanswered lists questions that applied but were not answered.
	Unanswered []*questionnaire.Question
	// Answers are the answers assessed, without follow-ups that did not apply.
	Answers answers.Answers
}

// Fact is one answer that made a rule fire: "because you said".
type Fact struct {
	Question *questionnaire.Question
	Options  []string // the matching option ids; empty for numbers
	Text     string   // the answer in words
}

// Finding is a warning sign found in the answers.
type Finding struct {
	Rule    *rules.Rule
	Level   rules.Level
	Because []Fact
}

// Reason is one rule that points at a cause.
type Reason struct {
	Rule    *rules.Rule
	Because []Fact
}

// RankedCause is a likely cause and its score: the sum of the weights of the
// rules that point at it. A cause is ranked only when at least one answer
// points to it specifically (a rule that is not broad, with an answer given).
type RankedCause struct {
	Cause   *rules.Cause
	Score   int
	Reasons []Reason
	// Specific is how many distinct answers point to the cause through
	// rules that are not broad; it breaks ties in the score.
	Specific int
	// Top marks the first TopCauses causes: the ones shown first and the
	// ones the self-care plan is built for. Views and exports read it
	// rather than counting for themselves.
	Top bool
}

// PlanStep is a self-care step and what it is for.
type PlanStep struct {
	Step  *rules.Step
	For   []*rules.Cause // causes it helps with; empty for general advice
	Rules []*rules.Rule  // rules that recommended it
}

// Withheld is a step left out of the plan, and why.
type Withheld struct {
	Step *rules.Step
	Why  string
	// Warning is the warning sign that rules the step out until it has been
	// checked; nil when an answer does (the step's own caution).
	Warning *rules.Rule
}

// HelpLine is one "get help if" line.
type HelpLine struct {
	Text string
	Rule *rules.Rule
}

// Quote is a passage of a source and what cites it.
type Quote struct {
	Text string
	Kind string // "rule", "cause" or "step"
	ID   string
	// SaidBy is who said it, for an article: the table's said_by ("author"
	// or a reader's name); SourceUse.Source.Speaker puts it in words.
	SaidBy string
	// Own is set when what cites the passage adds the tool's own suggestion
	// (a technique's details, a number): why, in words.
	Own string
}

// By names what cites the passage: "rule x".
func (q Quote) By() string { return q.Kind + " " + q.ID }

// SourceUse is a source the assessment relied on and the passages used.
type SourceUse struct {
	Source *rules.Source
	// Quotes are made once per engine and shared by every assessment: read
	// them, never write through them.
	Quotes []*Quote
}

// Engine runs one rule table. It is safe for concurrent use: nothing in it
// changes after New.
type Engine struct {
	qn    *questionnaire.Questionnaire
	table *rules.Table
	// The passage each rule, cause and step cites, by index in the table:
	// made here once rather than copied into every assessment.
	ruleQuotes, causeQuotes, stepQuotes []Quote
	// needs[i] is a bit set of the questions rule i's condition requires
	// answered (Cond.Required), of the first 64 (all the built-in ones): a
	// rule missing one is skipped without evaluating its condition.
	needs []uint64
	// conds are the rules' conditions laid out flat; rule i's is at condAt[i].
	conds  rules.Flat
	condAt []int
	// byOrder lists the steps' indexes in the steps' own order.
	byOrder []int
	// parents[i] are the indexes of the questions question i's show-if
	// names (-1 for one the questionnaire lacks); nil when it has none.
	parents [][]int
}

// New returns an engine for a loaded table. It prepares, once, what every
// assessment would otherwise redo: the quotes, the steps' order and the
// rules' conditions in a form that is quick to test.
func New(qn *questionnaire.Questionnaire, t *rules.Table) *Engine {
	e := &Engine{qn: qn, table: t}
	e.makeQuotes()
	e.byOrder = stepsByOrder(t.Steps)
	e.compileConds()
	e.parents = showIfParents(qn)
	return e
}

func showIfParents(qn *questionnaire.Questionnaire) [][]int {
	qs := qn.Questions()
	parents := make([][]int, len(qs))
	for i, q := range qs {
		if q.ShowIf == nil {
			continue
		}
		for _, b := range q.ShowIf.Branches() {
			parents[i] = append(parents[i], qn.Index(b.Question))
		}
	}
	return parents
}

// mayApply is false when question i is a follow-up and no question its
// show-if names holds a value, so that answers.Applies would say no (a
// warning question's own answer aside: i has none when this is asked).
func (e *Engine) mayApply(i int, f rules.Facts) bool {
	ps := e.parents[i]
	if ps == nil {
		return true
	}
	for _, p := range ps {
		if p < 0 || f.Given(p) {
			return true
		}
	}
	return false
}

func (e *Engine) makeQuotes() {
	t := e.table
	e.ruleQuotes = make([]Quote, len(t.Rules))
	for i, r := range t.Rules {
		e.ruleQuotes[i] = Quote{Text: r.Quote, Kind: "rule", ID: r.ID, SaidBy: r.SaidBy, Own: r.Own}
	}
	e.causeQuotes = make([]Quote, len(t.Causes))
	for i, c := range t.Causes {
		e.causeQuotes[i] = Quote{Text: c.Quote, Kind: "cause", ID: c.ID, SaidBy: c.SaidBy, Own: c.Own}
	}
	e.stepQuotes = make([]Quote, len(t.Steps))
	for i, st := range t.Steps {
		e.stepQuotes[i] = Quote{Text: st.Quote, Kind: "step", ID: st.ID, SaidBy: st.SaidBy, Own: st.Own}
	}
}

// stepsByOrder lists the steps' indexes by the steps' own order, ties in
// table order.
func stepsByOrder(steps []*rules.Step) []int {
	ix := make([]int, len(steps))
	for i := range ix {
		ix[i] = i
	}
	slices.SortStableFunc(ix, func(a, b int) int { return cmp.Compare(steps[a].Order, steps[b].Order) })
	return ix
}

// compileConds lays the rules' conditions out flat and notes the questions
// each requires answered.
func (e *Engine) compileConds() {
	t := e.table
	e.condAt = make([]int, len(t.Rules))
	e.needs = make([]uint64, len(t.Rules))
	for i, r := range t.Rules {
		e.condAt[i] = e.conds.Add(r.When)
		for _, q := range r.When.Required() {
			if q < 64 { // a question past 64 is left to the condition
				e.needs[i] |= 1 << q
			}
		}
	}
}

// Table is the engine's rule table.
func (e *Engine) Table() *rules.Table { return e.table }

// Questionnaire is the questionnaire the table was loaded against.
func (e *Engine) Questionnaire() *questionnaire.Questionnaire { return e.qn }

// Fired lists the rules whose conditions hold, in table order. `rules test`
// uses it to check inline cases.
func (e *Engine) Fired(a answers.Answers) []*rules.Rule {
	f := rules.NewFacts(e.qn, answers.Prune(e.qn, a))
	var out []*rules.Rule
	for _, r := range e.table.Rules {
		if r.When.Eval(f) {
			out = append(out, r)
		}
	}
	return out
}

// Assess runs the rule table over the answers.
//
// It is on the path of every answer given (Stop), so it allocates little:
// scratch space lives in arrays on the stack (sized for the built-in table,
// with a fallback to the heap for a larger one), and every list returned is
// allocated once, at its exact length.
func (e *Engine) Assess(in answers.Answers) *Assessment {
	a := answers.Prune(e.qn, in)
	var factsBuf rules.FactsBuf
	f := rules.NewFactsIn(factsBuf[:0], e.qn, a)
	as := &Assessment{Answers: a}

	// Sizes are known after one pass, so every list below is allocated once.
	n := len(e.table.Causes)
	var firedBuf [32]*rules.Rule
	var scoreBuf, nReasonBuf [64]int
	var reasonsBuf [64][]Reason
	scores, nReasons := scratch(scoreBuf[:0], n), scratch(nReasonBuf[:0], n)
	fired, nWarnings, nCauseRules := e.fire(f, firedBuf[:0], nReasons)
	reasons := reasonLists(scratch(reasonsBuf[:0], n), nReasons, nCauseRules)
	e.findings(as, f, fired, nWarnings, scores, reasons)
	e.rank(as, scores, reasons, nReasons)

	as.Held = held(as)
	e.plan(as, fired, f)
	if as.Held != "" {
		// Ranking a muscle cause beside "call the emergency number now", or
		// beside "a doctor must rule out an infection today", reads like a
		// reason to wait; the plan was withheld above for the same reason.
		as.Causes = as.Causes[:0]
	}
	e.seekHelp(as, fired)
	e.sources(as, fired)
	as.Unanswered = e.unanswered(a, f)
	return as
}

// fire is the first pass over the table: the rules whose conditions hold,
// appended to fired, with each cause's reasons counted into nReasons, and
// the numbers of warnings and of rules that point to a cause.
func (e *Engine) fire(f rules.Facts, fired []*rules.Rule, nReasons []int) (_ []*rules.Rule, nWarnings, nCauseRules int) {
	var answered uint64 // of the first 64 questions, as in needs
	for i := range min(len(f), 64) {
		if f.Answered(i) {
			answered |= 1 << i
		}
	}
	for i, r := range e.table.Rules {
		if e.needs[i]&^answered != 0 || !e.conds.Eval(e.condAt[i], f) {
			continue
		}
		fired = append(fired, r)
		if r.CauseIx >= 0 {
			nReasons[r.CauseIx]++
			nCauseRules++
		}
		if r.IsWarning() {
			nWarnings++
		}
	}
	return fired, nWarnings, nCauseRules
}

// reasonLists carves one allocation of total reasons into each cause's
// list, with room for its counted number.
func reasonLists(reasons [][]Reason, nReasons []int, total int) [][]Reason {
	buf := make([]Reason, 0, total)
	for i, n := range nReasons {
		if n > 0 {
			reasons[i] = buf[len(buf) : len(buf) : len(buf)+n]
			buf = buf[:len(buf)+n]
		}
	}
	return reasons
}

// findings explains every fired rule ("because you said") and records the
// warning signs and the level they reach, and each cause's score and
// reasons.
func (e *Engine) findings(as *Assessment, f rules.Facts, fired []*rules.Rule, nWarnings int, scores []int, reasons [][]Reason) {
	// Every fired rule is explained before any fact is made, so the facts
	// are allocated at their exact number; ends[k] closes rule k's matches.
	var matchBuf [128]rules.Match
	var endBuf [64]int
	ms, ends := matchBuf[:0], scratch(endBuf[:0], len(fired))
	for k, r := range fired {
		// Each rule's matches are merged by question apart from the others'.
		ms = append(ms, r.When.Explain(f, ms[len(ms):])...)
		ends[k] = len(ms)
	}
	facts := e.facts(as.Answers, ms, make([]Fact, 0, len(ms)))
	as.Warnings = make([]Finding, 0, nWarnings)
	for k, r := range fired {
		because := facts[:ends[k]:ends[k]]
		if k > 0 {
			because = because[ends[k-1]:]
		}
		if r.IsWarning() {
			as.Warnings = append(as.Warnings, Finding{Rule: r, Level: r.LevelOf(), Because: because})
			as.Level = max(as.Level, r.LevelOf())
		}
		if i := r.CauseIx; i >= 0 {
			scores[i] += r.Weight
			reasons[i] = append(reasons[i], Reason{Rule: r, Because: because})
		}
	}
	as.Warnings = dropReplaced(as.Warnings)
	slices.SortStableFunc(as.Warnings, func(a, b Finding) int { return int(b.Level) - int(a.Level) })
}

// rank lists the causes that some specific answer grounds, by score, and
// marks the first TopCauses. nReasons is done with and reused for each
// cause's count of specific answers.
func (e *Engine) rank(as *Assessment, scores []int, reasons [][]Reason, nReasons []int) {
	t := e.table
	nRanked := 0
	for i := range t.Causes {
		if nReasons[i] = specific(reasons[i]); nReasons[i] > 0 {
			nRanked++
		}
	}
	as.Causes = make([]RankedCause, 0, nRanked)
	for i, c := range t.Causes {
		if n := nReasons[i]; n > 0 {
			as.Causes = append(as.Causes, RankedCause{Cause: c, Score: scores[i], Reasons: reasons[i], Specific: n})
		}
	}
	slices.SortFunc(as.Causes, compareCauses)
	for i := range min(len(as.Causes), TopCauses) {
		as.Causes[i].Top = true
	}
}

// unanswered lists the questions that apply but have no answer, or nil.
func (e *Engine) unanswered(a answers.Answers, f rules.Facts) []*questionnaire.Question {
	var buf [64]*questionnaire.Question
	out := buf[:0]
	for i, q := range e.qn.Questions() {
		if !f.Given(i) && e.mayApply(i, f) && answers.Applies(e.qn, a, q) {
			out = append(out, q)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return slices.Clone(out)
}

// scratch is n zeroed elements, in buf when it has room: callers pass a
// slice of an array on their stack, so the built-in table needs no heap.
func scratch[T any](buf []T, n int) []T {
	if n > cap(buf) {
		return make([]T, n)
	}
	s := buf[:n]
	clear(s)
	return s
}

// specific counts the distinct answers that point to a cause through rules
// that are not broad: 0 means nothing grounds the cause, however high the
// broad rules score it (an unanswered question gives no answer to count).
func specific(rs []Reason) int {
	type answer struct {
		q   *questionnaire.Question
		opt string
	}
	var seen [16]answer
	n := 0
	add := func(a answer) {
		if !slices.Contains(seen[:min(n, len(seen))], a) {
			if n < len(seen) {
				seen[n] = a
			}
			n++
		}
	}
	for _, r := range rs {
		if r.Rule.Broad {
			continue
		}
		for _, f := range r.Because {
			if len(f.Options) == 0 {
				add(answer{f.Question, ""}) // a number or yes/no: the question itself
			}
			for _, o := range f.Options {
				add(answer{f.Question, o})
			}
		}
	}
	return n
}

// compareCauses ranks by score; ties go to the cause with more distinct
// specific answers, then the one with the strongest single rule, and only
// then to the id, so table order never decides.
func compareCauses(a, b RankedCause) int {
	if a.Score != b.Score {
		return b.Score - a.Score
	}
	if a.Specific != b.Specific {
		return b.Specific - a.Specific
	}
	if wa, wb := maxWeight(a.Reasons), maxWeight(b.Reasons); wa != wb {
		return wb - wa
	}
	return strings.Compare(a.Cause.ID, b.Cause.ID)
}

func maxWeight(rs []Reason) int {
	w := 0
	for _, r := range rs {
		w = max(w, r.Rule.Weight)
	}
	return w
}

// facts appends condition matches as "because you said" lines.
func (e *Engine) facts(a answers.Answers, ms []rules.Match, out []Fact) []Fact {
	qs := e.qn.Questions()
	for _, m := range ms {
		q := qs[m.Question]
		fact := Fact{Question: q}
		if q.Kind == questionnaire.Number {
			fact.Text = answers.Text(q, a[q.ID])
		} else {
			fact.Options = rules.OptionIDs(q, m.Options)
			v := answers.Value{Options: fact.Options}
			if q.Kind == questionnaire.YesNo {
				v = a[q.ID]
			}
			fact.Text = answers.Text(q, v)
		}
		out = append(out, fact)
	}
	return out
}

// plan builds the ordered, de-duplicated self-care plan from the rules for
// the top causes and from general rules, leaving out steps an answer makes
// unsafe. When causes and self-care are held (at emergency level, or at
// urgent level for a cause that is not a muscle) there is no plan: help
// comes first.
func (e *Engine) plan(as *Assessment, fired []*rules.Rule, f rules.Facts) {
	e.gatherPlan(as, fired)
	if as.Held != "" {
		// Neither a plan nor a list of the steps left out: Held says why.
		as.Plan = as.Plan[:0]
		return
	}
	withhold(as, f)
}

// gatherPlan lists the steps of the rules fired for the top causes and of
// the general rules, each once, in the steps' own order, with the rules
// and causes behind each.
func (e *Engine) gatherPlan(as *Assessment, fired []*rules.Rule) {
	t := e.table
	// The plan is for the top causes; the ranking has no ties left.
	top := func(ix int) bool {
		for _, rc := range as.Causes {
			if rc.Top && rc.Cause == t.Causes[ix] {
				return true
			}
		}
		return false
	}
	eligible := func(r *rules.Rule) bool { return r.CauseIx < 0 || top(r.CauseIx) }
	// First pass: how many rules point at each step, in order of first
	// mention, so each step's lists are carved from one buffer.
	var countBuf [128]int
	count := scratch(countBuf[:0], 2*len(t.Steps))
	// at[i] is first 1 + the rank of step i's first mention, then 1 + its
	// plan position; 0 if absent.
	at := count[len(t.Steps):]
	refs, mentioned := 0, 0
	for _, r := range fired {
		if !eligible(r) {
			continue
		}
		for _, ix := range r.StepIx {
			if count[ix] == 0 {
				mentioned++
				at[ix] = mentioned
			}
			count[ix]++
			refs++
		}
	}
	// Plan order: the steps' own order, then first mention. The steps taken
	// in their own order need sorting only where two share one.
	var orderBuf [64]int
	order := orderBuf[:0]
	for _, ix := range e.byOrder {
		if count[ix] > 0 {
			order = append(order, ix)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { // insertion sort: little to do
		if c := cmp.Compare(t.Steps[a].Order, t.Steps[b].Order); c != 0 {
			return c
		}
		return at[a] - at[b]
	})
	as.Plan = make([]PlanStep, len(order))
	ruleBuf := make([]*rules.Rule, refs)
	causeBuf := make([]*rules.Cause, refs)
	off := 0
	for k, ix := range order {
		n := count[ix]
		as.Plan[k] = PlanStep{Step: t.Steps[ix], Rules: ruleBuf[off : off : off+n], For: causeBuf[off : off : off+n]}
		at[ix] = k + 1
		off += n
	}
	for _, r := range fired {
		if !eligible(r) {
			continue
		}
		var cause *rules.Cause
		if r.CauseIx >= 0 {
			cause = t.Causes[r.CauseIx]
		}
		for _, ix := range r.StepIx {
			ps := &as.Plan[at[ix]-1]
			ps.Rules = append(ps.Rules, r)
			if cause != nil && !slices.Contains(ps.For, cause) {
				ps.For = append(ps.For, cause)
			}
		}
	}
}

// withhold moves the steps that a warning sign or an answer rules out from
// the plan to Withheld, each with why.
func withhold(as *Assessment, f rules.Facts) {
	kept := 0 // the plan is compacted in place
	for i := range as.Plan {
		p := &as.Plan[i]
		if w := ruledOutBy(as.Warnings, p.Step); w != nil {
			// Said as "until it has been checked", with who to ask: a bare "not
			// while" beside "keep moving" reads as "rest", which no guidance says.
			as.Withheld = append(as.Withheld, Withheld{Step: p.Step, Warning: w.Rule, Why: "Not until this warning sign has been checked: " + w.Rule.Title +
				". Ask the doctor or physiotherapist who checks it what you can safely do meanwhile."})
			continue
		}
		if p.Step.AvoidWhen != nil && p.Step.AvoidWhen.Eval(f) {
			as.Withheld = append(as.Withheld, Withheld{Step: p.Step, Why: p.Step.Caution})
			continue
		}
		if kept != i { // a step kept in place is not copied onto itself
			as.Plan[kept] = *p
		}
		kept++
	}
	as.Plan = as.Plan[:kept]
}

// ruledOutBy is the first warning sign that suspects a hazard the step is
// unsafe with, or nil.
func ruledOutBy(ws []Finding, s *rules.Step) *Finding {
	for i, w := range ws {
		for _, h := range w.Rule.Suspects {
			if slices.Contains(s.UnsafeWith, h) {
				return &ws[i]
			}
		}
	}
	return nil
}

func (e *Engine) seekHelp(as *Assessment, fired []*rules.Rule) {
	// Gathered on the stack, then copied out at their exact number (never
	// nil: there is always a list, if empty).
	var buf [16]HelpLine
	lines := buf[:0]
	for _, r := range fired {
		if !r.ShownAt(as.Level) {
			continue // a line that does not fit the level reached
		}
		if r.SeekHelp != "" && !slices.ContainsFunc(lines, func(h HelpLine) bool { return h.Text == r.SeekHelp }) {
			lines = append(lines, HelpLine{Text: r.SeekHelp, Rule: r})
		}
	}
	as.SeekHelp = append(make([]HelpLine, 0, len(lines)), lines...)
}

// sources gathers the passages behind everything shown: fired rules, the
// causes ranked and the steps in the plan, grouped by source in table order.
func (e *Engine) sources(as *Assessment, fired []*rules.Rule) {
	t := e.table
	shown := e.cited(as)
	// Each passage shown, grouped by source: first count them per source,
	// then place them, leaving out a passage its source already gave, and
	// copy them out at their exact number.
	var countBuf [64]int
	count := scratch(countBuf[:0], len(t.Sources))
	for _, r := range fired {
		if shown(r) {
			count[r.SourceIx]++
		}
	}
	for _, c := range as.Causes {
		count[c.Cause.SourceIx]++
	}
	for _, p := range as.Plan {
		count[p.Step.SourceIx]++
	}
	// Source i's passages go to all[at[i]:], and count[i] starts again from
	// 0 to count those placed. Offsets, not slices: a slice stored in a
	// slice would move all to the heap.
	var atBuf [64]int
	at := scratch(atBuf[:0], len(t.Sources))
	var buf [64]*Quote
	all := scratch(buf[:0], len(fired)+len(as.Causes)+len(as.Plan))
	off := 0
	for i, c := range count {
		at[i], count[i] = off, 0
		off += c
	}
	add := func(src int, q *Quote) {
		for _, had := range all[at[src] : at[src]+count[src]] {
			if had.Text == q.Text {
				return
			}
		}
		all[at[src]+count[src]] = q
		count[src]++
	}
	for _, r := range fired {
		if shown(r) {
			add(r.SourceIx, &e.ruleQuotes[r.Ix])
		}
	}
	for _, c := range as.Causes {
		add(c.Cause.SourceIx, &e.causeQuotes[c.Cause.Ix])
	}
	for _, p := range as.Plan {
		add(p.Step.SourceIx, &e.stepQuotes[p.Step.Ix])
	}
	as.Sources = sourceUses(t.Sources, all, at, count)
}

// cited says which fired rules are cited: only those whose conclusion is
// shown, a warning sign, a help line that fits the level, a cause that is
// ranked, or a step in the plan. A rule behind a cause left unranked (broad
// answers alone) or steps all left out gave no advice, so its passage would
// credit a source for nothing the person sees. At emergency level causes
// and plan are empty.
func (e *Engine) cited(as *Assessment) func(*rules.Rule) bool {
	t := e.table
	ranked := make([]bool, len(t.Causes))
	for _, c := range as.Causes {
		ranked[c.Cause.Ix] = true
	}
	planned := make([]bool, len(t.Steps))
	for _, p := range as.Plan {
		planned[p.Step.Ix] = true
	}
	return func(r *rules.Rule) bool {
		switch {
		case r.IsWarning():
			return true
		case r.SeekHelp != "" && r.ShownAt(as.Level):
			return true
		case r.CauseIx >= 0:
			return ranked[r.CauseIx]
		}
		return slices.ContainsFunc(r.StepIx, func(ix int) bool { return planned[ix] })
	}
}

// sourceUses copies the passages placed, count[i] of source i from
// all[at[i]:], out at their exact number, in the sources' order.
func sourceUses(sources []*rules.Source, all []*Quote, at, count []int) []SourceUse {
	n, nSources := 0, 0
	for _, c := range count {
		n += c
		if c > 0 {
			nSources++
		}
	}
	kept := make([]*Quote, 0, n)
	out := make([]SourceUse, 0, nSources)
	for i, s := range sources {
		if count[i] > 0 {
			start := len(kept)
			kept = append(kept, all[at[i]:at[i]+count[i]]...)
			out = append(out, SourceUse{Source: s, Quotes: kept[start:len(kept):len(kept)]})
		}
	}
	return out
}

// held says why causes and self-care are not shown, or "" when they are: at
// emergency level, and at urgent level when an urgent warning sign suspects
// something a doctor must rule out before a muscle is blamed (an infection,
// cancer, a fracture, a clot, the heart, an organ). A trapped nerve or
// inflammation of the spine keeps the causes, under "while you wait".
func held(as *Assessment) string {
	switch as.Level {
	case rules.Emergency:
		return HeldAtEmergency
	case rules.Urgent:
		var what []string
		for _, w := range as.Warnings {
			if w.Level != rules.Urgent {
				continue
			}
			for _, h := range w.Rule.Suspects {
				if s := rules.RulesOutMuscle(h); s != "" && !slices.Contains(what, s) {
					what = append(what, s)
				}
			}
		}
		if len(what) > 0 {
			return heldNotMuscle(what)
		}
	}
	return ""
}

// dropReplaced leaves out the warnings a fired rule replaces (a rule that
// says more of the same sign), so that each sign is read once.
func dropReplaced(ws []Finding) []Finding {
	var gone []string
	for _, w := range ws {
		gone = append(gone, w.Rule.Replaces...)
	}
	if len(gone) == 0 {
		return ws
	}
	return slices.DeleteFunc(ws, func(w Finding) bool { return slices.Contains(gone, w.Rule.ID) })
}
