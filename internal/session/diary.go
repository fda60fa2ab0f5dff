package session

import (
	"errors"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/triage"
)

// The diary as a session uses it: each call is internal/service's, with
// the session's clock, questionnaire and the episode it stored.

// DiaryOn reports whether the diary may be used at all: storing is on and
// there is a place for it.
func (s *Session) DiaryOn() bool { return s.Diary.On() }

// ConsentWords are what the person agrees to before anything is stored:
// the same words the command line shows.
func (s *Session) ConsentWords() string { return s.Diary.ConsentText() }

// DiaryKept reports whether the person has agreed to a diary that is there
// to write to. It opens the store: call it after the first frame.
func (s *Session) DiaryKept() (bool, error) {
	st, err := s.Diary.Open()
	if st == nil {
		return false, err
	}
	return true, st.Close()
}

// DiaryFound reports whether there is a diary file, without opening it:
// the welcome screen's look costs a stat, not the database engine's
// memory. The history screen opens it and says what it finds.
func (s *Session) DiaryFound() bool { return s.Diary.Found() }

// KeepDiary creates the diary and records the person's agreement, given
// how ("asked in the terminal questionnaire").
func (s *Session) KeepDiary(how string) error {
	if !s.DiaryOn() {
		return errors.New("storing is off")
	}
	st, err := s.Diary.Consent(how, s.Now)
	if err != nil {
		return err
	}
	return st.Close()
}

// SaveEpisode keeps a finished assessment in a diary the person agreed to
// (service.Diary.KeepEpisode). One session stores one assessment: a later
// result of the same session (answers changed after the results or an
// emergency stop) revises the episode it stored. id is 0 when there is no
// diary; stored says whether it was stored (or revised) now.
func (s *Session) SaveEpisode(as *triage.Assessment, source string) (id int64, stored bool, err error) {
	if !s.DiaryOn() {
		return 0, false, s.Diary.PathErr
	}
	st, err := s.Diary.Open()
	if st == nil {
		return 0, false, err
	}
	defer st.Close()
	k, err := s.Diary.KeepEpisode(st, service.Episode{Assessment: as, Questionnaire: s.Questionnaire,
		Source: source, At: s.Now, Revise: s.episode})
	if err != nil {
		return 0, false, err
	}
	if k.Stored { // never an earlier session's episode found again
		s.episode = k.ID
	}
	return k.ID, k.Stored, nil
}

// DiaryRecord reads what the history shows (every assessment, and the
// current episode's check-ins and routines), read-only as the history
// command reads it; nil without an error when there is none.
func (s *Session) DiaryRecord() (*diary.Record, error) {
	if !s.DiaryOn() {
		return nil, s.Diary.PathErr
	}
	rec, err := s.Diary.Shown(time.Time{})
	var none *service.NoDiary
	if errors.As(err, &none) {
		return nil, nil
	}
	return rec, err
}

// RecordRoutine records a finished guided routine, with the current
// episode: what it did, and the fault if one stopped it.
func (s *Session) RecordRoutine(step string, elapsed time.Duration, at time.Time) (service.Recorded, error) {
	return s.Diary.RecordRoutine(step, elapsed, at)
}
