// Package accessible is backtriage's line-by-line mode for screen readers,
// pipes and dumb terminals: plain text, one question at a time, numbered
// options, "?" for why we ask, "<" to go back. It asks the questions the
// terminal UI asks, with the same follow-ups and the same results, from the
// questionnaire definitions.
//
// It does not use huh's accessible mode, which in v2.0.3 ignores hidden
// fields, never runs dynamic titles and options, loses piped answers (a new
// scanner per prompt) and prints raw ANSI under NO_COLOR. One reader serves
// the whole session, and nothing but plain text is written.
package accessible

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/userpath"
)

// Options configure a session: the same as the terminal UI's, less its
// looks.
type Options = session.Options

// ErrSave wraps a failure to write the summary to Options.Output.
var ErrSave = errors.New("could not save the summary")

// ErrInputEnded is returned when the input ends before the warning signs
// are answered: nothing can be assessed safely without them.
var ErrInputEnded = errors.New("the input ended before the warning-sign questions were answered; nothing was assessed")

type prompts struct {
	o     *session.Session
	ctx   context.Context
	qn    *questionnaire.Questionnaire
	out   *bufio.Writer
	lines chan lineOrErr
	eof   bool
	a     answers.Answers // the session's answers
	page  string          // the page whose heading was printed last
}

type lineOrErr struct {
	line string
	err  error
}

// Run asks the questionnaire on In, writing to Out, and shows the results.
func Run(ctx context.Context, o Options) (err error) {
	if o.In == nil {
		o.In = os.Stdin
	}
	if o.Out == nil {
		o.Out = os.Stdout
	}
	sess := session.New(o)
	s := &prompts{
		o:     sess,
		ctx:   ctx,
		qn:    sess.Questionnaire,
		out:   bufio.NewWriter(o.Out),
		lines: make(chan lineOrErr),
		a:     sess.Given,
	}
	sess.Loader().Begin()
	go s.readLines()
	defer func() {
		// What is still buffered (the last lines after the final prompt)
		// must reach Out; a failed write is reported unless something
		// already went wrong first.
		if ferr := s.out.Flush(); err == nil {
			err = ferr
		}
	}()
	err = s.run()
	if err != nil && ctx.Err() != nil {
		// Stopped by a signal: keep what was answered, as the TUI does.
		s.println("")
		sess.Rescue(s.out)
	}
	return err
}

// readLines reads the whole input through one buffered reader, so piped
// answers are never lost between prompts. Lines are capped (see input.MaxLine, input.MaxTyped) and cleaned of control
// characters and escape sequences before anything reads or echoes them.
func (s *prompts) readLines() {
	r := input.NewLineReader(s.o.In, input.MaxLine, input.MaxTyped)
	for {
		line, err := r.ReadLine()
		if err == nil {
			select {
			case s.lines <- lineOrErr{line: input.CleanLine(line)}:
			case <-s.ctx.Done():
				return
			}
			continue
		}
		if !errors.Is(err, io.EOF) {
			err = fmt.Errorf("%w: %w", input.ErrRefused, err)
		}
		select {
		case s.lines <- lineOrErr{err: err}:
		case <-s.ctx.Done():
		}
		return
	}
}

// read prompts and reads one line; ok is false at the end of the input.
func (s *prompts) read(prompt string) (string, bool, error) {
	if s.eof {
		s.println(prompt + " (end of input)")
		return "", false, nil
	}
	s.printf("%s ", prompt)
	if err := s.out.Flush(); err != nil {
		return "", false, err
	}
	select {
	case <-s.ctx.Done():
		s.println("")
		return "", false, context.Cause(s.ctx)
	case l := <-s.lines:
		if l.err != nil {
			s.eof = true
			s.println("")
			if errors.Is(l.err, io.EOF) {
				return "", false, nil
			}
			return "", false, l.err
		}
		if f, ok := s.o.In.(*os.File); !ok || !isTerminal(f) {
			// Echo piped answers, so the transcript reads as a dialogue.
			s.println(l.line)
		}
		return strings.TrimSpace(l.line), true, nil
	}
}

func (s *prompts) printf(format string, a ...any) { fmt.Fprintf(s.out, format, a...) }
func (s *prompts) println(a ...any)               { fmt.Fprintln(s.out, a...) }

func (s *prompts) engine() (*triage.Engine, error) { return s.o.Loader().Result() }

func (s *prompts) run() error {
	s.welcome()
	qs := s.qn.Questions()
	i := s.next(-1)
	if s.o.Answers != nil {
		// Go on where the saved answers stop.
		i = -1
		for j, q := range qs {
			if answers.Applies(s.qn, s.a, q) && !s.a.Answered(q.ID) {
				i = j
				break
			}
		}
	}
	var history []int
	for i >= 0 && i < len(qs) {
		q := qs[i]
		act, err := s.ask(q, len(history) > 0)
		if err != nil {
			return err
		}
		switch act {
		case actBack:
			if len(history) > 0 {
				i = history[len(history)-1]
				history = history[:len(history)-1]
			}
			continue
		case actQuit:
			return s.quit()
		}
		if q.Warning {
			done, err := s.checkEmergency()
			if err != nil || done {
				return err
			}
		}
		history = append(history, i)
		i = s.next(i)
	}
	return s.reviewAndResults()
}

// next is the next question that applies after index i, or -1.
func (s *prompts) next(i int) int {
	qs := s.qn.Questions()
	for j := i + 1; j < len(qs); j++ {
		if answers.Applies(s.qn, s.a, qs[j]) {
			return j
		}
	}
	return -1
}

func (s *prompts) welcome() {
	s.println("backtriage: for upper back pain on waking.")
	// Each paragraph is one line: the writer wraps it to the terminal
	// (a break by hand here left ragged lines).
	s.println("It asks about warning signs first, then where and when it hurts, how you sleep and your day, " +
		"and suggests likely muscle causes (and why), a self-care plan and when to get help.")
	s.println(triage.Disclaimer)
	s.println("Nothing leaves this machine.")
	s.println(s.o.Emergency.Annotate("If something feels seriously wrong, call your local emergency number now."))
	s.println("")
	s.println("How to answer: type the number of an option and press Enter. Where you can choose several, " +
		"separate the numbers with spaces or commas. Type ? for why we ask, < to go back, " +
		"q to quit (you can save your answers). Press Enter alone to skip a question or keep its answer.")
	if s.o.Answers != nil {
		from := s.o.AnswersFrom
		if from == "" {
			from = "your file"
		}
		s.printf("Loaded %d answers from %s.\n", len(s.o.Answers), from)
	}
}

type action int

const (
	actNext action = iota
	actBack
	actQuit
)

// ask asks one question, as its field asks it line by line, after the
// page heading when the page changes.
func (s *prompts) ask(q *questionnaire.Question, canBack bool) (action, error) {
	s.heading(q)
	s.println("")
	act, err := field.Ask(field.New(q), s, s.a, field.AskOptions{CanBack: canBack, Ended: ErrInputEnded})
	switch act {
	case field.Back:
		return actBack, err
	case field.Quit:
		return actQuit, err
	}
	return actNext, err
}

// heading prints the page heading when the page changes.
func (s *prompts) heading(q *questionnaire.Question) {
	if q.Page == s.page {
		return
	}
	s.page = q.Page
	pi := s.qn.PageIndex(q.Page)
	p := s.qn.Pages[pi]
	s.println("")
	s.printf("Page %d of %d: %s\n", pi+1, len(s.qn.Pages), p.Title)
	s.println(p.Intro)
}

// Println and Read are the prompts as a field asks through them.
func (s *prompts) Println(line string) { s.println(line) }

// Read prompts and reads one line; ok is false at the end of the input.
func (s *prompts) Read(prompt string) (string, bool, error) { return s.read(prompt) }

// checkEmergency stops at once when a warning answer calls for emergency or
// urgent help: what to do now (or today), then for an emergency the option
// to save a summary, and for an urgent sign the choice to finish the
// questions for the summary. It reports whether the questionnaire ends.
func (s *prompts) checkEmergency() (bool, error) {
	eng, err := s.engine()
	if err != nil {
		return false, err
	}
	stop := s.o.Stop(eng)
	if stop == rules.SelfCare {
		return false, nil
	}
	as := eng.Assess(s.a)
	s.assessed(as)
	info := triage.Info(stop)
	s.println("")
	s.println(info.Headline + ".")
	s.println(s.o.Emergency.Annotate(info.Do))
	pol := triage.PolicyAt(stop)
	if pol.Numbers {
		s.println(s.o.Emergency.Line())
	}
	s.println("")
	s.println("Why:")
	for _, f := range as.Warnings {
		if pol.LesserSignsForTheTeam && f.Level < rules.Emergency {
			s.println(f.Rule.Title + ". Tell the emergency team about this too.")
		} else {
			s.println(f.Rule.Title + ". " + s.o.Emergency.Annotate(f.Rule.Action))
		}
		s.println(triage.Because(f.Because) + ".")
	}
	s.println("")
	if stop == rules.Urgent {
		s.o.AckStop(rules.Urgent)
		line, ok, err := s.read("Press Enter to finish the questions for your summary (causes and self-care will be for while you wait to be seen), or type s to save a summary now and stop:")
		if err != nil || !ok {
			return false, err
		}
		switch strings.ToLower(line) {
		case "q", "quit":
			return true, s.quit()
		case "s", "save":
			return true, s.offerExport(as)
		}
		return false, nil
	}
	s.println("The questionnaire stops here: self-care can wait until you have been checked.")
	return true, s.offerExport(as)
}

// reviewAndResults lists every answer, lets the person change any, then
// shows the results once every warning sign is answered.
func (s *prompts) reviewAndResults() error {
	if stop, err := s.review(); stop {
		return err
	}
	// Every warning sign must be answered before results.
	if q := s.unansweredRequired(); q != nil {
		if s.eof {
			return ErrInputEnded
		}
		s.page = ""
		if _, err := s.ask(q, false); err != nil {
			return err
		}
		return s.reviewAndResults()
	}
	return s.results()
}

// review lists the answers and changes the ones the person picks, until
// Enter (or the end of the input). stop says the session ends here, with
// err: an error, a quit, or a warning sign that stopped the questions.
func (s *prompts) review() (stop bool, err error) {
	for {
		list := s.applicable()
		s.listAnswers(list)
		line, ok, err := s.read("Type a number to change that answer, or press Enter to see your results:")
		if err != nil {
			return true, err
		}
		if !ok || line == "" {
			return false, nil
		}
		if line == "q" || line == "quit" {
			return true, s.quit()
		}
		n, err := strconv.Atoi(line)
		if err != nil || n < 1 || n > len(list) {
			s.printf("Type a number from 1 to %d, or press Enter.\n", len(list))
			continue
		}
		if stop, err := s.change(list[n-1]); stop {
			return true, err
		}
	}
}

// applicable is every question that applies to the answers so far.
func (s *prompts) applicable() []*questionnaire.Question {
	var list []*questionnaire.Question
	for _, q := range s.qn.Questions() {
		if answers.Applies(s.qn, s.a, q) {
			list = append(list, q)
		}
	}
	return list
}

// listAnswers prints the numbered list the review picks from.
func (s *prompts) listAnswers(list []*questionnaire.Question) {
	s.println("")
	s.println("Review your answers:")
	for i, q := range list {
		ans := "not answered"
		if v, ok := s.a[q.ID]; ok && s.a.Answered(q.ID) {
			ans = answers.Text(q, v)
		}
		s.printf("  %d. %s: %s\n", i+1, q.Short, ans)
	}
}

// change asks q again from the review; a changed warning sign is checked
// at once. stop is as for review.
func (s *prompts) change(q *questionnaire.Question) (stop bool, err error) {
	s.page = "" // print the page heading again for context
	act, err := s.ask(q, false)
	if err != nil {
		return true, err
	}
	if act == actQuit {
		return true, s.quit()
	}
	if !q.Warning {
		return false, nil
	}
	done, err := s.checkEmergency()
	return done || err != nil, err
}

// unansweredRequired is the first question that applies, must be answered
// and is not, or nil.
func (s *prompts) unansweredRequired() *questionnaire.Question {
	for _, q := range s.qn.Questions() {
		if answers.Required(q) && answers.Applies(s.qn, s.a, q) && !s.a.Answered(q.ID) {
			return q
		}
	}
	return nil
}

// results assesses the answers and reads the results out, then offers to
// save them; an emergency is said as checkEmergency says it.
func (s *prompts) results() error {
	eng, err := s.engine()
	if err != nil {
		return err
	}
	as := eng.Assess(s.a)
	if as.Level == rules.Emergency {
		_, err := s.checkEmergency()
		return err
	}
	s.assessed(as)
	// Written to be read aloud: plain headings, no underlines, the
	// sources last.
	s.println("")
	s.println("Your results.")
	s.println("")
	spoken, err := report.RenderSpoken(as, s.o.Meta())
	if err != nil {
		return err
	}
	if _, err := s.out.Write(spoken); err != nil {
		return err
	}
	return s.offerExport(as)
}

// assessed tells the caller the result (for --exit-level).
func (s *prompts) assessed(as *triage.Assessment) { s.o.Told(as) }

// offerExport saves the summary: to --output without asking, else where the
// person says. A failed save says why and asks again; nothing is lost.
func (s *prompts) offerExport(as *triage.Assessment) error {
	if path, ok, err := s.o.SaveOutput(as); ok {
		if err != nil {
			s.println("Could not save the summary: " + textwrap.Safe(err.Error()))
			return fmt.Errorf("%w: %w", ErrSave, err)
		}
		s.println("Saved the summary to " + textwrap.Quote(path))
		return nil
	}
	s.println("")
	f, ok, err := s.askFormat()
	if err != nil || !ok {
		return err
	}
	return s.saveSummary(as, f)
}

// askFormat asks which format to save in; ok is false for no (Enter, n)
// or at the end of the input.
func (s *prompts) askFormat() (f report.Format, ok bool, err error) {
	for {
		line, ok, err := s.read("Save a summary to a file? Type 1 for text, 2 for Markdown, 3 for JSON, or press Enter for no:")
		if err != nil || !ok {
			return f, false, err
		}
		if line == "" || strings.EqualFold(line, "n") || strings.EqualFold(line, "no") {
			return f, false, nil
		}
		switch strings.ToLower(line) {
		case "1", "text", "txt":
			return report.Text, true, nil
		case "2", "markdown", "md":
			return report.Markdown, true, nil
		case "3", "json":
			return report.JSON, true, nil
		}
		s.println("Type 1, 2 or 3, or press Enter for no.")
	}
}

// saveSummary asks for a file name and saves the summary in format f,
// asking before it replaces a file, and again after a failed save.
func (s *prompts) saveSummary(as *triage.Assessment, f report.Format) error {
	def := report.DefaultFileName(s.o.Now, f)
	for {
		line, ok, err := s.read("File name (press Enter for " + def + " in " + userpath.Abs(".") + "):")
		if err != nil || !ok {
			return err
		}
		path := line
		if path == "" {
			path = def
		}
		abs, err := s.o.SaveSummary(path, f, as, false)
		if errors.Is(err, export.ErrExists) {
			yes, ok, rerr := s.askReplace(path)
			if rerr != nil || !ok {
				return rerr
			}
			if !yes {
				continue
			}
			abs, err = s.o.SaveSummary(path, f, as, true)
		}
		if err != nil {
			s.println("Could not save: " + err.Error() + ". Try another file name.")
			continue
		}
		s.println("Saved the summary to " + abs)
		return nil
	}
}

// askReplace asks whether to replace the file at path, which exists.
func (s *prompts) askReplace(path string) (yes, ok bool, err error) {
	d := questionnaire.Dialogs().Get(questionnaire.DialogReplaceFile).With(userpath.Shown(path))
	return field.AskYes(s, d.Intro+" "+d.Prompt)
}

// quit offers to save the answers so far to reopen later.
func (s *prompts) quit() error {
	def := s.o.DefaultAnswersName()
	for {
		line, ok, err := s.read("Save your answers so far to go on later? Type a file name, press Enter for " + def + ", or type n to quit without saving:")
		if err != nil || !ok {
			return err
		}
		if strings.EqualFold(line, "n") || strings.EqualFold(line, "no") {
			s.println("Quit without saving.")
			return nil
		}
		path := line
		if path == "" {
			path = def
		}
		abs, err := s.o.SaveAnswers(path, false)
		if errors.Is(err, export.ErrExists) {
			yes, ok, rerr := s.askReplace(path)
			if rerr != nil || !ok {
				return rerr
			}
			if !yes {
				continue
			}
			abs, err = s.o.SaveAnswers(path, true)
		}
		if err != nil {
			s.println("Could not save: " + err.Error() + ". Try another file name.")
			continue
		}
		s.println("Your answers are saved in " + abs)
		s.println("Go on or change them later with: " + session.ResumeHint(abs))
		return nil
	}
}

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }
