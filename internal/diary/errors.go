package diary

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Kind is what went wrong with the diary, in terms a person can act on.
type Kind int

const (
	Other      Kind = iota
	Locked          // another program held the file longer than the busy timeout
	Corrupt         // the file is not a readable SQLite database, or fails its check
	Unreadable      // the file or its folder cannot be opened, read or written
	Full            // the disk (or the database's size limit) is full
	TooNew          // written by a newer backtriage, with a schema this one does not know
)

// Error is a diary fault. Its message names the file and says what the
// person can do; it always says the assessment itself is not affected, so a
// caller can print it as it is.
type Error struct {
	Kind Kind
	Op   string // what was being done: "opening", "saving the check-in"...
	Path string
	Err  error
}

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	var what string
	switch e.Kind {
	case Locked:
		what = fmt.Sprintf("the diary %s is locked by another program (perhaps another backtriage) and stayed locked; try again in a moment", e.Path)
	case Corrupt:
		what = fmt.Sprintf("the diary %s is damaged or is not a backtriage diary; it was left untouched. Keep it (it may be recoverable), or move it away and a new diary starts", e.Path)
	case Unreadable:
		what = fmt.Sprintf("cannot use the diary %s (%v); check that the file and its folder are yours and readable", e.Path, rootCause(e.Err))
	case Full:
		what = fmt.Sprintf("the disk holding the diary %s is full; free some space", e.Path)
	case TooNew:
		what = fmt.Sprintf("the diary %s was written by a newer backtriage (%v); it was left untouched. Update backtriage to use it", e.Path, e.Err)
	default:
		what = fmt.Sprintf("the diary %s: %v", e.Path, e.Err)
	}
	return "diary: " + e.Op + " failed: " + what + ". Nothing else is affected: backtriage works without its diary."
}

// IsKind reports whether err is a diary error of kind k.
func IsKind(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}

// wrap classifies err (from SQLite or the file system) as a diary Error.
func wrap(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var de *Error
	if errors.As(err, &de) {
		// An error raised below (a file check, a migration) gets the
		// operation and file it happened in.
		if de.Op == "" {
			de.Op = op
		}
		if de.Path == "" {
			de.Path = path
		}
		return err
	}
	return &Error{Kind: classify(err), Op: op, Path: path, Err: err}
}

func classify(err error) Kind {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary code; extended codes add detail above it
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return Locked
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return Corrupt
		case sqlite3.SQLITE_FULL:
			return Full
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_AUTH, sqlite3.SQLITE_IOERR:
			return Unreadable
		}
		return Other
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return Full
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.EISDIR),
		errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EIO):
		return Unreadable
	}
	return Other
}

// rootCause drops the path wrappers of an fs error: the message names the
// file already.
func rootCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
