// Package diarygen writes a long diary for benchmarks: years of daily
// check-ins across many episodes, with records the size real ones have.
// It writes through SQL in one transaction (thousands of separate synced
// commits would take minutes), in the latest schema, after the diary
// package has created the file with consent.
package diarygen

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the diary's driver

	"github.com/backtriage/backtriage/internal/diary"
)

// Start is the first episode's time.
var Start = time.Date(2016, 11, 2, 8, 30, 0, 0, time.FixedZone("CET", 3600))

// Write creates the diary at path with consent and fills it with episodes
// spread evenly over days daily check-ins (one a day, each in the episode
// it follows) and a routine every third day. It returns the time of the
// last check-in.
func Write(path string, episodes, days int) (time.Time, error) {
	s, err := diary.CreateAgreed(path, "benchmark", Start, diary.Options{})
	if err != nil {
		return time.Time{}, err
	}
	s.Close()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return time.Time{}, err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return time.Time{}, err
	}
	defer tx.Rollback()
	last, err := fill(tx, episodes, days)
	if err != nil {
		return time.Time{}, err
	}
	return last, tx.Commit()
}

func fill(tx *sql.Tx, episodes, days int) (time.Time, error) {
	perEpisode := max(1, days/max(1, episodes))
	var ep int64
	var at time.Time
	for d := range days {
		at = Start.AddDate(0, 0, d)
		if d%perEpisode == 0 && int(ep) < episodes {
			res, err := tx.Exec(`INSERT INTO episodes (at, source, level, warnings, answers, causes, plan, withheld, table_version)
				VALUES (?, 'assess', 'self-care', '[]', ?, ?, ?, ?, 'sha256:bench')`,
				at.Add(-time.Hour).Format(time.RFC3339), js(answers(d)), js(causes()), js(plan()), js(withheld()))
			if err != nil {
				return at, err
			}
			if ep, err = res.LastInsertId(); err != nil {
				return at, err
			}
		}
		pain := 7 - (d%perEpisode)/6
		if _, err := tx.Exec(`INSERT INTO checkins (episode_id, at, level, warnings, answers, pain, compared, steps_done, note, advice, withheld, table_version)
			VALUES (?, ?, 'self-care', '[]', ?, ?, 'better', '["tennis-ball","cold-packs"]', ?, ?, '[]', 'sha256:bench')`,
			ep, at.Format(time.RFC3339), js(warningAnswers()), max(pain, 0), fmt.Sprintf("day %d: slept on my side, a little stiff at first", d), js(advice())); err != nil {
			return at, err
		}
		if d%3 == 0 {
			if _, err := tx.Exec(`INSERT INTO routines (episode_id, at, step, seconds, finished) VALUES (?, ?, 'tennis-ball', 600, 1)`,
				ep, at.Add(time.Hour).Format(time.RFC3339)); err != nil {
				return at, err
			}
		}
	}
	return at, nil
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func answers(d int) map[string]any {
	a := map[string]any{"age": 40, "recurring": d > 0, "pain_score": 7}
	for _, id := range []string{"onset", "location", "side", "worse_with", "better_with", "sleep", "work", "posture", "activity", "injury_history"} {
		a[id] = []string{id + "-a", id + "-b"}
	}
	for _, id := range []string{"warning_now", "warning_nerves", "warning_history", "warning_more_now", "warning_recent", "warning_pain_pattern", "warning_risk", "warning_clot_risk", "warning_injury"} {
		a[id] = []string{"none"}
	}
	return a
}

func warningAnswers() map[string]any {
	a := map[string]any{}
	for _, id := range []string{"warning_now", "warning_nerves", "warning_history", "warning_more_now", "warning_recent", "warning_pain_pattern", "warning_risk", "warning_clot_risk", "warning_injury"} {
		a[id] = []string{"none"}
	}
	return a
}

func causes() []diary.Cause {
	var out []diary.Cause
	for i, id := range []string{"rhomboids", "levator-scapulae", "scalenes", "upper-trapezius", "thoracic-joint"} {
		out = append(out, diary.Cause{ID: id, Title: strings.ToUpper(id[:1]) + id[1:] + " strain or trigger point", Score: 10 - i, Top: i < 2})
	}
	return out
}

func plan() []diary.Step {
	return []diary.Step{{ID: "tennis-ball", Title: "Tennis ball against a wall"}, {ID: "cold-packs", Title: "Cold packs, 15 minutes"},
		{ID: "stretch-before-bed", Title: "Gentle stretches before bed"}, {ID: "pillow", Title: "A pillow that keeps the neck level"}}
}

func withheld() []diary.Step {
	return []diary.Step{{ID: "heat", Title: "Heat pack", Why: "not in the first two days of a new strain"}}
}

func advice() []diary.Advice {
	return []diary.Advice{{Rule: "improving", Outcome: "carry-on", Title: "Getting better: carry on",
		Text: "Your pain is going down. Keep doing the steps that help, a little each day, and check in tomorrow. If it stops improving for a week, book a physiotherapist."}}
}
