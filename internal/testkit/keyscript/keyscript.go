// Package keyscript computes, for tests only, the keys a person presses to
// answer the questionnaire: tests name questions and options by id and the
// keys come from the questionnaire, so adding an option or a follow-up
// question changes no test. The keys are those of the terminal UI's pages
// (internal/tui/page.go): a digit chooses the option with that number, g and
// j move the cursor and space chooses the option under it, tab and
// shift+tab move between the questions shown, → and ← between pages. Lines
// gives the same answers as the line-by-line mode reads them.
//
// A Script follows the page as the program does: which follow-up questions
// are shown (answers.AppendVisible, the program's own function), which
// question has focus, what each key chooses (answers.Toggle and
// answers.Choose). Keys are named as the terminal UI's tests name them
// ("enter", "tab", "right", "space", "1"); a pseudo-terminal harness maps
// the names to bytes.
package keyscript

import (
	"slices"
	"strconv"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Key names, as the terminal UI's key bindings and tests write them.
const (
	Enter     = "enter"
	Tab       = "tab"
	ShiftTab  = "shift+tab"
	Right     = "right"
	Left      = "left"
	Space     = "space"
	Backspace = "backspace"
	First     = "g" // the first option
	Down      = "j" // the next option
)

// None is the id of the exclusive "None of these" option of the warning
// questions.
const None = "none"

// Script builds the keys that answer the questionnaire from a page, one
// step at a time. Each step fails the test (tb) when it cannot be done by
// keys: an unknown question or option, a question not shown, a question on
// an earlier page after a later one's keys.
type Script struct {
	tb     testing.TB
	qn     *questionnaire.Questionnaire
	a      answers.Answers
	drafts map[string]string // numbers as typed, as the page keeps them
	page   int               // the page shown; len(qn.Pages) is the review
	focus  string            // the focused question's id
	cursor int               // the option the cursor is on
	keys   []string
}

// New starts a script on the first page with its first question focused,
// as the program is after the welcome screen.
func New(tb testing.TB, qn *questionnaire.Questionnaire) *Script {
	s := &Script{tb: tb, qn: qn, a: answers.Answers{}, drafts: map[string]string{}}
	s.showPage(0)
	return s
}

// Resume starts a script where the program opens saved answers a: on the
// first page with a question shown and not answered, on that question (the
// review when every one is answered).
func Resume(tb testing.TB, qn *questionnaire.Questionnaire, a answers.Answers) *Script {
	s := &Script{tb: tb, qn: qn, a: a.Clone(), drafts: map[string]string{}}
	i := answers.FirstUnfinished(qn, a)
	if i < 0 {
		s.showPage(len(qn.Pages))
		return s
	}
	s.showPage(i)
	for _, id := range s.visible() {
		if !a.Answered(id) {
			q, _ := qn.Question(id)
			s.setFocus(q)
			break
		}
	}
	return s
}

// Default is New over the built-in questionnaire.
func Default(tb testing.TB) *Script { return New(tb, questionnaire.Default()) }

// Keys returns the keys built since the last call, and forgets them: a test
// sends them, waits for the screen, and goes on with the next step.
func (s *Script) Keys() []string {
	k := s.keys
	s.keys = nil
	return k
}

// Answers are the answers the keys so far give.
func (s *Script) Answers() answers.Answers { return s.a.Clone() }

// Page is the id of the page the keys so far end on ("" for the review).
func (s *Script) Page() string {
	if s.page >= len(s.qn.Pages) {
		return ""
	}
	return s.qn.Pages[s.page].ID
}

// Choose makes the answer to a one, many or yes/no question exactly ids
// ("yes" or "no" for a yes/no question), moving to the question first: in
// a many question it unticks what is ticked and not wanted, then ticks
// what is wanted, by number (or by cursor for options past the ninth).
func (s *Script) Choose(question string, ids ...string) *Script {
	s.tb.Helper()
	q := s.question(question)
	if q.Kind == questionnaire.Number {
		s.tb.Fatalf("keyscript: %q is a number question: use Number", question)
	}
	for _, id := range ids {
		if !slices.Contains(q.OptionIDs(), id) {
			s.tb.Fatalf("keyscript: question %q has no option %q (it has %v)", question, id, q.OptionIDs())
		}
	}
	s.Focus(question)
	if q.Kind != questionnaire.Many {
		if len(ids) != 1 {
			s.tb.Fatalf("keyscript: question %q takes one answer, not %v", question, ids)
		}
		if !s.a.Has(q.ID, ids[0]) { // choosing the chosen option again would clear it
			s.pick(q, ids[0])
		}
		return s
	}
	for _, id := range slices.Clone(s.a[q.ID].Options) {
		if !slices.Contains(ids, id) && s.a.Has(q.ID, id) {
			s.pick(q, id)
		}
	}
	for _, id := range ids {
		if !s.a.Has(q.ID, id) {
			s.pick(q, id)
		}
	}
	if got := s.a[q.ID].Options; len(got) != len(ids) {
		s.tb.Fatalf("keyscript: question %q cannot be answered %v (an exclusive option is not combined): the keys give %v", question, ids, got)
	}
	return s
}

// Toggle ticks or unticks one option of a many question (or chooses or
// clears one of a one question), as one press of its number does.
func (s *Script) Toggle(question, id string) *Script {
	s.tb.Helper()
	q := s.question(question)
	if !slices.Contains(q.OptionIDs(), id) {
		s.tb.Fatalf("keyscript: question %q has no option %q (it has %v)", question, id, q.OptionIDs())
	}
	s.Focus(question)
	s.pick(q, id)
	return s
}

// Cursor moves the cursor onto an option without choosing it (space or x
// would then choose it).
func (s *Script) Cursor(question, id string) *Script {
	s.tb.Helper()
	q := s.question(question)
	i := slices.Index(q.OptionIDs(), id)
	if i < 0 {
		s.tb.Fatalf("keyscript: question %q has no option %q (it has %v)", question, id, q.OptionIDs())
	}
	s.Focus(question)
	s.keys = append(s.keys, First)
	for range i {
		s.keys = append(s.keys, Down)
	}
	s.cursor = i
	return s
}

// Space presses space: it chooses (or unchooses) the option under the
// cursor of the focused question.
func (s *Script) Space() *Script {
	s.tb.Helper()
	q := s.current()
	if q == nil || q.Kind == questionnaire.Number {
		s.tb.Fatal("keyscript: space with no option question focused")
	}
	s.keys = append(s.keys, Space)
	s.choose(q, q.OptionIDs()[s.cursor])
	return s
}

// pick presses what chooses option id of the focused question q once: its
// number, or for an option past the ninth the cursor and space.
func (s *Script) pick(q *questionnaire.Question, id string) {
	i := slices.Index(q.OptionIDs(), id)
	if i < 9 {
		s.keys = append(s.keys, strconv.Itoa(i+1))
		s.cursor = i
	} else {
		s.Cursor(q.ID, id)
		s.keys = append(s.keys, Space)
	}
	s.choose(q, id)
}

// choose is what the page does when option id of q is chosen.
func (s *Script) choose(q *questionnaire.Question, id string) {
	switch {
	case q.Kind == questionnaire.Many:
		if v := answers.Toggle(q, s.a[q.ID], id); len(v.Options) == 0 {
			delete(s.a, q.ID)
		} else {
			s.a[q.ID] = v
		}
	case s.a.Has(q.ID, id):
		delete(s.a, q.ID)
	default:
		s.a[q.ID] = answers.Choose(q, id)
	}
}

// Number types n as the answer to a number question, deleting what was
// typed there before (the page shows a saved answer as typed).
func (s *Script) Number(question string, n int) *Script {
	s.tb.Helper()
	return s.Type(question, strconv.Itoa(n))
}

// Type types text into a number question as it stands, valid or not,
// deleting what was typed there before.
func (s *Script) Type(question, text string) *Script {
	s.tb.Helper()
	q := s.question(question)
	if q.Kind != questionnaire.Number {
		s.tb.Fatalf("keyscript: %q is not a number question", question)
	}
	s.Focus(question)
	for range len(s.drafts[q.ID]) {
		s.keys = append(s.keys, Backspace)
	}
	for _, r := range text {
		s.keys = append(s.keys, string(r))
	}
	s.drafts[q.ID] = text
	if n, err := answers.ParseNumber(q, text); err == nil {
		s.a[q.ID] = answers.Num(n)
	} else {
		delete(s.a, q.ID)
	}
	return s
}

// Focus moves to a question: → to its page when it is on a later one (each
// page opens on its first question), ← when on an earlier one, then tab or
// shift+tab through the questions shown. A follow-up that is not shown
// cannot be focused.
func (s *Script) Focus(question string) *Script {
	s.tb.Helper()
	q := s.question(question)
	to := s.qn.PageIndex(q.Page)
	for s.page < to {
		s.NextPage()
	}
	for s.page > to {
		s.PrevPage()
	}
	shown := s.visible()
	from := slices.Index(shown, s.focus)
	at := slices.Index(shown, q.ID)
	if at < 0 {
		s.tb.Fatalf("keyscript: question %q is not shown with the answers %v (its show-if is not met)", question, s.a)
	}
	for ; from < at; from++ {
		s.keys = append(s.keys, Tab)
	}
	for ; from > at; from-- {
		s.keys = append(s.keys, ShiftTab)
	}
	s.setFocus(q)
	return s
}

// At says where the program has put focus when a screen the script does
// not follow sends it back to a page (the stop screen's enter, the
// review's jump): question gets focus, on its page.
func (s *Script) At(question string) *Script {
	s.tb.Helper()
	q := s.question(question)
	s.page = s.qn.PageIndex(q.Page)
	s.setFocus(q)
	return s
}

// ToReview presses → until the review.
func (s *Script) ToReview() *Script {
	s.tb.Helper()
	for s.page < len(s.qn.Pages) {
		s.NextPage()
	}
	return s
}

// Next presses enter: on to the next question shown, or the next page
// after the last. (On a question that must be answered and is not, the
// program stays; the script assumes it goes on.)
func (s *Script) Next() *Script {
	s.keys = append(s.keys, Enter)
	shown := s.visible()
	if i := slices.Index(shown, s.focus); i >= 0 && i+1 < len(shown) {
		q, _ := s.qn.Question(shown[i+1])
		s.setFocus(q)
		return s
	}
	s.showPage(s.page + 1)
	return s
}

// NextPage presses →: the next page, or the review after the last.
func (s *Script) NextPage() *Script {
	s.tb.Helper()
	if s.page >= len(s.qn.Pages) {
		s.tb.Fatal("keyscript: already on the review")
	}
	s.keys = append(s.keys, Right)
	s.showPage(s.page + 1)
	return s
}

// PrevPage presses ←: the page before, on its first question.
func (s *Script) PrevPage() *Script {
	s.tb.Helper()
	if s.page == 0 {
		s.tb.Fatal("keyscript: already on the first page")
	}
	s.keys = append(s.keys, Left)
	s.showPage(s.page - 1)
	return s
}

// Fill answers the questions of the page shown that are given in a, in the
// order they are shown (a follow-up once its parent's answer shows it),
// and goes on to the next page (or the review). Questions a leaves out are
// skipped.
func (s *Script) Fill(a answers.Answers) *Script {
	s.tb.Helper()
	page := s.page
	for i := 0; ; i++ {
		shown := s.visible()
		if i >= len(shown) {
			break
		}
		if v, ok := a[shown[i]]; ok && !same(s.a[shown[i]], v) {
			s.answer(shown[i], v)
		}
	}
	if s.page != page {
		s.tb.Fatalf("keyscript: Fill left page %d", page+1)
	}
	return s.NextPage()
}

// FillAll answers every page from the one shown with Fill, ending on the
// review.
func (s *Script) FillAll(a answers.Answers) *Script {
	s.tb.Helper()
	for s.page < len(s.qn.Pages) {
		s.Fill(a)
	}
	return s
}

// NoWarnings answers "None of these" to every warning question shown that
// is not answered yet (and "no" to a yes/no one, age to the age), page by
// page, and goes on past the warning signs. Warning questions added later
// are answered the same way, by id.
func (s *Script) NoWarnings(age int) *Script {
	s.tb.Helper()
	none := NoWarnings(s.tb, s.qn, age)
	for id := range s.a {
		delete(none, id)
	}
	for s.page < len(s.qn.Pages) && s.onWarningPage() {
		s.Fill(none)
	}
	return s
}

func (s *Script) onWarningPage() bool {
	for _, q := range s.qn.Pages[s.page].Questions {
		if q.Warning {
			return true
		}
	}
	return false
}

// answer gives question id the value v by keys.
func (s *Script) answer(id string, v answers.Value) {
	s.tb.Helper()
	switch {
	case v.Number != nil:
		s.Number(id, *v.Number)
	case v.Yes != nil:
		yn := "no"
		if *v.Yes {
			yn = "yes"
		}
		s.Choose(id, yn)
	default:
		s.Choose(id, v.Options...)
	}
}

func (s *Script) question(id string) *questionnaire.Question {
	s.tb.Helper()
	q, ok := s.qn.Question(id)
	if !ok {
		s.tb.Fatalf("keyscript: no question %q", id)
	}
	return q
}

func (s *Script) current() *questionnaire.Question {
	q, _ := s.qn.Question(s.focus)
	return q
}

// visible lists the ids of the questions the page shows now.
func (s *Script) visible() []string {
	if s.page >= len(s.qn.Pages) {
		return nil
	}
	var ids []string
	for _, q := range answers.Visible(s.qn, s.a, s.qn.Pages[s.page]) {
		ids = append(ids, q.ID)
	}
	return ids
}

// showPage is what the program does on opening page i: its first question
// has focus.
func (s *Script) showPage(i int) {
	s.page = i
	s.focus = ""
	if shown := s.visible(); len(shown) > 0 {
		q, _ := s.qn.Question(shown[0])
		s.setFocus(q)
	}
}

// setFocus is the page focusing q: the cursor on the first option, or on
// the chosen one of a one or yes/no question; a saved number shows as
// typed.
func (s *Script) setFocus(q *questionnaire.Question) {
	s.focus = q.ID
	s.cursor = 0
	switch q.Kind {
	case questionnaire.One, questionnaire.YesNo:
		for j, id := range q.OptionIDs() {
			if s.a.Has(q.ID, id) {
				s.cursor = j
			}
		}
	case questionnaire.Number:
		if _, ok := s.drafts[q.ID]; !ok {
			if v, ok := s.a[q.ID]; ok && v.Number != nil {
				s.drafts[q.ID] = strconv.Itoa(*v.Number)
			}
		}
	}
}

// same reports whether two answers are equal.
func same(a, b answers.Value) bool {
	switch {
	case a.Number != nil || b.Number != nil:
		return a.Number != nil && b.Number != nil && *a.Number == *b.Number
	case a.Yes != nil || b.Yes != nil:
		return a.Yes != nil && b.Yes != nil && *a.Yes == *b.Yes
	}
	if len(a.Options) == 0 || len(a.Options) != len(b.Options) {
		return false
	}
	for _, id := range b.Options {
		if !slices.Contains(a.Options, id) {
			return false
		}
	}
	return true
}
