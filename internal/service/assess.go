package service

import (
	"bytes"
	"fmt"
	"io"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/checkin"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// Refused is an answers file refused for a mistake when the warning-sign
// answers still read from it reach urgent or emergency level: a warning
// sign is never dropped for an unrelated mistake. Advice is what to do,
// shown before the mistake; Level is kept for the exit status.
type Refused struct {
	Err    error
	Level  rules.Level
	Advice string
}

func (e *Refused) Error() string { return e.Err.Error() }
func (e *Refused) Unwrap() error { return e.Err }

// ReadAnswers reads an answers file (path, or stdin for "-") against the
// questionnaire in use.
func (a *App) ReadAnswers(path string, stdin io.Reader) (answers.Answers, error) {
	qn, err := a.Questionnaire()
	if err != nil {
		return nil, err
	}
	return answers.ReadFile(path, stdin, qn)
}

// AssessFile reads an answers file and assesses it. A file with a mistake
// is refused; when the warning-sign answers it still gives reach urgent
// or emergency level, the error is a *Refused carrying their advice.
func (a *App) AssessFile(path string, stdin io.Reader) (*triage.Assessment, error) {
	eng, err := a.Engine()
	if err != nil {
		return nil, err
	}
	// Standard input is kept as read (answers.ReadFile reads at most its
	// limit), to look for warning signs in it when it has a mistake.
	var kept bytes.Buffer
	ans, err := answers.ReadFile(path, io.TeeReader(stdin, &kept), eng.Questionnaire())
	if err != nil {
		return nil, a.salvage(eng, path, kept.Bytes(), err)
	}
	return eng.Assess(ans), nil
}

// salvage assesses the warning-sign answers a refused file still gives
// (as a check-in file's are read) and, at urgent or emergency level,
// returns a *Refused with their advice; else err as it is.
func (a *App) salvage(eng *triage.Engine, path string, stdin []byte, err error) error {
	data := stdin
	if path != "-" {
		var rerr error
		if data, rerr = input.ReadFile(path, answers.MaxFileSize); rerr != nil {
			return err // not read at all: the error says why
		}
	}
	warn := checkin.SalvageWarnings(data, eng.Questionnaire())
	if len(warn) == 0 {
		return err
	}
	as := eng.Assess(warn)
	if as.Level < rules.Urgent {
		return err
	}
	advice := checkin.Stop(&checkin.Result{Assessment: as, Stopped: true}, a.Emergency()) + "\n" +
		textwrap.Block("This file was not assessed: it has a mistake, named below. The advice above stands whatever the mistake.", textwrap.Width) + "\n"
	return &Refused{Err: err, Level: as.Level, Advice: advice}
}

// LevelStatus is the exit status --exit-level gives a level: 0 self-care,
// 10 soon, 11 urgent, 12 emergency. They are clear of the error statuses
// (1-5) and of the signal statuses (129 and up); docs/scripting.md lists
// them.
func LevelStatus(l rules.Level) int {
	switch l {
	case rules.Emergency:
		return 12
	case rules.Urgent:
		return 11
	case rules.Soon:
		return 10
	}
	return 0
}

// TrendLine is the diary's trend for the current episode, for summaries:
// "" when there is none (no diary, no check-ins) or it cannot be read.
func (a *App) TrendLine() string {
	eng, err := a.Engine()
	if err != nil {
		return ""
	}
	s, err := a.Diary().Open()
	a.Warn(err)
	if s == nil {
		return ""
	}
	defer s.Close()
	rec, err := s.Recent(false)
	if err != nil {
		a.Warn(err)
		return ""
	}
	return TrendLine(rec, eng.Table())
}

// SaveEpisode keeps a finished assessment when the diary is on: with
// consent given before, with explicit (--store, which is consent), or
// after ask says yes (nil: not asked). It tells Notices what happened and
// never fails the command.
func (a *App) SaveEpisode(as *triage.Assessment, source string, explicit bool, ask Ask) {
	d := a.Diary()
	s, err := d.OpenOrAgree(explicit, triage.PolicyFor(as).OfferDiary, ask, a.Now())
	if s == nil {
		a.Warn(err)
		return
	}
	defer s.Close()
	eng, err := a.Engine()
	if err != nil {
		a.Warn(err)
		return
	}
	// The table's questionnaire: a rules folder's own, if it has one.
	k, err := d.KeepEpisode(s, Episode{Assessment: as, Questionnaire: eng.Questionnaire(), Source: source, At: a.Now(), New: explicit})
	if err != nil {
		a.Warn(err)
		return
	}
	fmt.Fprintln(a.Notices, k.Message())
	if k.Stored && k.CheckIn {
		a.recurringNote(s, eng.Table(), as)
	}
}

// recurringNote says, after an episode was kept, what the follow-up rules
// make of it coming soon after the last one (RecurringAfter).
func (a *App) recurringNote(s *diary.Store, t *rules.Table, as *triage.Assessment) {
	found, err := RecurringAfter(s, t, as)
	a.Warn(err)
	for _, r := range found {
		fmt.Fprintf(a.Notices, "\n%s%s.\n%s\n", r.Rule.Tag(), r.Rule.Title, r.Rule.Advice)
		for i, c := range r.Elsewhere {
			fmt.Fprintf(a.Notices, "  %d. %s\n", i+1, c.Title)
		}
	}
}
