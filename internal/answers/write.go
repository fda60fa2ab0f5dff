package answers

import (
	"strconv"
	"strings"

	"github.com/backtriage/backtriage/internal/questionnaire"
)

// Marshal writes answers as an answers file, in questionnaire order, each
// line under its prompt. Questions not answered are left as comments listing
// their options, so the file can be finished by hand. header lines become
// comments at the top.
func Marshal(qn *questionnaire.Questionnaire, a Answers, header ...string) []byte {
	var b strings.Builder
	for _, h := range header {
		b.WriteString("# " + h + "\n")
	}
	page, answered := "", false
	for _, q := range qn.Questions() {
		if q.Page != page {
			page = q.Page
			b.WriteString("\n")
		}
		b.WriteString("# " + q.Prompt + "\n")
		v, ok := a[q.ID]
		if !ok || !a.Answered(q.ID) {
			b.WriteString("# " + q.ID + ": " + hint(q) + "\n")
			continue
		}
		b.WriteString(q.ID + ": " + yamlValue(q, v) + "\n")
		answered = true
	}
	if !answered {
		// Nothing answered yet: still a valid (empty) answers file.
		b.WriteString("\n{}\n")
	}
	return []byte(b.String())
}

func yamlValue(q *questionnaire.Question, v Value) string {
	switch {
	case v.Yes != nil:
		return strconv.FormatBool(*v.Yes)
	case v.Number != nil:
		return strconv.Itoa(*v.Number)
	case q.Kind == questionnaire.One && len(v.Options) == 1:
		return quoteID(v.Options[0])
	}
	ids := make([]string, len(v.Options))
	for i, id := range v.Options {
		ids[i] = quoteID(id)
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

// quoteID quotes ids YAML could read as something else (2_to_4h, no).
func quoteID(id string) string {
	if id == "" || (id[0] >= '0' && id[0] <= '9') || id == "no" || id == "yes" || id == "none" {
		return strconv.Quote(id)
	}
	return id
}

func hint(q *questionnaire.Question) string {
	switch q.Kind {
	case questionnaire.YesNo:
		return "true or false"
	case questionnaire.Number:
		return strconv.Itoa(q.Min) + " to " + strconv.Itoa(q.Max)
	case questionnaire.One:
		return "one of " + strings.Join(q.OptionIDs(), ", ")
	}
	return "[any of " + strings.Join(q.OptionIDs(), ", ") + "]"
}

// JSONValue is the answer as it appears in JSON: a string for one, a list
// for many, a number, or a boolean.
func JSONValue(q *questionnaire.Question, v Value) any {
	switch {
	case v.Yes != nil:
		return *v.Yes
	case v.Number != nil:
		return *v.Number
	case q.Kind == questionnaire.One && len(v.Options) == 1:
		return v.Options[0]
	}
	return v.Options
}
