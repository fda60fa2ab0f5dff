package service

import (
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
)

// Recorded is what recording a finished routine did.
type Recorded int

const (
	RoutineRecorded Recorded = iota
	RoutineStoringOff
	RoutineNoDiary     // the person keeps no diary
	RoutineCannotOpen  // the diary is there but could not be opened
	RoutineCannotWrite // opened, but the record could not be written
)

// RecordRoutine records a finished guided routine in the diary the person
// agreed to, with the episode it belongs to. The error, when there is
// one, says what failed; Recorded says what it means for the person.
func (d Diary) RecordRoutine(step string, elapsed time.Duration, at time.Time) (Recorded, error) {
	if d.Off {
		return RoutineStoringOff, nil
	}
	s, err := d.Open()
	switch {
	case err != nil:
		return RoutineCannotOpen, err
	case s == nil:
		return RoutineNoDiary, nil
	}
	defer s.Close()
	r := &diary.Routine{At: at, Step: step, Seconds: int(elapsed.Seconds()), Finished: true}
	if rec, err := s.Recent(false); err == nil {
		if cur := followup.Current(rec); cur.Episode != nil {
			r.EpisodeID = cur.Episode.ID
		}
	}
	if _, err := s.AddRoutine(r); err != nil {
		return RoutineCannotWrite, err
	}
	return RoutineRecorded, nil
}

// Message says plainly what was recorded, or what was not and why; offBy
// names what turned storing off.
func (r Recorded) Message(offBy string) string {
	switch r {
	case RoutineRecorded:
		return "Recorded in your diary."
	case RoutineStoringOff:
		return "Not recorded: storing is off (" + offBy + ")."
	case RoutineNoDiary:
		return "Not recorded: you keep no diary. Start one with 'backtriage diary start' (it says what is kept)."
	case RoutineCannotOpen:
		return "Not recorded: the diary could not be opened."
	}
	return "Not recorded: the diary could not be written."
}
