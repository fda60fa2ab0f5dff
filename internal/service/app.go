package service

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/triage"
)

// App is one run of the program as its command line set it up: which rule
// table, which diary, which clock, where the person is, and where notices
// go. The commands fill it in from their flags and call its use cases; the
// rules of what to do live here, not in the commands.
type App struct {
	// RulesDir is --rules: a folder of rules, or "" for the built-in table.
	RulesDir string
	// DataDir and NoStore are --data-dir and --no-store.
	DataDir string
	NoStore bool
	// Region is --region: the country code for the emergency number, or ""
	// for the locale's.
	Region string
	// Getenv reads the environment (os.Getenv; a map in tests).
	Getenv func(string) string
	// Now is the date printed and stored (--now, --date or the clock).
	Now func() time.Time
	// Notices is where the person is told about the diary: what was kept,
	// and faults that do not stop the command (standard error).
	Notices io.Writer

	eng    *triage.Engine
	warned map[string]bool
}

// Engine loads the rule table once: RulesDir's, or the built-in one.
func (a *App) Engine() (*triage.Engine, error) {
	if a.eng == nil {
		eng, err := Engine(a.RulesDir)
		if err != nil {
			return nil, err
		}
		a.eng = eng
	}
	return a.eng, nil
}

// Questionnaire is the questionnaire the screens ask: the built-in one,
// or the one a rules folder carries (which loads the table first).
func (a *App) Questionnaire() (*questionnaire.Questionnaire, error) {
	if a.RulesDir == "" {
		return questionnaire.Default(), nil
	}
	eng, err := a.Engine()
	if err != nil {
		return nil, err
	}
	return eng.Questionnaire(), nil
}

// TableVersion names the rule table in use, as the diary records it.
func (a *App) TableVersion() string {
	var eng *triage.Engine
	if a.RulesDir != "" {
		eng, _ = a.Engine() // "unknown" when it cannot be loaded
	}
	return TableVersion(a.RulesDir, eng)
}

// Diary is the diary as the flags resolved it: on or off, and where. A
// fault about its folder is shown once a run.
func (a *App) Diary() Diary {
	d := Locate(a.DataDir, a.NoStore, a.Getenv)
	d.TableVersion = a.TableVersion
	d.Notice = func(w string) { a.Warn(errors.New(w)) }
	return d
}

// Warn shows a fault that does not stop the command (the diary never
// blocks an assessment or a check-in). A fault met twice in one run
// (reading the trend, then saving) is shown once.
func (a *App) Warn(err error) {
	if err == nil || a.warned[err.Error()] {
		return
	}
	if a.warned == nil {
		a.warned = map[string]bool{}
	}
	a.warned[err.Error()] = true
	fmt.Fprintln(a.Notices, "backtriage: "+err.Error())
}

// UnknownRegion is a --region that the emergency-number table does not
// hold.
type UnknownRegion struct {
	Region string
	Known  []string
}

func (e *UnknownRegion) Error() string {
	return fmt.Sprintf("%q: not in the table; known: %s (or leave it out to list every number)", e.Region, strings.Join(e.Known, ", "))
}

// CheckRegion refuses a Region the table does not hold.
func (a *App) CheckRegion() error {
	if a.Region == "" {
		return nil
	}
	if _, ok := emergencynumber.Lookup(a.Region); !ok {
		return &UnknownRegion{Region: a.Region, Known: emergencynumber.Regions()}
	}
	return nil
}

// Emergency is the emergency number for Region, or the locale's (every
// number when neither is known).
func (a *App) Emergency() emergencynumber.Local {
	return emergencynumber.Here(a.Region, a.Getenv)
}

// Regions are the country codes Region may name.
func Regions() []string { return emergencynumber.Regions() }

// Disclaimer is said once, where it matters: the tool suggests, it does
// not diagnose.
const Disclaimer = triage.Disclaimer
