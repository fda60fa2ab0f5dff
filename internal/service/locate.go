package service

import (
	"errors"
	"strings"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/triage"
)

// NoStoreEnv turns storing off when set to anything but "", 0, false or
// no, like --no-store.
const NoStoreEnv = "BACKTRIAGE_NO_STORE"

// DiaryPath is the diary file: in dataDir (--data-dir) when given, else
// in the default folder ($XDG_DATA_HOME/backtriage or
// ~/.local/share/backtriage), or why there is none.
func DiaryPath(dataDir string, getenv func(string) string) (string, error) {
	if dataDir != "" {
		return diary.PathIn(dataDir), nil
	}
	dir, err := diary.DefaultDir(getenv)
	if err != nil {
		return "", err
	}
	return diary.PathIn(dir), nil
}

// Locate is the diary as the command line puts it: where it is, and
// whether storing is off and by what (noStore is --no-store, which wins
// over NoStoreEnv). The other fields are the caller's to fill in.
func Locate(dataDir string, noStore bool, getenv func(string) string) Diary {
	var d Diary
	switch env := strings.ToLower(getenv(NoStoreEnv)); {
	case noStore:
		d.Off, d.OffBy = true, "--no-store"
	case env != "" && env != "0" && env != "false" && env != "no":
		d.Off, d.OffBy = true, NoStoreEnv
	}
	d.Path, d.PathErr = DiaryPath(dataDir, getenv)
	return d
}

// TableVersion names the rule table an engine runs, as the diary records
// it with each episode: the hash of the built-in snapshot
// (rules/table.json) when rulesDir is empty, else "rules-dir " and the
// hash of that table's snapshot ("unknown" when it cannot be made).
func TableVersion(rulesDir string, eng *triage.Engine) string {
	if rulesDir == "" {
		return diary.TableVersion(backtriage.RuleSnapshot())
	}
	if eng == nil {
		return "unknown"
	}
	snap, err := eng.Table().Snapshot(eng.Questionnaire())
	if err != nil {
		return "unknown"
	}
	return "rules-dir " + diary.TableVersion(snap)
}

// Fault is what kind of trouble a diary error is, for a front end's exit
// status and words.
type Fault int

const (
	// NotDiaryFault: the error is not the diary's own.
	NotDiaryFault Fault = iota
	// Unreadable: the file cannot be read or is not a diary (damaged,
	// another program's, not a regular file, a symbolic link, newer,
	// unreadable).
	Unreadable
	// Unwritable: the diary cannot be written (read-only, full, locked).
	Unwritable
	// OtherFault: the diary's, of no kind above.
	OtherFault
)

// FaultOf says which Fault err is.
func FaultOf(err error) Fault {
	var de *diary.Error
	if !errors.As(err, &de) {
		return NotDiaryFault
	}
	switch de.Kind {
	case diary.Corrupt, diary.Foreign, diary.NotRegular, diary.TooNew, diary.Unreadable, diary.Link:
		return Unreadable
	case diary.ReadOnly, diary.Full, diary.Locked:
		return Unwritable
	}
	return OtherFault
}
