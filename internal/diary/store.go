package diary

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver: CGO_ENABLED=0 builds keep working
)

// ErrNoDiary is returned by Open when there is no diary file: nothing has
// been stored yet (the person has not agreed to a diary). It is not a fault.
var ErrNoDiary = errors.New("no diary yet")

// DefaultBusyTimeout is how long a write waits for another program (a second
// backtriage) holding the file before giving up with a Locked error.
const DefaultBusyTimeout = 5 * time.Second

// Options tune a store; the zero value is right outside tests.
type Options struct {
	// BusyTimeout replaces DefaultBusyTimeout (tests make it short).
	BusyTimeout time.Duration
	// MaxPages caps the database's size in pages, so tests can fill it
	// and see SQLite's own "full" error. 0 is no cap.
	MaxPages int
	// Now stamps the version table; time.Now when nil.
	Now func() time.Time
}

// Store is an open diary. It is safe for concurrent use; writes are
// serialised through one connection.
type Store struct {
	db   *sql.DB
	path string
}

// Path is the diary's file.
func (s *Store) Path() string { return s.path }

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the diary at path, migrating it to the latest schema. A missing
// file is ErrNoDiary, and is not created: nothing is stored before consent.
func Open(path string, o Options) (*Store, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoDiary
	}
	return open(path, o)
}

// Create opens the diary at path, creating its folder (0700) and the file
// (0600) when missing. An existing file is opened as it is: never replaced,
// never truncated.
func Create(path string, o Options) (*Store, error) {
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, DirMode); err != nil {
			return nil, wrap("creating its folder", path, err)
		}
		// MkdirAll applies the umask; the folder we made is ours to narrow.
		if err := os.Chmod(dir, DirMode); err != nil {
			return nil, wrap("creating its folder", path, err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, FileMode)
	switch {
	case err == nil:
		// An empty file is a valid empty database; SQLite gives the WAL and
		// shared-memory files beside it the same permissions.
		err = f.Chmod(FileMode)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, wrap("creating it", path, err)
		}
	case errors.Is(err, fs.ErrExist):
	default:
		return nil, wrap("creating it", path, err)
	}
	return open(path, o)
}

func open(path string, o Options) (*Store, error) {
	const op = "opening it"
	if strings.ContainsAny(path, "?#") {
		return nil, &Error{Kind: Unreadable, Op: op, Path: path, Err: errors.New("the path may not contain ? or #; choose another --data-dir")}
	}
	if err := checkFile(path); err != nil {
		return nil, wrap(op, path, err)
	}
	busy := o.BusyTimeout
	if busy <= 0 {
		busy = DefaultBusyTimeout
	}
	// WAL: readers never block the writer and a killed process loses no
	// committed transaction; synchronous=FULL syncs the log at every commit,
	// so a power cut does not either. Immediate transactions take the write
	// lock at BEGIN, so two copies wait for each other (busy timeout) instead
	// of failing on a lock upgrade.
	dsn := fmt.Sprintf("%s?_busy_timeout=%d&_journal_mode=WAL&_synchronous=FULL&_foreign_keys=1&_txlock=immediate",
		path, busy.Milliseconds())
	if o.MaxPages > 0 {
		dsn += fmt.Sprintf("&_pragma=max_page_count(%d)", o.MaxPages)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, wrap(op, path, err)
	}
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	fail := func(err error) (*Store, error) {
		db.Close()
		return nil, wrap(op, path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	// A damaged file is reported, never repaired or replaced here.
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&check); err != nil {
		return fail(err)
	}
	if check != "ok" {
		return fail(&Error{Kind: Corrupt, Err: errors.New(check)})
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	if err := migrate(ctx, db, Latest(), now()); err != nil {
		return fail(err)
	}
	return &Store{db: db, path: path}, nil
}

// checkFile refuses what is not a diary before SQLite touches it: a folder,
// or a file that does not start like an SQLite database (an empty file is a
// new database). It also narrows a file readable by others to the owner.
func checkFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return &fs.PathError{Op: "open", Path: path, Err: syscall.EISDIR}
	}
	if st.Size() > 0 {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		head := make([]byte, len(sqliteMagic))
		_, err = io.ReadFull(f, head)
		f.Close()
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return err
		}
		if !bytes.Equal(head, sqliteMagic) {
			return &Error{Kind: Corrupt, Err: errors.New("not an SQLite database")}
		}
	}
	if st.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, FileMode); err != nil {
			return err
		}
	}
	return nil
}

// write runs fn in one immediate transaction: all of it is committed, or
// none of it.
func (s *Store) write(op string, fn func(*sql.Tx) error) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, s.path, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return wrap(op, s.path, err)
	}
	return wrap(op, s.path, tx.Commit())
}

// Version is the schema version of the open file.
func (s *Store) Version() (int, error) {
	v, err := version(context.Background(), s.db)
	return v, wrap("reading its version", s.path, err)
}

// Forget deletes the diary at path and the files SQLite keeps beside it. It
// does not open the file, so a damaged diary can be forgotten too. The
// default folder (named backtriage) is removed when it is left empty.
func Forget(path string) (removed []string, err error) {
	for _, f := range Files(path) {
		switch err := os.Remove(f); {
		case err == nil:
			removed = append(removed, f)
		case errors.Is(err, fs.ErrNotExist):
		default:
			return removed, wrap("deleting it", path, err)
		}
	}
	if dir := filepath.Dir(path); filepath.Base(dir) == "backtriage" {
		os.Remove(dir) // our own folder, and only when empty; a --data-dir stays
	}
	return removed, nil
}
