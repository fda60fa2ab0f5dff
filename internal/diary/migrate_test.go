package diary

import (
	"context"
	"database/sql"
	"os"
	"testing"
)

// seeds write representative rows into a diary at exactly that schema
// version, in that version's own SQL (not through the Store, whose queries
// follow the latest schema). Adding schema version N means adding seeds[N]
// and saying in checks what must survive the migration.
var seeds = map[int]func(*sql.DB) error{
	1: seedV1,
	// Version 2 added indexes only: its rows are version 1's.
	2: seedV1,
}

func seedV1(db *sql.DB) error {
	{
		_, err := db.Exec(`
INSERT INTO consent (id, given_at, wording, how) VALUES (1, '2026-11-01T08:00:00+01:00', 'agreed words', 'asked');
INSERT INTO episodes (id, at, source, level, warnings, answers, causes, plan, withheld, table_version)
	VALUES (7, '2026-11-01T08:05:00+01:00', 'assess', 'self-care', '[]', '{"age":34}', '[{"id":"scalenes","title":"S","score":5,"top":true}]',
	        '[{"id":"tennis-ball","title":"Tennis"}]', '[]', 'sha256:v1');
INSERT INTO checkins (episode_id, at, level, warnings, answers, pain, compared, steps_done, note, advice, withheld, table_version)
	VALUES (7, '2026-11-02T08:00:00+01:00', 'self-care', '[]', '{}', 6, 'better', '["tennis-ball"]', 'v1 note', '[]', '[]', 'sha256:v1');
INSERT INTO routines (episode_id, at, step, seconds, finished) VALUES (7, '2026-11-02T09:00:00+01:00', 'tennis-ball', 600, 1);`)
		return err
	}
}

// checks say what a diary seeded at a version must still hold after
// migrating to the latest.
var checks = map[int]func(*testing.T, *Record){
	1: checkV1,
	2: checkV1,
}

func checkV1(t *testing.T, r *Record) {
	{
		if r.Consent == nil || r.Consent.Wording != "agreed words" {
			t.Errorf("consent lost: %+v", r.Consent)
		}
		if len(r.Episodes) != 1 || r.Episodes[0].ID != 7 || r.Episodes[0].Causes[0].ID != "scalenes" || r.Episodes[0].Answers["age"] != float64(34) {
			t.Errorf("episode lost or changed: %+v", r.Episodes)
		}
		if len(r.Checkins) != 1 || *r.Checkins[0].Pain != 6 || r.Checkins[0].Note != "v1 note" || r.Checkins[0].EpisodeID != 7 {
			t.Errorf("check-in lost or changed: %+v", r.Checkins)
		}
		if len(r.Routines) != 1 || !r.Routines[0].Finished {
			t.Errorf("routine lost or changed: %+v", r.Routines)
		}
	}
}

func TestEveryVersionHasSeedsAndChecks(t *testing.T) {
	for _, m := range migrations {
		if seeds[m.Version] == nil || checks[m.Version] == nil {
			t.Errorf("schema version %d has no seed or no check: the migration test cannot cover diaries written at it", m.Version)
		}
	}
	for i, m := range migrations {
		if m.Version != i+1 {
			t.Fatalf("migration %d has version %d: versions count up from 1 without gaps", i, m.Version)
		}
	}
}

// A diary written at every earlier version (0 is an empty file, as Create
// leaves it before the first migration) migrates to the latest, keeps what
// it held, and records every step in the version table. The latest version
// reopens unchanged.
func TestMigrateFromEveryVersion(t *testing.T) {
	for from := 0; from <= Latest(); from++ {
		path := PathIn(t.TempDir())
		if err := os.WriteFile(path, nil, FileMode); err != nil {
			t.Fatal(err)
		}
		if from > 0 {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if err := migrate(context.Background(), db, migration{target: from, now: t0, fresh: true}); err != nil {
				t.Fatalf("building version %d: %v", from, err)
			}
			if err := seeds[from](db); err != nil {
				t.Fatalf("seeding version %d: %v", from, err)
			}
			db.Close()
		}
		open := Open
		if from == 0 {
			// A file with no diary in it is given one only on the
			// consenting path; Open leaves it alone (TestOpenLeavesEmptyFile).
			open = Create
		}
		s, err := open(path, Options{})
		if err != nil {
			t.Fatalf("from version %d: %v", from, err)
		}
		for _, idx := range []string{"checkins_episode", "episodes_at", "routines_episode"} {
			var n int
			if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?`, idx).Scan(&n); err != nil || n != 1 {
				t.Errorf("from version %d: index %s missing (%v)", from, idx, err)
			}
		}
		if v, err := s.Version(); err != nil || v != Latest() {
			t.Errorf("from version %d: now at %d (%v), want %d", from, v, err, Latest())
		}
		var steps int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_version`).Scan(&steps); err != nil {
			t.Fatal(err)
		}
		if steps != Latest() {
			t.Errorf("from version %d: %d steps in the version table, want %d", from, steps, Latest())
		}
		r, err := s.Load()
		if err != nil {
			t.Fatalf("from version %d: loading: %v", from, err)
		}
		if from > 0 {
			checks[from](t, r)
		} else if len(r.Episodes)+len(r.Checkins)+len(r.Routines) != 0 || r.Consent != nil {
			t.Errorf("a new diary holds something: %+v", r)
		}
		s.Close()
	}
}
