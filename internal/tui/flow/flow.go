// Package flow is the questionnaire logic shared by the terminal UI and the
// accessible prompts: which questions a page shows, what must be answered
// before going on, how choices combine, and how summaries and answers are
// saved. Both front ends call it, so they ask the same questions, with the
// same follow-ups, and reach the same results.
package flow

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/triage"
)

// Session is the session's options (moving to internal/session).
type Session = session.Options

// Visible lists the questions of a page that apply to the answers so far,
// in order: follow-ups appear once their parent is answered to match.
func Visible(qn *questionnaire.Questionnaire, a answers.Answers, p *questionnaire.Page) []*questionnaire.Question {
	return AppendVisible(nil, qn, a, p)
}

// AppendVisible is Visible appending to dst, to reuse a slice.
func AppendVisible(dst []*questionnaire.Question, qn *questionnaire.Questionnaire, a answers.Answers, p *questionnaire.Page) []*questionnaire.Question {
	for _, q := range p.Questions {
		if answers.Applies(qn, a, q) {
			dst = append(dst, q)
		}
	}
	return dst
}

// Required reports whether a question must be answered before going on.
// The warning signs are: self-care advice is only safe once they are known.
func Required(q *questionnaire.Question) bool { return q.Warning }

// Missing lists the required questions of a page that apply and are not
// answered yet.
func Missing(qn *questionnaire.Questionnaire, a answers.Answers, p *questionnaire.Page) []*questionnaire.Question {
	var out []*questionnaire.Question
	for _, q := range p.Questions {
		if Required(q) && answers.Applies(qn, a, q) && !a.Answered(q.ID) {
			out = append(out, q)
		}
	}
	return out
}

// MissingMessage says what to do about a required question left empty.
func MissingMessage(q *questionnaire.Question) string {
	switch q.Kind {
	case questionnaire.Number:
		return fmt.Sprintf("Please answer: a whole number from %d to %d.", q.Min, q.Max)
	case questionnaire.Many:
		for _, o := range q.Options {
			if o.Exclusive {
				return fmt.Sprintf("Please answer: choose %q if none apply.", o.Label)
			}
		}
	}
	return "Please answer this question before going on."
}

// PageIndex is the position of a page by id, or -1.
func PageIndex(qn *questionnaire.Questionnaire, id string) int {
	for i, p := range qn.Pages {
		if p.ID == id {
			return i
		}
	}
	return -1
}

// FirstUnfinished is the first page with a question that applies and is not
// answered, where a person reopening saved answers picks up; -1 when every
// question that applies is answered.
func FirstUnfinished(qn *questionnaire.Questionnaire, a answers.Answers) int {
	for i, p := range qn.Pages {
		for _, q := range p.Questions {
			if answers.Applies(qn, a, q) && !a.Answered(q.ID) {
				return i
			}
		}
	}
	return -1
}

// Toggle flips an option of a many question. An exclusive option ("None of
// these") clears the others, and any other option clears the exclusive ones.
// The value is copied, never changed in place.
func Toggle(q *questionnaire.Question, v answers.Value, id string) answers.Value {
	if i := slices.Index(v.Options, id); i >= 0 {
		out := make([]string, 0, len(v.Options)-1)
		out = append(out, v.Options[:i]...)
		out = append(out, v.Options[i+1:]...)
		return answers.Value{Options: out}
	}
	o, _ := q.Option(id)
	if o.Exclusive {
		return answers.Choices(id)
	}
	out := make([]string, 0, len(v.Options)+1)
	for _, old := range v.Options {
		if oo, _ := q.Option(old); !oo.Exclusive {
			out = append(out, old)
		}
	}
	out = append(out, id)
	// Keep the questionnaire's order, so summaries read the same way.
	slices.SortFunc(out, func(a, b string) int { return optionIndex(q, a) - optionIndex(q, b) })
	return answers.Value{Options: out}
}

// optionIndex orders options as the questionnaire does, unknown ones last.
func optionIndex(q *questionnaire.Question, id string) int {
	if i := q.OptionIndex(id); i >= 0 {
		return i
	}
	return len(q.Options)
}

// Choices are the options offered for a one, many or yes/no question.
func Choices(q *questionnaire.Question) []questionnaire.Option { return q.Choices() }

// Choose is the answer for picking option id of a one or yes/no question.
func Choose(q *questionnaire.Question, id string) answers.Value {
	if q.Kind == questionnaire.YesNo {
		return answers.Bool(id == "yes")
	}
	return answers.Choice(id)
}

// ParseNumber reads a number answer, with a message fit to show when it is
// not one.
func ParseNumber(q *questionnaire.Question, s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number; enter one from %d to %d", s, q.Min, q.Max)
	}
	if n < q.Min || n > q.Max {
		return 0, fmt.Errorf("%d is out of range; enter a number from %d to %d", n, q.Min, q.Max)
	}
	return n, nil
}

// Emergency reports whether the answers already show an emergency sign, so
// the questionnaire stops and says what to do now.
func Emergency(eng *triage.Engine, a answers.Answers) bool {
	return eng.Assess(a).Level == rules.Emergency
}

// Stop is the level at which the questionnaire stops at once to say what to
// do, or SelfCare when it goes on. An emergency stops it for good; an urgent
// sign stops it once (acked is the level already shown and acknowledged),
// after which the person may finish the questions for the summary.
func Stop(eng *triage.Engine, a answers.Answers, acked rules.Level) rules.Level {
	l := eng.Assess(a).Level
	if l == rules.Emergency || l == rules.Urgent && acked < rules.Urgent {
		return l
	}
	return rules.SelfCare
}

// FormatFor picks the export format from a file name's extension: .md and
// .markdown are Markdown, .json is JSON, anything else text.
func FormatFor(path string) report.Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return report.Markdown
	case ".json":
		return report.JSON
	}
	return report.Text
}

// SwapExt gives path the format's extension when it ends in another format's
// (so switching the format in the export dialog renames the default file).
func SwapExt(path string, f report.Format) string {
	ext := filepath.Ext(path)
	for _, g := range report.Formats() {
		if strings.EqualFold(ext, g.Ext()) {
			return strings.TrimSuffix(path, ext) + f.Ext()
		}
	}
	if ext == "" {
		return path + f.Ext()
	}
	return path
}

// FormatLabel names a format for people.
func FormatLabel(f report.Format) string {
	switch f {
	case report.Markdown:
		return "Markdown"
	case report.JSON:
		return "JSON"
	}
	return "Text"
}

// ExpandHome turns a leading ~/ into the home directory, as a shell would.
func ExpandHome(path string) string {
	path = strings.TrimSpace(path)
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, err := userHome(); err == nil {
			return filepath.Join(home, path[1:])
		}
	}
	return path
}

// Abs shows where a file went; the name as given if that fails.
func Abs(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

// SaveSummary renders the assessment and writes it to path. It returns the
// absolute path written. An existing file is replaced only with force; the
// error then wraps export.ErrExists.
func SaveSummary(path string, f report.Format, as *triage.Assessment, meta report.Meta, force bool) (string, error) {
	path = ExpandHome(path)
	if path == "" {
		return "", errors.New("give a file name")
	}
	data, err := report.Render(f, as, meta)
	if err != nil {
		return "", err
	}
	if err := export.WriteFile(path, data, force); err != nil {
		return "", err
	}
	return Abs(path), nil
}

// DefaultAnswersName is the suggested file for saving answers to reopen.
func DefaultAnswersName(date time.Time) string {
	return "backtriage-answers-" + date.Format("2006-01-02") + ".yaml"
}

// SaveAnswers writes the answers so far as an answers file that
// `backtriage --answers FILE` reopens. Answers to follow-ups that no longer
// apply are left out.
func SaveAnswers(path string, qn *questionnaire.Questionnaire, a answers.Answers, now time.Time, force bool) (string, error) {
	path = ExpandHome(path)
	if path == "" {
		return "", errors.New("give a file name")
	}
	abs := Abs(path)
	data := answers.Marshal(qn, answers.Prune(qn, a),
		"backtriage answers, saved "+now.Format("2006-01-02 15:04"),
		"Reopen them to go on or change them: backtriage --answers "+QuoteArg(abs),
	)
	if err := export.WriteFile(path, data, force); err != nil {
		return "", err
	}
	return abs, nil
}

// QuoteArg quotes a path for a shell when it needs it.
func QuoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var userHome = os.UserHomeDir
