// Package diarytest makes the databases the diary's fault tests need:
// another program's SQLite file, and a diary held locked by another
// connection.
package diarytest

import (
	"database/sql"
	"os"
	"testing"

	_ "modernc.org/sqlite" // the driver the diary itself uses
)

// ForeignDB makes an SQLite database of another program at path (a table
// of its own, no schema_version) and returns its bytes, to check later that
// nothing touched it.
func ForeignDB(t testing.TB, path string) []byte {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes(x); INSERT INTO notes VALUES ('my own notes')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Lock holds the database at path with BEGIN EXCLUSIVE from another
// connection, as another program would, until release is called (or the
// test ends).
func Lock(t testing.TB, path string) (release func()) {
	t.Helper()
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	other.SetMaxOpenConns(1)
	if _, err := other.Exec(`BEGIN EXCLUSIVE`); err != nil {
		other.Close()
		t.Fatal(err)
	}
	done := false
	release = func() {
		if done {
			return
		}
		done = true
		if _, err := other.Exec(`COMMIT`); err != nil {
			t.Error(err)
		}
		other.Close()
	}
	t.Cleanup(release)
	return release
}

// DamageIndex leaves the diary at path with an index that misses a row
// (integrity_check: "row N missing from index checkins_episode", "wrong # of entries in index checkins_episode"), as a
// crash on a disk that lies about syncing can: the index is hidden from
// the schema, a check-in is added without it, and it is put back.
func DamageIndex(t testing.TB, path string) {
	t.Helper()
	exec := func(q string, args ...any) {
		t.Helper()
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root int
	var def string
	err = db.QueryRow(`SELECT rootpage, sql FROM sqlite_master WHERE name = 'checkins_episode'`).Scan(&root, &def)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	exec(`PRAGMA writable_schema = ON; DELETE FROM sqlite_master WHERE name = 'checkins_episode'`)
	exec(`INSERT INTO checkins (episode_id, at, level, warnings, answers, pain, steps_done, advice, withheld, table_version)
		VALUES (NULL, '2026-11-09T08:00:00+01:00', 'self-care', '[]', '{}', 3, '[]', '[]', '[]', 'x')`)
	exec(`PRAGMA writable_schema = ON; INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('index', 'checkins_episode', 'checkins', ?, ?)`, root, def)
	exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
}
