package diary

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Consent is the person's agreement to keep a diary, stored as the first
// record of the file: the words they agreed to, when, and how.
type Consent struct {
	GivenAt time.Time `json:"given_at"`
	Wording string    `json:"wording"`
	How     string    `json:"how"`
}

// ConsentText is what the person agrees to: what is kept, where, who can
// read it, and how to remove it. It is stored with the consent.
func ConsentText(path string) string {
	return fmt.Sprintf("backtriage can keep a private diary on this computer: the answers, level, likely "+
		"causes and self-care plan of each assessment, your check-ins (warning-sign answers, pain score, "+
		"steps done and any note) and the guided routines you finish. It is kept in one file, %s, "+
		"readable only by you, and never leaves this machine. 'backtriage forget' deletes all of it; "+
		"--no-store or BACKTRIAGE_NO_STORE=1 keeps nothing.", path)
}

// ConsentGiven reads the consent record; ok is false when there is none.
func (s *Store) ConsentGiven() (c Consent, ok bool, err error) {
	var at string
	err = s.db.QueryRowContext(context.Background(), `SELECT given_at, wording, how FROM consent WHERE id = 1`).Scan(&at, &c.Wording, &c.How)
	if errors.Is(err, sql.ErrNoRows) {
		return Consent{}, false, nil
	}
	if err != nil {
		return Consent{}, false, wrap("reading the consent", s.path, err)
	}
	if c.GivenAt, err = time.Parse(time.RFC3339, at); err != nil {
		return Consent{}, false, &Error{Kind: Corrupt, Op: "reading the consent", Path: s.path, Err: err}
	}
	return c, true, nil
}

// GiveConsent records the person's agreement. A second call keeps the
// first record: consent is given once.
func (s *Store) GiveConsent(c Consent) error {
	return s.write("recording your consent", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT OR IGNORE INTO consent (id, given_at, wording, how) VALUES (1, ?, ?, ?)`, stamp(c.GivenAt), c.Wording, c.How)
		return err
	})
}

// OpenAgreed opens the diary at path when there is one the person agreed
// to; nil without an error when there is none (no file, no consent). It is
// how every command and front end opens the diary to use it.
func OpenAgreed(path string, o Options) (*Store, error) { return agreed(Open(path, o)) }

// OpenAgreedReadOnly is OpenAgreed for reading only (OpenReadOnly): it
// works on a diary the person cannot write.
func OpenAgreedReadOnly(path string, o Options) (*Store, error) {
	return agreed(OpenReadOnly(path, o))
}

// agreed keeps an opened diary when it holds the person's consent.
func agreed(s *Store, err error) (*Store, error) {
	if errors.Is(err, ErrNoDiary) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if _, ok, err := s.ConsentGiven(); err != nil || !ok {
		s.Close()
		return nil, err
	}
	return s, nil
}

// CreateAgreed creates the diary at path (or opens the one there) and
// records the person's agreement to the words ConsentText shows, given at
// a time and how ("asked", "--store on the command line").
func CreateAgreed(path, how string, at time.Time, o Options) (*Store, error) {
	// The schema and the consent are written in one transaction: no file
	// is ever left with a diary in it and no consent.
	return create(path, o, &Consent{GivenAt: at, Wording: ConsentText(path), How: how})
}
