package diary

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations are the schema, one step per version, applied in order and
// never edited once released: version N+1 is a new entry that changes what
// version N left. The version table records each step applied, and a test
// builds a diary at every earlier version and migrates it to the latest.
var migrations = []struct {
	Version int
	SQL     string
}{
	{1, `
CREATE TABLE consent (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	given_at TEXT NOT NULL,  -- RFC 3339, with the UTC offset
	wording  TEXT NOT NULL,  -- the words the person agreed to
	how      TEXT NOT NULL   -- "asked" or "--store" (and where)
);
CREATE TABLE episodes (
	id            INTEGER PRIMARY KEY,
	at            TEXT NOT NULL,
	source        TEXT NOT NULL,  -- assess, accessible, tui
	level         TEXT NOT NULL,
	warnings      TEXT NOT NULL,  -- JSON: the warning signs found
	answers       TEXT NOT NULL,  -- JSON: question id -> answer, as the answers file
	causes        TEXT NOT NULL,  -- JSON: ranked causes
	plan          TEXT NOT NULL,  -- JSON: the self-care steps
	withheld      TEXT NOT NULL,  -- JSON: steps a warning or answer rules out
	table_version TEXT NOT NULL   -- the rule table that concluded all this
);
CREATE TABLE checkins (
	id            INTEGER PRIMARY KEY,
	episode_id    INTEGER REFERENCES episodes(id) ON DELETE CASCADE,
	at            TEXT NOT NULL,
	level         TEXT NOT NULL,
	warnings      TEXT NOT NULL,
	answers       TEXT NOT NULL,  -- JSON: the warning-sign answers given
	pain          INTEGER CHECK (pain BETWEEN 0 AND 10),
	compared      TEXT NOT NULL DEFAULT '',  -- better, same, worse or ''
	steps_done    TEXT NOT NULL,  -- JSON: step ids
	note          TEXT NOT NULL DEFAULT '',
	advice        TEXT NOT NULL,  -- JSON: the follow-up rules that fired
	withheld      TEXT NOT NULL,
	table_version TEXT NOT NULL
);
CREATE INDEX checkins_episode ON checkins(episode_id, at);
CREATE TABLE routines (
	id         INTEGER PRIMARY KEY,
	episode_id INTEGER REFERENCES episodes(id) ON DELETE CASCADE,
	at         TEXT NOT NULL,
	step       TEXT NOT NULL,
	seconds    INTEGER NOT NULL,
	finished   INTEGER NOT NULL
);
`},
	// 2: indexes for reading only what is shown (the latest episodes, an
	// episode's routines), so a check-in reads the same few pages in year
	// ten as on day one. Tables are unchanged.
	{2, `
CREATE INDEX episodes_at ON episodes(at, id);
CREATE INDEX routines_episode ON routines(episode_id, at);
`},
}

// Latest is the schema version this build writes.
func Latest() int { return migrations[len(migrations)-1].Version }

// readableFrom is the oldest schema version the read queries work with, so
// a diary that cannot be migrated (a read-only file system) is still read.
// Version 2 only added indexes. A migration that changes what the queries
// read raises it.
const readableFrom = 1

// versionTable is created before any migration: it is what says which
// migrations a file has had.
const versionTable = `CREATE TABLE IF NOT EXISTS schema_version (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
)`

// querier is a database or one connection of it.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// version is the highest schema version applied to the file, 0 for a new one.
func version(ctx context.Context, db querier) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// migration is what migrate is asked to do.
type migration struct {
	target int
	now    time.Time // stamps the version table
	// fresh allows a file with no diary in it (version 0) to be given the
	// schema: only on the consenting path. Anywhere else such a file is
	// ErrNoDiary (another backtriage is creating it, or was stopped first).
	fresh bool
	// consent, when set, is recorded in the same transaction.
	consent *Consent
}

// migrate brings the file to m.target in one immediate transaction: the
// version is read after the write lock is taken, so two programs opening a
// new diary at once apply each step once (the second finds it done), and a
// crash leaves the file at a version it really has. A file newer than this
// build is left untouched.
func migrate(ctx context.Context, db *sql.DB, m migration) error {
	have, err := version(ctx, db)
	if err != nil {
		return err
	}
	if err := checkVersion(have, m); err != nil || (have >= m.target && m.consent == nil) {
		return err // nothing to write: no write lock taken
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }() // back to the pool; a failed return is reported by the next use
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		return err
	}
	if err := migrateLocked(ctx, conn, m); err != nil {
		_, _ = conn.ExecContext(ctx, `ROLLBACK`) // the error that made it roll back is the one to report
		return err
	}
	_, err = conn.ExecContext(ctx, `COMMIT`)
	return err
}

// checkVersion refuses a file newer than this build, and a file with no
// diary in it on a path that may not create one.
func checkVersion(have int, m migration) error {
	switch {
	case have > Latest():
		return &Error{Kind: TooNew, Err: fmt.Errorf("schema version %d; this backtriage knows up to %d", have, Latest())}
	case have == 0 && !m.fresh:
		return ErrNoDiary
	}
	return nil
}

// migrateLocked applies the steps inside the write transaction.
func migrateLocked(ctx context.Context, conn *sql.Conn, m migration) error {
	have, err := version(ctx, conn)
	if err != nil {
		return err
	}
	if err := checkVersion(have, m); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, versionTable); err != nil {
		return err
	}
	for _, step := range migrations {
		if step.Version <= have || step.Version > m.target {
			continue
		}
		if _, err := conn.ExecContext(ctx, step.SQL); err != nil {
			return fmt.Errorf("schema version %d: %w", step.Version, err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`, step.Version, m.now.Format(time.RFC3339)); err != nil {
			return err
		}
	}
	if c := m.consent; c != nil {
		// Consent is given once: a diary created a moment ago by another
		// backtriage keeps its record.
		_, err := conn.ExecContext(ctx, `INSERT OR IGNORE INTO consent (id, given_at, wording, how) VALUES (1, ?, ?, ?)`, stamp(c.GivenAt), c.Wording, c.How)
		return err
	}
	return nil
}
