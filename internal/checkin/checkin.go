// Package checkin is the daily check-in: the warning-sign questions first,
// every time, with the same levels as the assessment; then the pain now and
// compared with last time, which steps of the plan were done, and a note;
// then what it means, from the follow-up rules. It has three front ends:
// an answers file (scripts), line-by-line prompts (screen readers, pipes)
// and a small terminal form. The decisions are made here once, for all three.
package checkin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// StepsDone is the check-in's checklist question: which steps of the
// current plan were done since the last check-in. Its options are the plan's
// step ids, so they change with the episode.
const StepsDone = questionnaire.StepsDone

// NoteKey is the answers-file key of the optional note: free text, which no
// question kind holds, so it is read beside the answers.
const NoteKey = questionnaire.Note

// MaxNote bounds a note: a line or two for the record, not a document.
const MaxNote = 2000

// CleanNote is a note as it is kept, whichever front end it came from (the
// answers file, the line prompts, the form): escape sequences and control
// and bidi characters removed (textwrap.CleanInput), line breaks kept,
// spaces at the ends trimmed. A note longer than MaxNote characters after
// that is refused with NoteTooLong, never cut.
func CleanNote(s string) (string, error) {
	note := textwrap.CleanInput(s)
	if n := utf8.RuneCountInString(note); n > MaxNote {
		return "", NoteTooLong(n)
	}
	return note, nil
}

// NoteTooLong says how long a note may be and how long this one is, in
// the same words in every front end.
func NoteTooLong(n int) error {
	return fmt.Errorf("a note is at most %s characters; yours has %s", thousands(MaxNote), thousands(n))
}

// thousands writes n with commas between thousands: 5,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// WarningPage is the main questionnaire's page of warning-sign questions.
const WarningPage = "warning"

// Questionnaire is what a check-in asks: the assessment's warning-sign
// questions (copies, so the main questionnaire is untouched), then pain now
// and compared with last time, then the checklist of the plan's steps when
// there is a plan.
func Questionnaire(plan []diary.Step) *questionnaire.Questionnaire {
	opts := make([]questionnaire.Option, 0, len(plan))
	for _, s := range plan {
		opts = append(opts, questionnaire.Option{ID: s.ID, Label: s.Title})
	}
	return build(opts)
}

// FileQuestionnaire is what an answers file is read with: Questionnaire(plan),
// but steps_done takes any step of the rule table, even with no plan (no
// diary, storing off, a damaged diary, an emergency episode) or one the
// newest plan does not hold. A step id is a record of what was done, not a
// decision; refusing it would refuse the whole check-in, warning signs and
// all. Evaluate says which were not in the plan.
func FileQuestionnaire(plan []diary.Step, t *rules.Table) *questionnaire.Questionnaire {
	opts := make([]questionnaire.Option, 0, len(plan)+len(t.Steps))
	inPlan := map[string]bool{}
	for _, s := range plan {
		inPlan[s.ID] = true
		opts = append(opts, questionnaire.Option{ID: s.ID, Label: s.Title})
	}
	for _, s := range t.Steps {
		if !inPlan[s.ID] {
			opts = append(opts, questionnaire.Option{ID: s.ID, Label: s.Title + " (not in your current plan)"})
		}
	}
	return build(opts)
}

// build is the check-in's questionnaire: every warning-sign question of
// the assessment, under its warning page's title, then the follow-up
// facts' check-in page (rules/questions.yaml), whose
// steps_done checklist takes the plan's steps as options before its own
// ("none of them"); no checklist when there are no steps.
func build(steps []questionnaire.Option) *questionnaire.Questionnaire {
	qn := questionnaire.Default()
	warn, err := qn.Page(WarningPage)
	if err != nil {
		panic("checkin: " + err.Error()) // the built-in questionnaire has it
	}
	page, err := questionnaire.Followup().Page(questionnaire.CheckinPage)
	if err != nil {
		panic("checkin: " + err.Error())
	}
	var asked []*questionnaire.Question
	for _, q := range page.Questions {
		if q.Kind == questionnaire.Text {
			continue // the note: asked last, kept beside the answers (newNote)
		}
		c := *q
		if c.ID == StepsDone {
			if len(steps) == 0 {
				continue
			}
			c.Options = append(steps[:len(steps):len(steps)], c.Options...)
		}
		asked = append(asked, &c)
	}
	var warnings []*questionnaire.Question
	for _, q := range qn.Questions() {
		if q.Warning { // on whichever page it is asked
			c := *q
			warnings = append(warnings, &c)
		}
	}
	out, err := questionnaire.New([]*questionnaire.Page{
		{ID: WarningPage, Title: warn.Title, Intro: warn.Intro, Questions: warnings},
		{ID: questionnaire.CheckinPage, Title: page.Title, Intro: page.Intro, Questions: asked},
	})
	if err != nil {
		panic("checkin: questionnaire: " + err.Error()) // built from checked definitions
	}
	return out
}

// ReadFile reads a check-in answers file: the answers-file format (question
// id -> answer, see `backtriage questions` for the warning questions), with
// pain_now, pain_compared, steps_done and an optional note. "-" reads
// standard input. The file is read with a size cap.
func ReadFile(path string, stdin io.Reader, qn *questionnaire.Questionnaire) (answers.Answers, string, error) {
	name := path
	var (
		data []byte
		err  error
	)
	// Read as answers files are: regular files only (a FIFO never blocks
	// us), and at most the size cap.
	if path == "-" {
		name = "<stdin>"
		data, err = input.ReadAll(stdin, answers.MaxFileSize)
	} else {
		data, err = input.ReadFile(path, answers.MaxFileSize)
	}
	switch {
	case errors.Is(err, input.ErrTooLarge):
		data = make([]byte, answers.MaxFileSize+1) // Parse says it is too large
	case errors.Is(err, input.ErrNotRegular):
		var errs input.List
		errs.Add(name, 0, 0, "%v; a check-in answers file must be a regular file (or - for standard input)", err)
		return nil, "", errs.Err()
	case err != nil:
		return nil, "", fmt.Errorf("check-in answers file %s: %w", textwrap.Quote(name), err)
	}
	return Parse(name, data, qn)
}

// Parse reads check-in answers; every problem is reported as file:line:col.
// The error is an *InvalidFile, with the warning-sign answers that could
// still be read.
func Parse(name string, data []byte, qn *questionnaire.Questionnaire) (answers.Answers, string, error) {
	a, note, err := parse(name, data, qn)
	if err != nil {
		return nil, "", &InvalidFile{Err: err, Warnings: salvageWarnings(data, qn)}
	}
	return a, note, nil
}

func parse(name string, data []byte, qn *questionnaire.Questionnaire) (answers.Answers, string, error) {
	var errs input.List
	switch {
	case len(data) > answers.MaxFileSize:
		errs.Add(name, 0, 0, "file is larger than %d KiB; a check-in is a short list of answers", answers.MaxFileSize>>10)
		return nil, "", errs.Err()
	case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
		errs.Add(name, 0, 0, "not a text file (binary data); expected YAML or JSON mapping question ids to answers")
		return nil, "", errs.Err()
	}
	// The parser's cost grows fast with nesting; a check-in has two levels.
	var deep *input.DepthError
	if errors.As(input.CheckDepth(data, input.MaxDepth), &deep) {
		errs.Add(name, deep.Line, deep.Col, "%v; a check-in maps question ids to answers", deep)
		return nil, "", errs.Err()
	}
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		input.AddYAMLError(&errs, name, "", err)
		return nil, "", errs.Err()
	}
	if len(f.Docs) != 1 {
		errs.Add(name, 0, 0, "expected one YAML document, found %d", len(f.Docs))
		return nil, "", errs.Err()
	}
	body := input.UnwrapNode(f.Docs[0].Body)
	note := ""
	if m, ok := body.(*ast.MappingNode); ok {
		kept := m.Values[:0:0]
		for _, kv := range m.Values {
			if input.NodeText(kv.Key) != NoteKey {
				kept = append(kept, kv)
				continue
			}
			v := input.UnwrapNode(kv.Value)
			line, col := input.NodePos(kv.Key)
			switch {
			case v == nil:
			case !input.IsScalarNode(v):
				errs.Add(name, line, col, "note: expected text, found %s", input.DescribeNode(v))
			default:
				var err error
				if note, err = CleanNote(input.NodeText(v)); err != nil {
					errs.Add(name, line, col, "note: %v", err)
				}
			}
		}
		m.Values = kept
	}
	a, err := answers.FromNodeAlso(name, body, qn, []string{NoteKey})
	if err != nil {
		for _, e := range input.SplitErrors(err) {
			var de *input.Error
			if errors.As(e, &de) {
				errs.Add(de.File, de.Line, de.Col, "%s", de.Msg)
			} else {
				errs.Add(name, 0, 0, "%v", e)
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, "", err
	}
	return a, note, nil
}

// Missing lists the warning-sign questions that apply and are not answered:
// a check-in without them cannot be assessed.
func Missing(qn *questionnaire.Questionnaire, a answers.Answers) []*questionnaire.Question {
	var out []*questionnaire.Question
	for _, q := range qn.Questions() {
		if q.Warning && answers.Applies(qn, a, q) && !a.Answered(q.ID) {
			out = append(out, q)
		}
	}
	return out
}

// Input is one check-in as given, by any front end.
type Input struct {
	Answers answers.Answers // warning answers, pain_now, pain_compared, steps_done
	Note    string
	Now     time.Time
	// Prefilled are the answers the front end started from (Prefill: the
	// assessment's age). One kept as it was is used to assess but not
	// stored as today's answer: the person did not give it today.
	Prefilled answers.Answers
}

// Result is what a check-in means.
type Result struct {
	// Assessment is the warning-sign assessment: the episode's answers with
	// this check-in's warning answers in place of the old ones.
	Assessment *triage.Assessment
	// Stopped is set at urgent or emergency level: the warning sign is the
	// advice, and no follow-up rule is run.
	Stopped bool
	// Fired are the follow-up rules that hold, most serious first.
	Fired []*rules.FollowupRule
	// Elsewhere are the causes to look at when the pain recurs.
	Elsewhere []*rules.Cause
	Checkin   *diary.Checkin
	// NoPlan is set when there is no self-care plan on record: no
	// assessment in the diary (or no diary), or one that gave no plan.
	NoPlan bool
	// NotInPlan are the steps done that the current plan does not hold
	// (recorded as given, and said so).
	NotInPlan []string
}

// Level is the check-in's level: the highest of the warning signs' and
// the follow-up rules' (as stored in the record).
func (r *Result) Level() rules.Level { return followup.Level(r.Assessment.Level, r.Fired) }

// Evaluate runs a check-in: the warning signs first, with the engine and
// the same levels as the assessment, then the follow-up rules.
func Evaluate(eng *triage.Engine, st followup.State, in Input, tableVersion string) *Result {
	merged, given := warningAnswers(eng.Questionnaire(), st.Episode, in)
	pain, compared := painOf(in.Answers)
	facts := followup.Facts(st, pain, compared, in.Now)
	todaysPain(eng.Questionnaire(), merged, facts)
	as := eng.Assess(merged)
	res := &Result{Assessment: as, Stopped: triage.PolicyFor(as).Stop, NoPlan: st.Episode == nil || len(st.Episode.Plan) == 0}
	c := record(eng.Questionnaire(), st.Episode, in, as, given, tableVersion)
	for _, id := range c.StepsDone {
		if !inPlan(st.Episode, id) {
			res.NotInPlan = append(res.NotInPlan, id)
		}
	}
	res.Checkin = c
	if res.Stopped {
		return res
	}
	res.Fired = eng.Table().FollowupFired(facts)
	if ruledOutByWarning(as) {
		// "Carry on with your plan" beside steps a warning sign has just
		// taken out of it would say both; the pain's course is still in
		// the record.
		res.Fired = slices.DeleteFunc(res.Fired, (*rules.FollowupRule).CarriesOn)
	}
	c.Advice = followup.Advice(res.Fired)
	c.Level = followup.Level(as.Level, res.Fired).String() // the highest of the warning signs' and the follow-up rules' levels
	for _, r := range res.Fired {
		if r.Outcome == "elsewhere" {
			res.Elsewhere = followup.Elsewhere(eng.Table(), st.Episode, 3)
			break
		}
	}
	return res
}

// ruledOutByWarning reports whether a warning sign of the check-in takes a
// step out of the plan until it has been checked.
func ruledOutByWarning(as *triage.Assessment) bool {
	return slices.ContainsFunc(as.Withheld, func(w triage.Withheld) bool { return w.Warning != nil })
}

// warningAnswers are what the warning rules assess: the episode's answers
// with today's warning answers over them (a warning sign not repeated today
// is not carried over, only an age is); given is what the person gave
// today, without a pre-filled age kept as it was.
func warningAnswers(qn *questionnaire.Questionnaire, ep *diary.Episode, in Input) (merged, given answers.Answers) {
	merged, given = answers.Answers{}, answers.Answers{}
	if ep != nil {
		if a, err := episodeAnswers(ep, qn); err == nil {
			merged = a
		}
	}
	for _, q := range qn.Questions() {
		if !q.Warning {
			continue
		}
		if v, ok := in.Answers[q.ID]; ok && in.Answers.Answered(q.ID) {
			merged[q.ID] = v
			if !sameAnswer(in.Prefilled, q.ID, v) {
				given[q.ID] = v
			}
		} else if q.Kind != questionnaire.Number {
			delete(merged, q.ID)
		}
	}
	return merged, given
}

// Course is the assessment's question "Since it started, is it..."
// (better, same, worse): a check-in answers it afresh from the pain.
const Course = "course"

// todaysPain puts today's pain into the assessment's answers, so the
// check-in is judged by the assessment's own rules (region, level, the
// muscle pattern) and not only by the follow-up rules: pain now answers
// pain_severity (pain at its worst today is at least the pain now, so the
// score never overstates it), and the trend answers course. Worse is the
// person's "worse" or a rise of 2 points or more since the baseline (the
// follow-up rules' threshold); better their "better" or a fall of 2 or
// more; the same otherwise. Without a pain answer the episode's answers
// stand.
func todaysPain(qn *questionnaire.Questionnaire, merged, facts answers.Answers) {
	if v, ok := facts[questionnaire.PainNow]; ok && v.Number != nil {
		if _, known := qn.Question(followup.PainSeverity); known {
			merged[followup.PainSeverity] = answers.Num(*v.Number)
		}
	}
	course := ""
	change := 0
	if v, ok := facts[questionnaire.PainChange]; ok && v.Number != nil {
		change = *v.Number
	}
	switch {
	case facts.Has(questionnaire.PainCompared, "worse") || change >= 2:
		course = "worse"
	case facts.Has(questionnaire.PainCompared, "better") || change <= -2:
		course = "better"
	case facts.Has(questionnaire.PainCompared, "same"):
		course = "same"
	}
	if q, known := qn.Question(Course); known && course != "" {
		if _, ok := q.Option(course); ok {
			merged[Course] = answers.Choice(course)
		}
	}
}

// painOf reads the pain now and the comparison from a check-in's answers
// (nil and "" when not given).
func painOf(a answers.Answers) (*int, string) {
	var pain *int
	if v, ok := a[questionnaire.PainNow]; ok && v.Number != nil {
		p := *v.Number
		pain = &p
	}
	compared := ""
	if v, ok := a[questionnaire.PainCompared]; ok && len(v.Options) == 1 {
		compared = v.Options[0]
	}
	return pain, compared
}

// record is the check-in as stored, before the follow-up rules' advice.
func record(qn *questionnaire.Questionnaire, ep *diary.Episode, in Input, as *triage.Assessment, given answers.Answers, tableVersion string) *diary.Checkin {
	c := &diary.Checkin{
		At: in.Now, Level: as.Level.String(), Warnings: diary.WarningsOf(as),
		Answers: diary.AnswersJSON(qn, given), StepsDone: []string{}, Note: in.Note,
		Withheld: diary.WithheldOf(as), TableVersion: tableVersion, Advice: []diary.Advice{},
	}
	if ep != nil {
		c.EpisodeID = ep.ID
	}
	c.Pain, c.Compared = painOf(in.Answers)
	if v, ok := in.Answers[StepsDone]; ok {
		for _, id := range v.Options {
			if id != "none" {
				c.StepsDone = append(c.StepsDone, id)
			}
		}
	}
	return c
}

// sameAnswer reports whether v is the pre-filled answer to question id,
// kept as it was.
func sameAnswer(pre answers.Answers, id string, v answers.Value) bool {
	p, ok := pre[id]
	switch {
	case !ok:
		return false
	case p.Number != nil || v.Number != nil:
		return p.Number != nil && v.Number != nil && *p.Number == *v.Number
	case p.Yes != nil || v.Yes != nil:
		return p.Yes != nil && v.Yes != nil && *p.Yes == *v.Yes
	}
	return slices.Equal(p.Options, v.Options)
}

// inPlan reports whether the episode's plan holds step id.
func inPlan(ep *diary.Episode, id string) bool {
	if ep == nil {
		return false
	}
	return slices.ContainsFunc(ep.Plan, func(s diary.Step) bool { return s.ID == id })
}

// episodeAnswers reads an episode's stored answers back, as the answers file
// does (the JSON holds them in that format).
func episodeAnswers(ep *diary.Episode, qn *questionnaire.Questionnaire) (answers.Answers, error) {
	data, err := jsonBytes(ep.Answers)
	if err != nil {
		return nil, err
	}
	return answers.Parse(fmt.Sprintf("diary episode %d", ep.ID), data, qn)
}
