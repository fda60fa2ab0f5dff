package service

import (
	"errors"
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/diary"
)

// ForgetRefused is forget refusing what is not the diary's own: another
// program's database, or a FIFO, device or folder of the diary's name.
// Nothing was deleted.
type ForgetRefused struct{ Why string }

func (e *ForgetRefused) Error() string {
	return "nothing was deleted: " + e.Why + ". If you are sure nothing else needs it, delete it yourself; if your diary is elsewhere, give its folder with --data-dir"
}

// DiaryExists reports whether there is a diary file at path, without
// opening it.
func DiaryExists(path string) bool { return diary.Exists(path) }

// Forget deletes the diary at path and the files SQLite keeps beside it,
// and names what it deleted. It deletes only the diary's own regular
// files: anything else is a *ForgetRefused, and a symbolic link the
// diary's own error (Unreadable, like every command's).
func Forget(path string) ([]string, error) {
	removed, err := diary.Forget(path)
	var de *diary.Error
	if err == nil || !errors.As(err, &de) {
		return removed, err
	}
	switch de.Kind {
	case diary.Link:
		return removed, err
	case diary.NotRegular:
		return removed, &ForgetRefused{Why: fmt.Sprintf("%s is not a regular file but %v, and forget deletes only the diary's own files", de.Path, de.Err)}
	case diary.Foreign:
		why := fmt.Sprintf("%s is an SQLite database of another program, not a backtriage diary, and forget deletes only a diary", de.Path)
		if de.Err != nil && strings.Contains(de.Err.Error(), "not an SQLite database") {
			why = fmt.Sprintf("%s is not an SQLite database, so it is not a backtriage diary (or is damaged past recognising), and forget deletes only a diary", de.Path)
		}
		return removed, &ForgetRefused{Why: why}
	}
	msg := err.Error()
	if len(removed) > 0 {
		msg += " (deleted before that: " + strings.Join(removed, ", ") + ")"
	}
	return removed, errors.New(msg) // a failure to write, not the file's kind
}

// ExportFormats are the formats the whole diary is exported in.
func ExportFormats() []string { return append([]string(nil), diary.ExportFormats...) }
