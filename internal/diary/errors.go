package diary

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	Foreign         // an SQLite database of another program: tables, but no schema_version
	NotRegular      // not a regular file: a FIFO, a device, a socket or a folder
	ReadOnly        // the file or its folder cannot be written (or the file system is read-only)
	Link            // a symbolic link where the diary should be: refused, never followed
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
		what = fmt.Sprintf("the disk is full: the diary %s cannot be written; free some space on it", e.Path)
	case Foreign:
		what = fmt.Sprintf("%s is an SQLite database of another program, not a backtriage diary; it was left as it is. Move it away, or give backtriage another folder with --data-dir", e.Path)
		if e.Err != nil && e.Err.Error() == notSQLite {
			what = fmt.Sprintf("%s is not an SQLite database, so it is not a backtriage diary (or is damaged past recognising); it was left as it is. Delete it yourself if you are sure it is yours", e.Path)
		}
	case NotRegular:
		what = fmt.Sprintf("%s is not a regular file but %s; it was left as it is. Remove it, or give backtriage another folder with --data-dir", e.Path, e.Err)
	case Link:
		what = fmt.Sprintf("%s is a symbolic link to %s; backtriage does not follow a link at the diary's path (for reading, writing or deleting), and left both as they are. Move the diary itself to %s, or give its folder with --data-dir", e.Path, e.Err, e.Path)
	case ReadOnly:
		what = readOnlyWords(e.Path, e.Err)
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
	k := classify(err)
	if mayBeFileSystem(err) {
		// SQLite's code could mean a full disk or a read-only mount: those
		// are named as such, whatever code carried them.
		switch ro, full := fsState(filepath.Dir(path)); {
		case ro:
			k = ReadOnly
		case full:
			k = Full
		}
	}
	return &Error{Kind: k, Op: op, Path: path, Err: err}
}

// mayBeFileSystem is an error a full disk or a read-only file system can
// cause: SQLite's I/O, cannot-open, read-only and full codes (with any
// extended code), or the system's own. A permission refused is not.
func mayBeFileSystem(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL:
			return true
		}
		return false
	}
	return errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EIO)
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
		case sqlite3.SQLITE_READONLY:
			return ReadOnly
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH, sqlite3.SQLITE_IOERR:
			return Unreadable
		}
		return Other
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return Full
	case errors.Is(err, syscall.EROFS):
		return ReadOnly
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.EISDIR),
		errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.EIO):
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

// readOnlyWords says which of the file and its folder cannot be written,
// from their modes: SQLite's "attempt to write a readonly database" names
// neither. SQLite writes its journal (path-wal, path-shm) beside the file,
// so the folder must be writable too.
func readOnlyWords(path string, err error) string {
	dir := filepath.Dir(path)
	if ro, _ := fsState(dir); ro || errors.Is(err, syscall.EROFS) {
		return fmt.Sprintf("the file system is read-only: the diary %s cannot be written on it (its folder %s is on a read-only mount); make it writable, or give another folder with --data-dir", path, dir)
	}
	var w string
	if st, serr := os.Stat(dir); serr == nil && st.Mode().Perm()&0o200 == 0 {
		w = fmt.Sprintf("the diary's folder %s is not writable (mode %04o), and SQLite needs to write beside the diary %s; make the folder writable (chmod 700 %s)", dir, st.Mode().Perm(), path, dir)
	} else if st, serr := os.Stat(path); serr == nil && st.Mode().Perm()&0o200 == 0 {
		w = fmt.Sprintf("the diary %s is not writable (mode %04o); make it writable (chmod 600 %s)", path, st.Mode().Perm(), path)
	} else {
		w = fmt.Sprintf("the diary %s cannot be written: its file, its folder or the file system is read-only", path)
	}
	var se *sqlite.Error
	if err == nil || errors.As(err, &se) && error(se) == err || errors.Is(err, syscall.EROFS) {
		return w // SQLite's or the system's own words would add only a code
	}
	return w + ": " + err.Error()
}

// notSQLite is why a file that does not start like an SQLite database is
// not taken for a diary.
const notSQLite = "not an SQLite database"
