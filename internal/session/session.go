// Package session is one run of the questionnaire, as both front ends (the
// terminal UI in internal/tui and the line-by-line prompts in
// internal/accessible) drive it: what the command line gives them
// (Options), the answers so far, the stop already acknowledged, the rule
// table loading in the background, and saving summaries and answers. The
// question logic itself is in internal/answers; the engine in
// internal/triage.
package session

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/triage"
	"github.com/backtriage/backtriage/internal/userpath"
)

// Options are what both front ends are given: the questions, the rule
// table, where to start, where the summary goes, and the diary.
type Options struct {
	// Questionnaire is the questions asked; questionnaire.Default() if nil.
	Questionnaire *questionnaire.Questionnaire
	// Load loads the rule table. It runs in the background while the first
	// screen or question shows, so nothing waits for it.
	Load func() (*triage.Engine, error)
	// Answers are answers to start from (--answers), kept for editing;
	// AnswersFrom names where they came from.
	Answers     answers.Answers
	AnswersFrom string

	In  io.Reader // os.Stdin when nil
	Out io.Writer // os.Stdout when nil

	Now     time.Time
	Version string

	// Output, when set, receives the summary at the results without asking
	// (--output), in OutputFormat (from Output's extension when empty);
	// Force lets it replace a file.
	Output       string
	OutputFormat report.Format
	Force        bool

	// Emergency is the emergency number where the person is (--region or
	// the locale), put next to "your local emergency number".
	Emergency emergencynumber.Local
	// Assessed, when set, is told each assessment shown, the last one
	// being the result (for --exit-level).
	Assessed func(*triage.Assessment)
	// Explain shows rule ids, scores and weights for rule authors.
	Explain bool

	// Diary is where the private diary is and whether storing is on.
	Diary service.Diary
}

// Session is one run: the options and the answers given so far.
type Session struct {
	Options
	// Given are the answers given so far; front ends change them in place.
	// (Options.Answers are the ones the run started from.)
	Given answers.Answers
	// stopAck is the highest stop level shown and acknowledged: after an
	// urgent stop the person may finish the questions, and the same level
	// does not stop them again.
	stopAck rules.Level
	loader  *Loader
	// episode is the diary episode this session stored (0 for none):
	// a later result revises it (SaveEpisode).
	episode int64
}

// New starts a session: defaults filled in, the answers to start from
// copied, and the rule table's loader ready (not started).
func New(o Options) *Session {
	if o.Questionnaire == nil {
		o.Questionnaire = questionnaire.Default()
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Output != "" && o.OutputFormat == "" {
		o.OutputFormat = report.FormatFor(o.Output)
	}
	s := &Session{Options: o, Given: answers.Answers{}, loader: NewLoader(o.Load)}
	if o.Answers != nil {
		s.Given = o.Answers.Clone()
	}
	return s
}

// Loader is the rule table's loader for this session.
func (s *Session) Loader() *Loader { return s.loader }

// HasAnswers reports whether any question is answered.
func (s *Session) HasAnswers() bool {
	for id := range s.Given {
		if s.Given.Answered(id) {
			return true
		}
	}
	return false
}

// Stop is the level at which the questionnaire stops now to say what to do
// (see triage.Engine.Stop), or SelfCare.
func (s *Session) Stop(eng *triage.Engine) rules.Level { return eng.Stop(s.Given, s.stopAck) }

// AckStop records that a stop at level l was shown and the person goes on.
func (s *Session) AckStop(l rules.Level) { s.stopAck = max(s.stopAck, l) }

// Meta is what a summary needs besides the assessment.
func (s *Session) Meta() report.Meta {
	return report.Meta{Questionnaire: s.Questionnaire, Date: s.Now, Version: s.Version, Emergency: s.Emergency, Explain: s.Explain}
}

// Told passes an assessment shown to Options.Assessed.
func (s *Session) Told(as *triage.Assessment) {
	if s.Assessed != nil {
		s.Assessed(as)
	}
}

// SaveSummary renders the assessment and writes it to path. It returns the
// absolute path written. An existing file is replaced only with force; the
// error then wraps export.ErrExists.
func (s *Session) SaveSummary(path string, f report.Format, as *triage.Assessment, force bool) (string, error) {
	path = userpath.ExpandHome(path)
	if path == "" {
		return "", errors.New("give a file name")
	}
	data, err := report.Render(f, as, s.Meta())
	if err != nil {
		return "", err
	}
	if err := export.WriteFile(path, data, force); err != nil {
		return "", err
	}
	return userpath.Abs(path), nil
}

// SaveOutput writes the summary to Options.Output (--output), if set; ok is
// false when there is none.
func (s *Session) SaveOutput(as *triage.Assessment) (path string, ok bool, err error) {
	if s.Output == "" {
		return "", false, nil
	}
	path, err = s.SaveSummary(s.Output, s.OutputFormat, as, s.Force)
	return path, true, err
}

// DefaultAnswersName is the suggested file for saving answers to reopen.
func (s *Session) DefaultAnswersName() string {
	return "backtriage-answers-" + s.Now.Format("2006-01-02") + ".yaml"
}

// SaveAnswers writes the answers so far as an answers file that
// `backtriage --answers FILE` reopens. Answers to follow-ups that no longer
// apply are left out.
func (s *Session) SaveAnswers(path string, force bool) (string, error) {
	path = userpath.ExpandHome(path)
	if path == "" {
		return "", errors.New("give a file name")
	}
	abs := userpath.Abs(path)
	data := answers.Marshal(s.Questionnaire, answers.Prune(s.Questionnaire, s.Given),
		"backtriage answers, saved "+s.Now.Format("2006-01-02 15:04"),
		"Reopen them to go on or change them: backtriage --answers "+userpath.QuoteArg(abs),
	)
	if err := export.WriteFile(path, data, force); err != nil {
		return "", err
	}
	return abs, nil
}

// ResumeHint is what to type to go on with answers saved at path.
func ResumeHint(path string) string {
	return "backtriage --answers " + userpath.QuoteArg(path)
}

// Rescue saves the answers given so far when the run ends without the
// person choosing to (a signal, a crash): in the current directory, or the
// temporary one if that cannot be written, never over an existing file. It
// says on w where they went, or why they could not be saved.
func (s *Session) Rescue(w io.Writer) {
	if !s.HasAnswers() {
		return
	}
	base := strings.TrimSuffix(s.DefaultAnswersName(), ".yaml")
	var lastErr error
	for _, dir := range []string{".", os.TempDir()} {
		for i := 1; i <= 20; i++ {
			name := base + ".yaml"
			if i > 1 {
				name = fmt.Sprintf("%s-%d.yaml", base, i)
			}
			path, err := s.SaveAnswers(filepath.Join(dir, name), false)
			if err == nil {
				fmt.Fprintf(w, "Your answers so far are saved in %s\nTo go on where you stopped: %s\n", path, ResumeHint(path))
				return
			}
			lastErr = err
			if !errors.Is(err, export.ErrExists) {
				break // this directory will not take it; try the next
			}
		}
	}
	fmt.Fprintf(w, "Your answers could not be saved: %v\n", lastErr)
}

// Last keeps the last assessment a run showed: its result, for the exit
// status and the diary. Its Keep is an Options.Assessed.
type Last struct{ Assessment *triage.Assessment }

// Keep records as as the last assessment shown.
func (l *Last) Keep(as *triage.Assessment) { l.Assessment = as }
