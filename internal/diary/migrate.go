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
}

// Latest is the schema version this build writes.
func Latest() int { return migrations[len(migrations)-1].Version }

// versionTable is created before any migration: it is what says which
// migrations a file has had.
const versionTable = `CREATE TABLE IF NOT EXISTS schema_version (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT NOT NULL
)`

// version is the highest schema version applied to the file, 0 for a new one.
func version(ctx context.Context, db *sql.DB) (int, error) {
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

// migrate brings the file to target, each step in its own transaction, so
// a crash leaves it at a version it really has. A file newer than this
// build is left untouched.
func migrate(ctx context.Context, db *sql.DB, target int, now time.Time) error {
	have, err := version(ctx, db)
	if err != nil {
		return err
	}
	if have > Latest() {
		return &Error{Kind: TooNew, Err: fmt.Errorf("schema version %d; this backtriage knows up to %d", have, Latest())}
	}
	for _, m := range migrations {
		if m.Version <= have || m.Version > target {
			continue
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, versionTable); err != nil {
			tx.Rollback()
			return err
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("schema version %d: %w", m.Version, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`, m.Version, now.Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
