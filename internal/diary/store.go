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
	"time"

	"modernc.org/sqlite" // the pure-Go SQLite driver: CGO_ENABLED=0 builds keep working
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/backtriage/backtriage/internal/input"
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
	db       *sql.DB
	path     string
	readOnly bool          // opened by OpenReadOnly: writes fail with a ReadOnly error
	busy     time.Duration // how long a write waits for another program
}

// Path is the diary's file.
func (s *Store) Path() string { return s.path }

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Open opens the diary at path, migrating it to the latest schema. A missing
// file is ErrNoDiary, and is not created: nothing is stored before consent.
// The file is opened without SQLite's create flag, so a diary deleted by
// `forget` between the look and the open is ErrNoDiary too, never a new
// file; and a file with no diary in it yet (schema version 0: another
// backtriage is creating it) is ErrNoDiary and is left unwritten.
func Open(path string, o Options) (*Store, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoDiary
	}
	return open(path, o, nil)
}

// OpenReadOnly opens the diary at path for reading only (history, export,
// the routine filter of guide): it writes nothing, not even a migration, so
// it also works when the file, its folder or the file system is not
// writable. A missing file, or an empty database with no diary in it yet,
// is ErrNoDiary.
func OpenReadOnly(path string, o Options) (*Store, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoDiary
	}
	return openReadOnly(context.Background(), path, o.busy())
}

// Create opens the diary at path, creating its folder (0700) and the file
// (0600) when missing. An existing file is opened as it is: never replaced,
// never truncated. It is the only way a diary file comes to be, and is
// called only on the path where the person agreed to one.
func Create(path string, o Options) (*Store, error) {
	return create(path, o, nil)
}

func create(path string, o Options, c *Consent) (*Store, error) {
	for attempt := 1; ; attempt++ {
		s, err := createOnce(path, o, c)
		// A forget running at the same moment may remove the file, or the
		// folder backtriage made, between the steps: the person asked for
		// a diary after that, so it is made again.
		if err == nil || attempt == 3 || !missing(path) {
			return s, err
		}
	}
}

func createOnce(path string, o Options, c *Consent) (s *Store, err error) {
	dir := filepath.Dir(path)
	if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
		defer func() {
			if IsKind(err, Full) || IsKind(err, ReadOnly) {
				os.Remove(dir) // made here for a diary that could not be written; only when empty
			}
		}()
		if err := os.MkdirAll(dir, DirMode); err != nil {
			return nil, wrap("creating its folder", path, err)
		}
		// MkdirAll applies the umask; the folder we made is ours to narrow.
		if err := os.Chmod(dir, DirMode); err != nil {
			return nil, wrap("creating its folder", path, err)
		}
	}
	made, err := createFile(path)
	if err != nil {
		return nil, wrap("creating it", path, err)
	}
	s, err = open(path, o, &openArgs{create: true, consent: c})
	if err != nil && made && (IsKind(err, Full) || IsKind(err, ReadOnly)) {
		// The file made here holds nothing yet: a full disk or a read-only
		// file system leaves no diary without consent, and no stray files.
		removeFiles(path)
	}
	return s, err
}

// createFile makes the empty diary file when there is none; made says it
// was made here. A write-ahead log or shared-memory file with no diary
// beside it is left from a diary deleted while a program still had it open:
// SQLite would replay that log into the new file, so it is removed first.
func createFile(path string) (made bool, err error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		for _, f := range Files(path)[1:] {
			if st, err := os.Lstat(f); err == nil && st.Mode().IsRegular() {
				os.Remove(f)
			}
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
		return true, err
	case errors.Is(err, fs.ErrExist):
		return false, nil // another backtriage made it a moment ago, or it is there
	}
	return false, err
}

// removeFiles removes the diary's files after a creation that wrote nothing.
func removeFiles(path string) {
	for _, f := range Files(path) {
		if st, err := os.Lstat(f); err == nil && st.Mode().IsRegular() {
			os.Remove(f)
		}
	}
}

// busy is the busy timeout to use.
func (o Options) busy() time.Duration {
	if o.BusyTimeout > 0 {
		return o.BusyTimeout
	}
	return defaultBusy()
}

// openArgs are what only the consenting path asks of open.
type openArgs struct {
	create  bool     // open with SQLite's create flag (the file was just made)
	consent *Consent // recorded in the same transaction as the schema
}

// open opens the diary for writing: inspected, in WAL mode, migrated. A
// is nil on every path but the consenting one.
func open(path string, o Options, a *openArgs) (*Store, error) {
	const op = "opening it"
	if a == nil {
		a = &openArgs{}
	}
	if strings.ContainsAny(path, "?#") {
		return nil, &Error{Kind: Unreadable, Op: op, Path: path, Err: errors.New("the path may not contain ? or #; choose another --data-dir")}
	}
	if err := checkFile(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) && !a.create {
			// Gone between a look and the read of its first bytes: forgotten
			// while it was being opened.
			return nil, ErrNoDiary
		}
		return nil, wrap(op, path, err)
	}
	busy := o.busy()
	// The busy timeout is the first pragma of every connection, before any
	// statement. WAL: readers never block the writer and a killed process
	// loses no committed transaction; synchronous=FULL syncs the log at
	// every commit, so a power cut does not either. Immediate transactions
	// take the write lock at BEGIN, so two copies wait for each other (busy
	// timeout) instead of failing on a lock upgrade. mode=rw never creates
	// the file: only the consenting path (rwc) may.
	mode := "rw"
	if a.create {
		mode = "rwc"
	}
	dsn := fmt.Sprintf("file:%s?mode=%s&_pragma=busy_timeout(%d)&_synchronous=FULL&_foreign_keys=1&_txlock=immediate",
		uriPath(path), mode, busy.Milliseconds())
	if o.MaxPages > 0 {
		dsn += fmt.Sprintf("&_pragma=max_page_count(%d)", o.MaxPages)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, wrap(op, path, err)
	}
	db.SetMaxOpenConns(1)
	before := presentFiles(path)
	fail := func(err error) (*Store, error) {
		db.Close()
		if errors.Is(err, ErrNoDiary) || !a.create && missing(path) {
			// No diary in it yet, or forgotten while it was being opened.
			return nil, ErrNoDiary
		}
		err = wrap(op, path, err)
		if IsKind(err, Full) || IsKind(err, ReadOnly) {
			removeOwnLeftovers(before)
		}
		return nil, err
	}
	ctx := context.Background()
	deadline := time.Now().Add(busy)
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	// Each step is retried while another program holds the file, up to the
	// busy timeout: SQLite returns "busy" without waiting in a few cases
	// (a lock it cannot wait for without a deadlock, a log being
	// recovered), and the timeout promised is the whole open's.
	steps := []func() error{
		func() error { return inspect(ctx, db) },
		func() error {
			// A file with no diary in it yet is left as it is (not even
			// switched to WAL) on every path but the consenting one.
			have, err := version(ctx, db)
			if err == nil && have == 0 && !a.create {
				return ErrNoDiary
			}
			return err
		},
		func() error { return narrow(path) },
		func() error { return wal(ctx, db) },
		func() error {
			return migrate(ctx, db, migration{target: Latest(), now: now(), fresh: a.create, consent: a.consent})
		},
	}
	for _, step := range steps {
		if err := retryBusy(deadline, step); err != nil {
			return fail(err)
		}
	}
	return &Store{db: db, path: path, busy: busy}, nil
}

// retryBusy runs fn until it does not fail with a Locked error or the
// deadline passes.
func retryBusy(deadline time.Time, fn func() error) error {
	for {
		err := fn()
		if err == nil || classify(err) != Locked || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wal switches the file to WAL mode when it is not in it yet (a new file):
// asking first writes nothing and takes no write lock.
func wal(ctx context.Context, db *sql.DB) error {
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return err
	}
	if strings.EqualFold(mode, "wal") {
		return nil
	}
	_, err := db.ExecContext(ctx, `PRAGMA journal_mode=WAL`)
	return err
}

// missing reports whether nothing is at path.
func missing(path string) bool {
	_, err := os.Lstat(path)
	return errors.Is(err, fs.ErrNotExist)
}

// presentFiles says which of the files beside the diary are there.
func presentFiles(path string) map[string]bool {
	out := map[string]bool{}
	for _, f := range Files(path)[1:] {
		out[f] = !missing(f)
	}
	return out
}

// removeOwnLeftovers removes what a failed open on a full disk or a
// read-only file system left beside the diary: a shared-memory file SQLite
// began (3 bytes) and an empty log, when they were not there before. Files
// with anything in them are never touched.
func removeOwnLeftovers(before map[string]bool) {
	for f, was := range before {
		st, err := os.Lstat(f)
		if was || err != nil || !st.Mode().IsRegular() {
			continue
		}
		if st.Size() == 0 || strings.HasSuffix(f, "-shm") && st.Size() < 32<<10 {
			os.Remove(f)
		}
	}
}

// openReadOnly opens the diary for reading only: inspected, and at the
// latest schema.
func openReadOnly(ctx context.Context, path string, busy time.Duration) (*Store, error) {
	const op = "opening it"
	if err := checkFile(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, ErrNoDiary // forgotten while it was being opened
		}
		return nil, wrap(op, path, err)
	}
	ro, err := openRO(ctx, path, busy)
	if err != nil {
		if missing(path) {
			return nil, ErrNoDiary
		}
		return nil, wrap(op, path, err)
	}
	s, err := readOnlyStore(ctx, ro, path)
	if errors.Is(err, ErrNoDiary) {
		ro.Close()
		return nil, err
	}
	if err != nil {
		ro.Close()
		return nil, wrap(op, path, err)
	}
	return s, nil
}

// openRO opens path read-only and inspects it (see inspect). In a folder
// that is not writable SQLite cannot create the shared-memory file a WAL
// database is read through; when no write-ahead log is waiting beside the
// file, everything committed is in the file itself, and it is read as
// immutable instead. With a log waiting, reading it needs the folder
// writable, and the error says so.
func openRO(ctx context.Context, path string, busy time.Duration) (*sql.DB, error) {
	deadline := time.Now().Add(busy)
	open := func(params string) (*sql.DB, error) {
		db, err := sql.Open("sqlite", fmt.Sprintf("file:%s?%s&_pragma=busy_timeout(%d)", uriPath(path), params, busy.Milliseconds()))
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(1)
		if err := retryBusy(deadline, func() error { return inspect(ctx, db) }); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	before := presentFiles(path)
	db, err := open("mode=ro")
	if err == nil || !cannotReadWAL(err, path) {
		return db, err
	}
	// A full disk or a read-only mount may leave the shared-memory file
	// SQLite began; it is not left behind by a command that only reads.
	removeOwnLeftovers(before)
	if st, serr := os.Lstat(path + "-wal"); serr == nil && st.Size() > 0 {
		return nil, &Error{Kind: ReadOnly, Err: fmt.Errorf("its write-ahead log %s-wal holds changes, and SQLite can read them only by creating %s-shm beside it", path, path)}
	}
	return open("mode=ro&immutable=1")
}

// cannotReadWAL is SQLite failing to open a WAL database read-only because
// it cannot create the files beside it.
func cannotReadWAL(err error, path string) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN:
		return true
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL:
		// The shared-memory file could not be made or grown: a full disk.
		ro, full := fsState(filepath.Dir(path))
		return ro || full
	}
	return false
}

// uriPath escapes path for a file: URI (? and # are refused before).
func uriPath(path string) string { return strings.ReplaceAll(path, "%", "%25") }

// inspect reads, never writes, what is in the file: a database with tables
// but no schema_version table belongs to another program (Foreign); one
// that fails its integrity check is damaged (Corrupt). An empty database
// is a new diary.
//
// The check is integrity_check, not quick_check: only it compares every
// index with its table, and an index that misses a row would otherwise let
// a write into a damaged file (and show a history with a day missing).
// Both read the whole file, so they cost the same order of time: on ten
// years of daily check-ins (3 MB) about 4 ms of a check-in's 17 ms
// (BenchmarkOpen, BenchmarkCheckin). That is paid on every open, before
// anything is read or written, rather than checking only now and then and
// writing into a damaged file in between. The check reads through a small
// page cache, so the pages it passes over do not raise the memory a
// check-in needs.
func inspect(ctx context.Context, db *sql.DB) error {
	var tables, ours int
	err := db.QueryRowContext(ctx, `SELECT count(*), count(CASE WHEN name = 'schema_version' THEN 1 END)
		FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`).Scan(&tables, &ours)
	if err != nil {
		return err
	}
	if tables > 0 && ours == 0 {
		return &Error{Kind: Foreign, Err: fmt.Errorf("%d tables, none of them schema_version", tables)}
	}
	// A damaged file is reported, never repaired or replaced here. The
	// first fault found is enough to say so.
	if _, err := db.ExecContext(ctx, `PRAGMA cache_size = -256`); err != nil {
		return err
	}
	var check string
	err = db.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&check)
	if _, rerr := db.ExecContext(ctx, `PRAGMA cache_size = -2000`); err == nil {
		err = rerr // SQLite's default again, for the queries that follow
	}
	if err != nil {
		return err
	}
	if check != "ok" {
		return &Error{Kind: Corrupt, Err: errors.New(check)}
	}
	return nil
}

// readOnlyStore is a store that only reads: the schema must be the latest
// (a migration would write); a database with no diary yet is ErrNoDiary.
func readOnlyStore(ctx context.Context, db *sql.DB, path string) (*Store, error) {
	have, err := version(ctx, db)
	switch {
	case err != nil:
		return nil, err
	case have == 0:
		return nil, ErrNoDiary
	case have > Latest():
		return nil, &Error{Kind: TooNew, Err: fmt.Errorf("schema version %d; this backtriage knows up to %d", have, Latest())}
	case have < readableFrom:
		return nil, &Error{Kind: ReadOnly, Err: fmt.Errorf("the diary has schema version %d and must be upgraded to %d before it is read; run a command that saves to it (backtriage checkin) with its folder writable", have, Latest())}
	}
	return &Store{db: db, path: path, readOnly: true}, nil
}

// checkFile refuses what is not a diary before SQLite touches it: anything
// but a regular file (a FIFO would block SQLite, a folder or device is not
// ours), or a file that does not start like an SQLite database (an empty
// file is a new database).
func checkFile(path string) error {
	st, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return linkError(path)
	}
	if !st.Mode().IsRegular() {
		return &Error{Kind: NotRegular, Err: errors.New(input.FileKind(st.Mode()))}
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
			return &Error{Kind: Corrupt, Err: errors.New(notSQLite)}
		}
	}
	return nil
}

// linkError refuses a symbolic link at the diary's path, naming where it
// points: every command treats it the same way, neither writing through it
// nor reading or deleting what it points to, so the diary is never spread
// over a file the person did not choose.
func linkError(path string) error {
	target, err := os.Readlink(path)
	if err != nil {
		target = "(unreadable: " + rootCause(err).Error() + ")"
	}
	return &Error{Kind: Link, Path: path, Err: errors.New(target)}
}

// narrow keeps a diary readable by others to its owner; it runs once the
// file is known to be a diary, never on another program's file.
func narrow(path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm()&0o077 == 0 {
		return err
	}
	return os.Chmod(path, FileMode)
}

// FolderWarning is a warning for the person when the diary's folder can be
// listed or changed by other users (an existing --data-dir such as one made
// 0755): the file itself stays 0600, but others see that a diary is there,
// and with write access could remove it. The folder is the person's own
// choice, so it is not changed; the warning says how. "" when it is private
// (or cannot be examined: opening it reports that).
func FolderWarning(path string) string {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm()&0o066 == 0 {
		return ""
	}
	what := "list"
	if st.Mode().Perm()&0o022 != 0 {
		what = "list and change"
	}
	return fmt.Sprintf("warning: the diary's folder %s has mode %04o: other users can %s what is in it, and see that a diary is there. Make it yours alone with: chmod 700 %s",
		dir, st.Mode().Perm(), what, dir)
}

// write runs fn in one immediate transaction: all of it is committed, or
// none of it.
func (s *Store) write(op string, fn func(*sql.Tx) error) error {
	if s.readOnly {
		return &Error{Kind: ReadOnly, Op: op, Path: s.path, Err: errors.New("it was opened for reading only")}
	}
	// Retried as a whole while another program holds the file (see
	// retryBusy): each try is its own transaction, rolled back on failure.
	return wrap(op, s.path, retryBusy(time.Now().Add(s.busy), func() error {
		tx, err := s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback() // fn's error is the one to report
			return err
		}
		return tx.Commit()
	}))
}

// Version is the schema version of the open file.
func (s *Store) Version() (int, error) {
	v, err := version(context.Background(), s.db)
	return v, wrap("reading its version", s.path, err)
}

// Forget deletes the diary at path and the files SQLite keeps beside it.
// A damaged diary can be forgotten too, but Forget deletes only what is
// surely a diary: regular files (never a FIFO, device, socket, link or
// folder of that name), and never another program's database or a file
// that is not an SQLite database at all. When anything is refused, nothing
// is deleted and the error says what and why. The default folder (named
// backtriage) is removed when it is left empty.
func Forget(path string) (removed []string, err error) {
	const op = "deleting it"
	if err := forgettable(path); err != nil {
		return nil, wrap(op, path, err)
	}
	for _, f := range Files(path)[1:] {
		st, err := os.Lstat(f)
		if err == nil && !st.Mode().IsRegular() {
			return nil, &Error{Kind: NotRegular, Op: op, Path: f, Err: errors.New(input.FileKind(st.Mode()))}
		}
	}
	for _, f := range Files(path) {
		switch err := os.Remove(f); {
		case err == nil:
			removed = append(removed, f)
		case errors.Is(err, fs.ErrNotExist):
		default:
			return removed, wrap(op, path, err)
		}
	}
	if dir := filepath.Dir(path); filepath.Base(dir) == "backtriage" {
		os.Remove(dir) // our own folder, and only when empty; a --data-dir stays
	}
	return removed, nil
}

// forgettable is nil when the file at path may be deleted as a diary: a
// regular file that is empty, a backtriage diary, or an SQLite database
// too damaged to read. A missing file is fine (there is nothing to delete).
func forgettable(path string) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case st.Mode()&fs.ModeSymlink != 0:
		return linkError(path)
	case !st.Mode().IsRegular():
		return &Error{Kind: NotRegular, Err: errors.New(input.FileKind(st.Mode()))}
	case st.Size() == 0:
		return nil
	}
	if err := checkFile(path); IsKind(err, Corrupt) {
		// Not an SQLite database at all: no diary of ours looks like this.
		return &Error{Kind: Foreign, Err: errors.New(notSQLite)}
	} else if err != nil {
		return err
	}
	db, err := openRO(context.Background(), path, time.Second)
	switch {
	case IsKind(err, Foreign):
		return err
	case err == nil:
		db.Close()
	}
	return nil // a diary, or an SQLite file too damaged to read: a damaged diary
}
