package session

import (
	"errors"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/triage"
)

// Diary is where the private diary is kept and whether storing is on, as
// the command line resolved them (--data-dir, --no-store,
// BACKTRIAGE_NO_STORE). The store is opened only by the methods below,
// never when a session starts.
type Diary struct {
	// Off turns storing off: nothing is opened, stored or asked.
	Off bool
	// Path is the diary file; PathErr says why there is none (no home
	// folder and no --data-dir).
	Path    string
	PathErr error
	// TableVersion names the rule table an episode was concluded with.
	TableVersion func() string
}

// DiaryOn reports whether the diary may be used at all: storing is on and
// there is a place for it.
func (s *Session) DiaryOn() bool { return !s.Diary.Off && s.Diary.PathErr == nil && s.Diary.Path != "" }

// ConsentWords are what the person agrees to before anything is stored:
// the same words the command line shows.
func (s *Session) ConsentWords() string { return diary.ConsentText(s.Diary.Path) }

// openDiary opens the diary when storing is on and the person has agreed
// to it; nil without an error when there is none (no file, no consent).
func (s *Session) openDiary() (*diary.Store, error) {
	if !s.DiaryOn() {
		return nil, s.Diary.PathErr
	}
	return diary.OpenAgreed(s.Diary.Path, diary.Options{})
}

// DiaryKept reports whether the person has agreed to a diary that is there
// to write to. It opens the store: call it after the first frame.
func (s *Session) DiaryKept() (bool, error) {
	st, err := s.openDiary()
	if st == nil {
		return false, err
	}
	return true, st.Close()
}

// DiaryFound reports whether there is a diary file, without opening it:
// the welcome screen's look costs a stat, not the database engine's
// memory. The history screen opens it and says what it finds.
func (s *Session) DiaryFound() bool { return s.DiaryOn() && diary.Exists(s.Diary.Path) }

// KeepDiary creates the diary and records the person's agreement, given
// how ("asked in the terminal questionnaire").
func (s *Session) KeepDiary(how string) error {
	if !s.DiaryOn() {
		return errors.New("storing is off")
	}
	st, err := diary.CreateAgreed(s.Diary.Path, how, s.Now, diary.Options{})
	if err != nil {
		return err
	}
	return st.Close()
}

// SaveEpisode stores a finished assessment in a diary the person agreed
// to, unless the latest episode holds the same answers (the same episode
// seen again: diary.SaveNewEpisode). One session stores one assessment: a
// later result of the same session (answers changed after the results or
// an emergency stop) revises the episode it stored, so a morning is never
// two assessments. id is 0 when there is no diary; stored says whether it
// was stored (or revised) now.
func (s *Session) SaveEpisode(as *triage.Assessment, source string) (id int64, stored bool, err error) {
	st, err := s.openDiary()
	if st == nil {
		return 0, false, err
	}
	defer st.Close()
	version := "unknown"
	if s.Diary.TableVersion != nil {
		version = s.Diary.TableVersion()
	}
	if s.episode != 0 {
		ep := diary.EpisodeOf(as, s.Questionnaire, version, source, s.Now)
		if err := st.ReviseEpisode(s.episode, ep); err != nil {
			return 0, false, err
		}
		return s.episode, true, nil
	}
	id, stored, err = diary.SaveNewEpisode(st, as, s.Questionnaire, version, source, s.Now)
	if err == nil && stored { // never an earlier session's episode found again
		s.episode = id
	}
	return id, stored, err
}

// DiaryRecord reads what the history shows (every assessment, and the
// current episode's check-ins and routines: diary.Store.Recent); nil
// without an error when there is none.
func (s *Session) DiaryRecord() (*diary.Record, error) {
	st, err := s.openDiary()
	if st == nil {
		return nil, err
	}
	defer st.Close()
	return st.Recent(true)
}

// RecordRoutine records a finished guided routine, with the current
// episode; saved is false when there is no diary.
func (s *Session) RecordRoutine(step string, elapsed time.Duration, at time.Time) (saved bool, err error) {
	st, err := s.openDiary()
	if st == nil {
		return false, err
	}
	defer st.Close()
	r := &diary.Routine{At: at, Step: step, Seconds: int(elapsed.Seconds()), Finished: true}
	if rec, err := st.Recent(false); err == nil {
		if cur := followup.Current(rec); cur.Episode != nil {
			r.EpisodeID = cur.Episode.ID
		}
	}
	_, err = st.AddRoutine(r)
	return err == nil, err
}
