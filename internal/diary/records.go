package diary

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"iter"
	"strconv"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/triage"
)

// TableVersion names a rule table by the hash of its compiled snapshot
// (rules/table.json for the built-in one): every stored conclusion says
// which table drew it, so a later change to the rules does not rewrite what
// the person was told.
func TableVersion(snapshot []byte) string {
	sum := sha256.Sum256(snapshot)
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// Warning is a warning sign as stored.
type Warning struct {
	Rule   string `json:"rule"`
	Title  string `json:"title"`
	Level  string `json:"level"`
	Action string `json:"action"`
}

// Cause is a ranked cause as stored.
type Cause struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Score int    `json:"score"`
	Top   bool   `json:"top"`
}

// Step is a self-care step as stored; Why is set for withheld steps.
type Step struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Why   string `json:"why,omitempty"`
}

// Episode is one finished assessment.
type Episode struct {
	ID           int64          `json:"id"`
	At           time.Time      `json:"at"`
	Source       string         `json:"source"` // assess, accessible, tui
	Level        string         `json:"level"`
	Warnings     []Warning      `json:"warnings"`
	Answers      map[string]any `json:"answers"`
	Causes       []Cause        `json:"causes"`
	Plan         []Step         `json:"plan"`
	Withheld     []Step         `json:"withheld"`
	TableVersion string         `json:"table_version"`
}

// Advice is a follow-up rule's conclusion as stored with a check-in.
type Advice struct {
	Rule    string `json:"rule"`
	Outcome string `json:"outcome"`
	Title   string `json:"title"`
	Text    string `json:"text"`
}

// Checkin is one check-in.
type Checkin struct {
	ID        int64          `json:"id"`
	EpisodeID int64          `json:"episode_id,omitempty"`
	At        time.Time      `json:"at"`
	Level     string         `json:"level"`
	Warnings  []Warning      `json:"warnings"`
	Answers   map[string]any `json:"answers"`
	// Pain is 0-10; nil when the check-in stopped at a warning sign first.
	Pain         *int     `json:"pain"`
	Compared     string   `json:"compared,omitempty"`
	StepsDone    []string `json:"steps_done"`
	Note         string   `json:"note,omitempty"`
	Advice       []Advice `json:"advice"`
	Withheld     []Step   `json:"withheld"`
	TableVersion string   `json:"table_version"`
}

// Routine is a guided self-care routine run from `backtriage guide`.
type Routine struct {
	ID        int64     `json:"id"`
	EpisodeID int64     `json:"episode_id,omitempty"`
	At        time.Time `json:"at"`
	Step      string    `json:"step"`
	Seconds   int       `json:"seconds"`
	Finished  bool      `json:"finished"`
}

// AnswersJSON is answers as the JSON summary and answers file hold them.
func AnswersJSON(qn *questionnaire.Questionnaire, a answers.Answers) map[string]any {
	out := map[string]any{}
	for _, q := range qn.Questions() {
		if v, ok := a[q.ID]; ok && a.Answered(q.ID) {
			out[q.ID] = answers.JSONValue(q, v)
		}
	}
	return out
}

// WarningsOf, PlanOf and WithheldOf turn an assessment's findings into
// stored records.
func WarningsOf(as *triage.Assessment) []Warning {
	out := make([]Warning, 0, len(as.Warnings))
	for _, w := range as.Warnings {
		out = append(out, Warning{Rule: w.Rule.ID, Title: w.Rule.Title, Level: w.Level.String(), Action: w.Rule.Action})
	}
	return out
}

func PlanOf(as *triage.Assessment) []Step {
	out := make([]Step, 0, len(as.Plan))
	for _, p := range as.Plan {
		out = append(out, Step{ID: p.Step.ID, Title: p.Step.Title})
	}
	return out
}

func WithheldOf(as *triage.Assessment) []Step {
	out := make([]Step, 0, len(as.Withheld))
	for _, w := range as.Withheld {
		out = append(out, Step{ID: w.Step.ID, Title: w.Step.Title, Why: w.Why})
	}
	return out
}

// EpisodeOf is the record of a finished assessment.
func EpisodeOf(as *triage.Assessment, qn *questionnaire.Questionnaire, tableVersion, source string, at time.Time) *Episode {
	ep := &Episode{
		At: at, Source: source, Level: as.Level.String(), Warnings: WarningsOf(as),
		Answers: AnswersJSON(qn, as.Answers), Plan: PlanOf(as), Withheld: WithheldOf(as),
		TableVersion: tableVersion, Causes: make([]Cause, 0, len(as.Causes)),
	}
	for _, c := range as.Causes {
		ep.Causes = append(ep.Causes, Cause{ID: c.Cause.ID, Title: c.Cause.Title, Score: c.Score, Top: c.Top})
	}
	return ep
}

// SaveEpisode stores a finished assessment: the answers, the level, the
// warnings, the ranked causes, the plan and what was left out of it, and
// the rule table's version. It is the one call a front end makes (the
// terminal UI's hook comes with its results screen). It returns the id.
func SaveEpisode(s *Store, as *triage.Assessment, qn *questionnaire.Questionnaire, tableVersion, source string, at time.Time) (int64, error) {
	return s.AddEpisode(EpisodeOf(as, qn, tableVersion, source, at))
}

// SaveNewEpisode stores a finished assessment unless the latest episode
// holds exactly the same answers: that is the same episode seen again (a
// summary printed once more, answers reopened to look at the plan), and
// storing it twice would restart the week the follow-up rules count. It
// returns the episode's id and whether it was stored now.
func SaveNewEpisode(s *Store, as *triage.Assessment, qn *questionnaire.Questionnaire, tableVersion, source string, at time.Time) (id int64, stored bool, err error) {
	ep := EpisodeOf(as, qn, tableVersion, source, at)
	err = s.write("saving the assessment", func(tx *sql.Tx) error {
		if err := requireConsent(tx); err != nil {
			return err
		}
		var latest int64
		var ans string
		switch err := tx.QueryRow(`SELECT id, answers FROM episodes ORDER BY at DESC, id DESC LIMIT 1`).Scan(&latest, &ans); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case sameJSON(ans, js(ep.Answers)):
			id = latest
			return nil
		}
		id, err = insertEpisode(tx, ep)
		stored = err == nil
		return err
	})
	if stored {
		ep.ID = id
	}
	return id, stored, err
}

// sameJSON reports whether two JSON texts hold the same value, however
// they were written.
func sameJSON(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return js(va) == js(vb)
}

// AddEpisode stores an episode record.
func (s *Store) AddEpisode(ep *Episode) (int64, error) {
	var id int64
	err := s.write("saving the assessment", func(tx *sql.Tx) error {
		if err := requireConsent(tx); err != nil {
			return err
		}
		var err error
		id, err = insertEpisode(tx, ep)
		return err
	})
	if err == nil {
		ep.ID = id
	}
	return id, err
}

func insertEpisode(tx *sql.Tx, ep *Episode) (int64, error) {
	res, err := tx.Exec(`INSERT INTO episodes (at, source, level, warnings, answers, causes, plan, withheld, table_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		stamp(ep.At), ep.Source, ep.Level, js(ep.Warnings), js(ep.Answers), js(ep.Causes), js(ep.Plan), js(ep.Withheld), ep.TableVersion)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// AddCheckin stores a check-in.
func (s *Store) AddCheckin(c *Checkin) (int64, error) {
	var id int64
	err := s.write("saving the check-in", func(tx *sql.Tx) error {
		if err := requireConsent(tx); err != nil {
			return err
		}
		var pain any
		if c.Pain != nil {
			pain = *c.Pain
		}
		res, err := tx.Exec(`INSERT INTO checkins (episode_id, at, level, warnings, answers, pain, compared, steps_done, note, advice, withheld, table_version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(c.EpisodeID), stamp(c.At), c.Level, js(c.Warnings), js(c.Answers), pain, c.Compared, js(c.StepsDone), c.Note, js(c.Advice), js(c.Withheld), c.TableVersion)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err == nil {
		c.ID = id
	}
	return id, err
}

// AddRoutine records a guided routine.
func (s *Store) AddRoutine(r *Routine) (int64, error) {
	var id int64
	err := s.write("recording the routine", func(tx *sql.Tx) error {
		if err := requireConsent(tx); err != nil {
			return err
		}
		res, err := tx.Exec(`INSERT INTO routines (episode_id, at, step, seconds, finished) VALUES (?, ?, ?, ?, ?)`,
			nullID(r.EpisodeID), stamp(r.At), r.Step, r.Seconds, r.Finished)
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	if err == nil {
		r.ID = id
	}
	return id, err
}

// ErrNoConsent is returned by a write to a diary whose consent record is
// missing: nothing is stored without it.
var ErrNoConsent = errors.New("the person has not agreed to a diary")

func requireConsent(tx *sql.Tx) error {
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM consent`).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNoConsent
	}
	return nil
}

// The columns each record is read from, in scan order.
const (
	episodeCols = `id, at, source, level, warnings, answers, causes, plan, withheld, table_version`
	checkinCols = `id, coalesce(episode_id, 0), at, level, warnings, answers, pain, compared, steps_done, note, advice, withheld, table_version`
	routineCols = `id, coalesce(episode_id, 0), at, step, seconds, finished`
)

// q is one connection of the store, or the store's pool.
type q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rows runs a query and yields each row scanned by scan, stopping at the
// first error. what names the records in messages ("the check-ins").
func rows[T any](s *Store, db q, what, query string, scan func(*sql.Rows) (T, error), args ...any) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rs, err := db.QueryContext(context.Background(), query, args...)
		if err != nil {
			yield(zero, wrap("reading "+what, s.path, err))
			return
		}
		defer rs.Close()
		for rs.Next() {
			v, err := scan(rs)
			if err != nil {
				var de *Error
				if !errors.As(err, &de) {
					err = wrap("reading "+what, s.path, err)
				} else if de.Path == "" {
					de.Path = s.path
				}
			}
			if !yield(v, err) || err != nil {
				return
			}
		}
		if err := rs.Err(); err != nil {
			yield(zero, wrap("reading "+what, s.path, err))
		}
	}
}

func scanEpisode(rs *sql.Rows) (*Episode, error) {
	ep := &Episode{}
	var at, warnings, ans, causes, plan, withheld string
	if err := rs.Scan(&ep.ID, &at, &ep.Source, &ep.Level, &warnings, &ans, &causes, &plan, &withheld, &ep.TableVersion); err != nil {
		return nil, err
	}
	if err := decodeAll(&ep.At, at, []any{&ep.Warnings, &ep.Answers, &ep.Causes, &ep.Plan, &ep.Withheld}, warnings, ans, causes, plan, withheld); err != nil {
		return nil, &Error{Kind: Corrupt, Op: "reading episode " + itoa(ep.ID), Err: err}
	}
	return ep, nil
}

func scanCheckin(rs *sql.Rows) (*Checkin, error) {
	c := &Checkin{}
	var at, warnings, ans, steps, advice, withheld string
	var pain sql.NullInt64
	if err := rs.Scan(&c.ID, &c.EpisodeID, &at, &c.Level, &warnings, &ans, &pain, &c.Compared, &steps, &c.Note, &advice, &withheld, &c.TableVersion); err != nil {
		return nil, err
	}
	if pain.Valid {
		p := int(pain.Int64)
		c.Pain = &p
	}
	if err := decodeAll(&c.At, at, []any{&c.Warnings, &c.Answers, &c.StepsDone, &c.Advice, &c.Withheld}, warnings, ans, steps, advice, withheld); err != nil {
		return nil, &Error{Kind: Corrupt, Op: "reading check-in " + itoa(c.ID), Err: err}
	}
	return c, nil
}

func scanRoutine(rs *sql.Rows) (*Routine, error) {
	r := &Routine{}
	var at string
	if err := rs.Scan(&r.ID, &r.EpisodeID, &at, &r.Step, &r.Seconds, &r.Finished); err != nil {
		return nil, err
	}
	if err := decodeAll(&r.At, at, nil); err != nil {
		return nil, &Error{Kind: Corrupt, Op: "reading routine " + itoa(r.ID), Err: err}
	}
	return r, nil
}

// collect gathers a sequence into a slice, stopping at the first error.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Episodes lists every episode, oldest first.
func (s *Store) Episodes() ([]*Episode, error) {
	return collect(rows(s, s.db, "the episodes", `SELECT `+episodeCols+` FROM episodes ORDER BY at, id`, scanEpisode))
}

// Checkins lists every check-in, oldest first.
func (s *Store) Checkins() ([]*Checkin, error) {
	return collect(rows(s, s.db, "the check-ins", `SELECT `+checkinCols+` FROM checkins ORDER BY at, id`, scanCheckin))
}

// Routines lists every recorded routine, oldest first.
func (s *Store) Routines() ([]*Routine, error) {
	return collect(rows(s, s.db, "the routines", `SELECT `+routineCols+` FROM routines ORDER BY at, id`, scanRoutine))
}

// Recent reads the part of the diary that the current episode is about,
// as a Record that followup.Current reads as it reads the whole diary: the
// latest episode with its check-ins and routines (with no episode yet, the
// check-ins and routines outside any), and of the episode before
// it only what the follow-up rules ask (when it was last recorded, its last
// pain score). With allEpisodes every episode is read (history lists
// them), else the latest two. Through the indexes of schema version 2 it
// reads the same few pages in a diary of ten years as in one of a week.
func (s *Store) Recent(allEpisodes bool) (*Record, error) {
	r := &Record{Path: s.path, Episodes: []*Episode{}, Checkins: []*Checkin{}, Routines: []*Routine{}}
	if err := s.head(r); err != nil {
		return nil, err
	}
	err := s.snapshot(func(db q) error {
		eps := `SELECT ` + episodeCols + ` FROM (SELECT * FROM episodes ORDER BY at DESC, id DESC LIMIT 2) ORDER BY at, id`
		if allEpisodes {
			eps = `SELECT ` + episodeCols + ` FROM episodes ORDER BY at, id`
		}
		var err error
		if r.Episodes, err = collect(rows(s, db, "the episodes", eps, scanEpisode)); err != nil {
			return err
		}
		if r.Episodes == nil {
			r.Episodes = []*Episode{}
		}
		return s.recentRecords(db, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// head reads the version and the consent (before a snapshot: the store
// has one connection).
func (s *Store) head(r *Record) error {
	var err error
	if r.Schema, err = s.Version(); err != nil {
		return err
	}
	c, ok, err := s.ConsentGiven()
	if ok {
		r.Consent = &c
	}
	return err
}

// recentRecords adds the check-ins and routines of the latest episode (or,
// with none, those outside any episode), and the previous episode's last
// check-in, last pain score and last routine.
func (s *Store) recentRecords(db q, r *Record) error {
	n := len(r.Episodes)
	if n == 0 {
		cs, err := collect(rows(s, db, "the check-ins", `SELECT `+checkinCols+` FROM checkins WHERE episode_id IS NULL ORDER BY at, id`, scanCheckin))
		if err != nil {
			return err
		}
		r.Checkins = append(r.Checkins, cs...)
		rt, err := collect(rows(s, db, "the routines", `SELECT `+routineCols+` FROM routines WHERE episode_id IS NULL ORDER BY at, id`, scanRoutine))
		r.Routines = append(r.Routines, rt...)
		return err
	}
	if n > 1 {
		prev := r.Episodes[n-2].ID
		// Its last check-in with a pain score, then its last one (the same
		// one, often): oldest first, as followup.Current reads them.
		var cs []*Checkin
		for _, where := range []string{`episode_id = ? AND pain IS NOT NULL`, `episode_id = ?`} {
			c, err := collect(rows(s, db, "the check-ins", `SELECT `+checkinCols+` FROM checkins WHERE `+where+` ORDER BY at DESC, id DESC LIMIT 1`, scanCheckin, prev))
			if err != nil {
				return err
			}
			if len(c) == 1 && (len(cs) == 0 || cs[0].ID != c[0].ID) {
				cs = append(cs, c[0])
			}
		}
		r.Checkins = append(r.Checkins, cs...)
		rt, err := collect(rows(s, db, "the routines", `SELECT `+routineCols+` FROM routines WHERE episode_id = ? ORDER BY at DESC, id DESC LIMIT 1`, scanRoutine, prev))
		if err != nil {
			return err
		}
		r.Routines = append(r.Routines, rt...)
	}
	cur := r.Episodes[n-1].ID
	cs, err := collect(rows(s, db, "the check-ins", `SELECT `+checkinCols+` FROM checkins WHERE episode_id = ? ORDER BY at, id`, scanCheckin, cur))
	if err != nil {
		return err
	}
	r.Checkins = append(r.Checkins, cs...)
	rt, err := collect(rows(s, db, "the routines", `SELECT `+routineCols+` FROM routines WHERE episode_id = ? ORDER BY at, id`, scanRoutine, cur))
	r.Routines = append(r.Routines, rt...)
	return err
}

// snapshot runs fn on one connection inside one read transaction, so what
// it reads is one state of the file even while another backtriage writes.
// Several queries may be open at once on it (an export merges three).
func (s *Store) snapshot(fn func(q) error) error {
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return wrap("reading it", s.path, err)
	}
	defer func() { _ = conn.Close() }() // back to the pool
	// A deferred BEGIN takes no write lock (the DSN's immediate mode is
	// for the driver's own transactions, the writes).
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		return wrap("reading it", s.path, err)
	}
	defer func() { _, _ = conn.ExecContext(ctx, `ROLLBACK`) }() // it only read
	return fn(conn)
}

// stamp is how times are stored: RFC 3339 with the UTC offset, so a
// clinician reading an export knows the person's local time.
func stamp(t time.Time) string { return t.Format(time.RFC3339) }

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain records are stored
	}
	return string(b)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func decodeAll(at *time.Time, atText string, into []any, texts ...string) error {
	t, err := time.Parse(time.RFC3339, atText)
	if err != nil {
		return err
	}
	*at = t
	for i, v := range into {
		if err := json.Unmarshal([]byte(texts[i]), v); err != nil {
			return err
		}
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
