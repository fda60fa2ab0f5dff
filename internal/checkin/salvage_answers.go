package checkin

import (
	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// SalvageWarnings reads what it can of the warning-sign answers of any
// answers file with errors (an assessment's as well as a check-in's), as
// Parse does for a check-in file: a warning sign is never dropped for an
// unrelated mistake elsewhere in the file.
func SalvageWarnings(data []byte, qn *questionnaire.Questionnaire) answers.Answers {
	return salvageWarnings(data, qn)
}
