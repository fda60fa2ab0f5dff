package questionnaire

import (
	"fmt"
	"sync"

	"github.com/backtriage/backtriage"
)

// SnapshotKey, FollowupSnapshotKey and DialogsSnapshotKey name the
// questionnaire, the follow-up facts and the dialogs in the compiled rule
// table (rules/table.json), where they come first, in this order;
// rules.Table.Snapshot writes them.
const (
	SnapshotKey         = "questionnaire"
	FollowupSnapshotKey = "followup_facts"
	DialogsSnapshotKey  = "dialogs"
)

// Head is what the head of a compiled rule table holds: the questions,
// the follow-up facts and the dialogs' words.
type Head struct {
	Questionnaire, Followup *Questionnaire
	Dialogs                 *DialogSet
}

// builtin is the head of the built-in rule table, read once from its
// snapshot. The source is rules/questions.yaml; a test keeps the two
// equal.
var builtin = sync.OnceValue(func() *Head {
	h, err := FromSnapshot(backtriage.RuleSnapshot())
	if err != nil {
		panic("questionnaire: rules/table.json: " + err.Error()) // caught by tests; regenerate with go generate ./...
	}
	return h
})

// Default returns backtriage's questionnaire (rules/questions.yaml).
// Question and option ids are a public contract (answers files and rule
// files use them): add, never rename, without a migration note in
// docs/contracts.md.
func Default() *Questionnaire { return builtin().Questionnaire }

// Followup is the questionnaire the follow-up rules read: the check-in's
// questions and the facts the diary works out (rules/questions.yaml,
// followup_facts). It is built once; share it freely.
func Followup() *Questionnaire { return builtin().Followup }

// Dialogs are the words of the program's dialogs (rules/questions.yaml,
// dialogs): Dialogs().Get(DialogKeepDiary).Prompt. Like the check-in's
// questions they are the built-in ones whatever rule folder is in use.
func Dialogs() *DialogSet { return builtin().Dialogs }

// FromSnapshot reads the questionnaire, the follow-up facts and the
// dialogs from the head of a compiled rule table, leaving the rest of it
// unread: the rules are rules.LoadSnapshot's to decode.
func FromSnapshot(data []byte) (*Head, error) {
	var qb, fb *recordBuilder
	db := &dialogBuilder{}
	err := readHead(data, []string{SnapshotKey, FollowupSnapshotKey, DialogsSnapshotKey}, func(key string, nq, no int) section {
		switch key {
		case SnapshotKey:
			qb = newRecordBuilder(nq, no)
			return qb
		case FollowupSnapshotKey:
			fb = newRecordBuilder(nq, no)
			return fb
		}
		return db
	})
	if err != nil {
		return nil, err
	}
	h := &Head{}
	if h.Questionnaire, err = qb.build(); err != nil {
		return nil, fmt.Errorf("%s: %w", SnapshotKey, err)
	}
	if h.Followup, err = fb.build(); err != nil {
		return nil, fmt.Errorf("%s: %w", FollowupSnapshotKey, err)
	}
	if h.Dialogs, err = db.build(); err != nil {
		return nil, fmt.Errorf("%s: %w", DialogsSnapshotKey, err)
	}
	return h, nil
}
