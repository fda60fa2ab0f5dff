package questionnaire

import (
	"fmt"
	"sync"

	"github.com/backtriage/backtriage"
)

// SnapshotKey and FollowupSnapshotKey name the questionnaire and the
// follow-up facts in the compiled rule table (rules/table.json), where they
// come first; rules.Table.Snapshot writes them.
const (
	SnapshotKey         = "questionnaire"
	FollowupSnapshotKey = "followup_facts"
)

// builtin is the questionnaire and the follow-up facts of the built-in
// rule table, read once from its snapshot. The source is
// rules/questions.yaml; a test keeps the two equal.
var builtin = sync.OnceValues(func() (*Questionnaire, *Questionnaire) {
	qn, fu, err := FromSnapshot(backtriage.RuleSnapshot())
	if err != nil {
		panic("questionnaire: rules/table.json: " + err.Error()) // caught by tests; regenerate with go generate ./...
	}
	return qn, fu
})

// Default returns backtriage's questionnaire (rules/questions.yaml).
// Question and option ids are a public contract (answers files and rule
// files use them): add, never rename, without a migration note in
// docs/contracts.md.
func Default() *Questionnaire {
	qn, _ := builtin()
	return qn
}

// Followup is the questionnaire the follow-up rules read: the check-in's
// questions and the facts the diary works out (rules/questions.yaml,
// followup_facts). It is built once; share it freely.
func Followup() *Questionnaire {
	_, fu := builtin()
	return fu
}

// FromSnapshot reads the questionnaire and the follow-up facts from the
// head of a compiled rule table, leaving the rest of it unread: the rules
// are rules.LoadSnapshot's to decode.
func FromSnapshot(data []byte) (qn, followup *Questionnaire, err error) {
	head, err := readHead(data, SnapshotKey, FollowupSnapshotKey)
	if err != nil {
		return nil, nil, err
	}
	if qn, err = head[SnapshotKey].build(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", SnapshotKey, err)
	}
	if followup, err = head[FollowupSnapshotKey].build(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", FollowupSnapshotKey, err)
	}
	return qn, followup, nil
}
