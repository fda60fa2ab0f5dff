// Package service is what every front end does with the private diary:
// open it, agree to it, keep an assessment once, read the current plan,
// record a routine and save a check-in. The terminal UI (through
// internal/session), the line-by-line mode and the commands all call it,
// so each rule about the diary is written once; a front end only asks the
// person and shows what comes back.
package service

import (
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/textwrap"
)

// Diary is where the private diary is kept and whether storing is on, as
// the command line resolved them (--data-dir, --no-store,
// BACKTRIAGE_NO_STORE). The store is opened only by its methods, never
// when a front end starts.
type Diary struct {
	// Off turns storing off: nothing is opened, stored or asked. OffBy
	// names what turned it off ("--no-store", "BACKTRIAGE_NO_STORE").
	Off   bool
	OffBy string
	// Path is the diary file; PathErr says why there is none (no home
	// folder and no --data-dir).
	Path    string
	PathErr error
	// TableVersion names the rule table an episode was concluded with.
	TableVersion func() string
	// Notice, when set, is told what the person should know about the
	// diary's folder (others can list it) each time the diary is opened.
	Notice func(string)
	// Options are the store's (the busy timeout, for tests).
	Options diary.Options
}

// On reports whether the diary may be used at all: storing is on and
// there is a place for it.
func (d Diary) On() bool { return !d.Off && d.PathErr == nil && d.Path != "" }

// Found reports whether there is a diary file, without opening it: a look
// that costs a stat, not the database engine's memory.
func (d Diary) Found() bool { return d.On() && diary.Exists(d.Path) }

// ConsentText is what the person agrees to before anything is stored.
func (d Diary) ConsentText() string {
	if d.PathErr != nil {
		return diary.ConsentText("(no folder: " + d.PathErr.Error() + ")")
	}
	return diary.ConsentText(textwrap.Quote(d.Path)) // what is shown is what is agreed to
}

// Open opens the diary the person agreed to, to write to it; nil without
// an error when there is nothing to open (storing off, no file, no
// consent).
func (d Diary) Open() (*diary.Store, error) {
	return d.opened(d.open(diary.OpenAgreed))
}

// OpenRead opens the diary the person agreed to for reading only: it
// works where the diary cannot be written (a read-only file system), so a
// warning sign recorded there still withholds what it withholds.
func (d Diary) OpenRead() (*diary.Store, error) {
	return d.opened(d.open(diary.OpenAgreedReadOnly))
}

func (d Diary) open(how func(string, diary.Options) (*diary.Store, error)) (*diary.Store, error) {
	if d.Off {
		return nil, nil
	}
	if d.PathErr != nil {
		return nil, d.PathErr
	}
	return how(d.Path, d.Options)
}

// Consent creates the diary and records the person's agreement, given at
// a time and how ("asked", "--store on the command line", "diary start").
func (d Diary) Consent(how string, at time.Time) (*diary.Store, error) {
	if d.PathErr != nil {
		return nil, d.PathErr
	}
	return d.opened(diary.CreateAgreed(d.Path, how, at, d.Options))
}

// opened tells Notice about the folder of a store just opened.
func (d Diary) opened(s *diary.Store, err error) (*diary.Store, error) {
	if s != nil && d.Notice != nil {
		if w := diary.FolderWarning(d.Path); w != "" {
			d.Notice(w)
		}
	}
	return s, err
}

// tableVersion names the rule table in use, "unknown" when none is given.
func (d Diary) tableVersion() string {
	if d.TableVersion == nil {
		return "unknown"
	}
	return d.TableVersion()
}

// Ask asks the person whether to keep a diary, after showing the words
// they agree to; it reports yes. Each front end asks in its own way.
type Ask func(words string) bool

// OpenOrAgree opens the diary the person agreed to, or, when there is
// none, creates it with their agreement: explicit is consent given on the
// command line (--store); otherwise ask, when set and offer allows it, asks
// them. nil without an error when there is no diary and none was agreed.
// offer is false beside advice to get help: nothing is asked then.
func (d Diary) OpenOrAgree(explicit, offer bool, ask Ask, at time.Time) (*diary.Store, error) {
	if d.Off {
		return nil, nil
	}
	s, err := d.Open()
	if s != nil || err != nil {
		return s, err
	}
	switch {
	case explicit:
		return d.Consent("--store on the command line", at)
	case offer && ask != nil && ask(d.ConsentText()):
		return d.Consent("asked", at)
	}
	return nil, nil
}
