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
