package service

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
)

// NoDiary is the error of a read when there is no diary to read: storing
// is off, or the person keeps none.
type NoDiary struct{ Why string }

func (e *NoDiary) Error() string { return e.Why }

// OpenToShow opens the diary for a command that only shows it:
// read-only, so it works in a folder that is not writable and writes
// nothing. The caller closes it.
func (d Diary) OpenToShow() (*diary.Store, error) {
	if d.Off {
		return nil, &NoDiary{Why: "storing is off (" + d.OffBy + "): no diary is read"}
	}
	s, err := d.OpenRead()
	if (s == nil && err == nil) || errors.Is(err, diary.ErrNoDiary) {
		// No file, or one without consent: it holds nothing to show.
		return nil, &NoDiary{Why: fmt.Sprintf("no diary at %s; start one with 'backtriage diary start' (it says what is kept)", d.Path)}
	}
	return s, err
}

// Shown reads what history shows: every assessment, and the current
// episode's check-ins and routines. With asOf set it is the whole diary
// less what was recorded after it: history as it stood then, to
// reproduce what was shown.
func (d Diary) Shown(asOf time.Time) (*diary.Record, error) {
	s, err := d.OpenToShow()
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if asOf.IsZero() {
		return s.Recent(true)
	}
	rec, err := s.Load()
	if err != nil {
		return nil, err
	}
	after := func(t time.Time) bool { return t.After(asOf) }
	rec.Episodes = slices.DeleteFunc(rec.Episodes, func(e *diary.Episode) bool { return after(e.At) })
	rec.Checkins = slices.DeleteFunc(rec.Checkins, func(c *diary.Checkin) bool { return after(c.At) })
	rec.Routines = slices.DeleteFunc(rec.Routines, func(r *diary.Routine) bool { return after(r.At) })
	return rec, nil
}
