package diary

import (
	"database/sql"
	"fmt"
)

// ReviseEpisode replaces what episode id holds with ep (its time and source
// are kept): the answers changed within the session that stored it, which
// is one assessment, not two. It fails when there is no such episode.
func (s *Store) ReviseEpisode(id int64, ep *Episode) error {
	return s.write("saving the assessment", func(tx *sql.Tx) error {
		if err := requireConsent(tx); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE episodes SET level = ?, warnings = ?, answers = ?, causes = ?, plan = ?, withheld = ?, table_version = ?
			WHERE id = ?`,
			ep.Level, js(ep.Warnings), js(ep.Answers), js(ep.Causes), js(ep.Plan), js(ep.Withheld), ep.TableVersion, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("assessment %d is not in the diary", id)
		}
		return nil
	})
}
