package service

import (
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// CheckinKept is what keeping a check-in did: whether it was saved, and
// what to tell the person ("" for nothing: beside advice to get help no
// diary is suggested).
type CheckinKept struct {
	Saved   bool
	Message string
}

// KeepCheckin saves a check-in at level: in s, the diary the person agreed
// to (nil when there is none open); with explicit (--store, consent); or,
// without a diary, after ask says yes (nil: not asked). damaged says the
// diary is there but could not be opened or read: it is left alone, never
// replaced by a new one. The error is a fault to show beside the message.
func (d Diary) KeepCheckin(s *diary.Store, c *diary.Checkin, level rules.Level, explicit, damaged bool, ask Ask, at time.Time) (CheckinKept, error) {
	switch {
	case d.Off:
		return CheckinKept{Message: "Not saved: storing is off (" + d.OffBy + ")."}, nil
	case damaged:
		return CheckinKept{Message: "Not saved: the diary could not be used (the message above says why); nothing was written to it."}, nil
	}
	offer := triage.PolicyAt(level).OfferDiary
	if s == nil {
		if !offer && !explicit {
			return CheckinKept{}, nil // nothing asked or suggested beside advice to get help
		}
		var err error
		if s, err = d.OpenOrAgree(explicit, offer, ask, at); err != nil {
			return CheckinKept{}, err
		}
		if s == nil {
			return CheckinKept{Message: "Not saved: there is no diary yet. Start one with 'backtriage diary start' (it says what is kept), or add --store."}, nil
		}
		defer s.Close()
	}
	if _, err := s.AddCheckin(c); err != nil {
		return CheckinKept{}, err
	}
	msg := "Saved to your diary in " + textwrap.Quote(s.Path()) + "."
	if triage.PolicyAt(level).SuggestCheckin {
		msg += " See how it goes with: backtriage history"
	}
	return CheckinKept{Saved: true, Message: msg}, nil
}

// Checkin is the diary as a check-in finds it.
type Checkin struct {
	// Store is the diary the person agreed to, nil when there is none; the
	// caller closes it.
	Store *diary.Store
	// State is the current episode and its check-ins.
	State followup.State
	// Damaged says the diary is there but could not be opened or read: it
	// is not written to, nor replaced by a new one.
	Damaged bool
}

// OpenForCheckin opens the diary for a check-in and reads the current
// episode. Its faults are returned to be shown: the check-in goes on
// without the diary.
func (d Diary) OpenForCheckin() (Checkin, []error) {
	s, err := d.Open()
	if err != nil {
		return Checkin{Damaged: true}, []error{err}
	}
	c := Checkin{Store: s}
	if s == nil {
		return c, nil
	}
	rec, err := s.Recent(false)
	if err != nil {
		c.Damaged = true
		return c, []error{err}
	}
	c.State = followup.Current(rec)
	return c, nil
}

// Plan is the current episode's self-care plan (none without one).
func (c Checkin) Plan() []diary.Step {
	if c.State.Episode == nil {
		return nil
	}
	return c.State.Episode.Plan
}
