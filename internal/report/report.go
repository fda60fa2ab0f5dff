// Package report renders an assessment as a summary to keep or hand to a
// therapist or doctor: plain text, Markdown or JSON, with the same content in
// the same order. Warning signs always come before self-care.
package report

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// Format is an export format.
type Format string

const (
	Text     Format = "text"
	Markdown Format = "markdown"
	JSON     Format = "json"
)

// Formats lists the formats in the order offered.
func Formats() []Format { return []Format{Text, Markdown, JSON} }

// FormatFor picks the format from a file name's extension: .md and
// .markdown are Markdown, .json is JSON, anything else text.
func FormatFor(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return Markdown
	case ".json":
		return JSON
	}
	return Text
}

// Label names the format for people.
func (f Format) Label() string {
	switch f {
	case Markdown:
		return "Markdown"
	case JSON:
		return "JSON"
	}
	return "Text"
}

// SwapExt gives path the format's extension when it ends in another
// format's, or has none (so switching the format in an export dialog
// renames the suggested file); any other extension is the person's choice
// and stays.
func (f Format) SwapExt(path string) string {
	ext := filepath.Ext(path)
	for _, g := range Formats() {
		if strings.EqualFold(ext, g.Ext()) {
			return strings.TrimSuffix(path, ext) + f.Ext()
		}
	}
	if ext == "" {
		return path + f.Ext()
	}
	return path
}

// ParseFormat reads a format name ("md" is accepted for Markdown).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "text", "txt", "":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	case "json":
		return JSON, nil
	}
	return "", fmt.Errorf("unknown format %q; valid: text, markdown, json", s)
}

// Ext is the file extension for the format.
func (f Format) Ext() string {
	switch f {
	case Markdown:
		return ".md"
	case JSON:
		return ".json"
	}
	return ".txt"
}

// Meta is what the summary needs besides the assessment. The date is passed
// in, never read from the clock here.
type Meta struct {
	// Questionnaire is the one the answers were given to: the summary lists
	// them in its order, with its words.
	Questionnaire *questionnaire.Questionnaire
	Date          time.Time
	Version       string
	// Emergency is the local emergency number, put next to "your local
	// emergency number" in the text and Markdown (the JSON keeps the
	// rule text as it is).
	Emergency emergencynumber.Local
	// Explain adds rule ids, scores and weights for rule authors.
	Explain bool
	// Trend, when the diary has check-ins, is how the pain went since the
	// last assessment ("pain 7 → 3 over 5 days; tennis ball on 4 of 5
	// days"), shown in the text and Markdown summaries.
	Trend string
}

// DefaultFileName is the suggested export name for a date and format.
func DefaultFileName(date time.Time, f Format) string {
	return "backtriage-summary-" + date.Format("2006-01-02") + f.Ext()
}

// Width is the column the text summary wraps at.
const Width = 78

// RenderSpoken is the text summary for the accessible mode, written to be
// read aloud: no underlines or capitals, headings ending in a colon, the
// sources last.
func RenderSpoken(as *triage.Assessment, m Meta) ([]byte, error) {
	if m.Questionnaire == nil {
		return nil, errNoQuestionnaire
	}
	return []byte(textwrap.SafeLines(renderTextAs(finish(build(as, m), m), true))), nil
}

// errNoQuestionnaire is a caller's mistake: Meta must name the
// questionnaire.
var errNoQuestionnaire = errors.New("report: Meta.Questionnaire is not set")

// Render renders the assessment in the format.
func Render(f Format, as *triage.Assessment, m Meta) ([]byte, error) {
	if m.Questionnaire == nil {
		return nil, errNoQuestionnaire
	}
	// The output boundary: the text of a rule table given with --rules, or
	// of the diary's trend, never reaches a terminal as a control.
	switch f {
	case Text:
		return []byte(textwrap.SafeLines(renderText(finish(build(as, m), m)))), nil
	case Markdown:
		return []byte(textwrap.SafeLines(renderMarkdown(finish(build(as, m), m)))), nil
	case JSON:
		return renderJSON(as, m)
	}
	return nil, fmt.Errorf("unknown format %q; valid: text, markdown, json", f)
}
