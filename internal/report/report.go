// Package report renders an assessment as a summary to keep or hand to a
// therapist or doctor: plain text, Markdown or JSON, with the same content in
// the same order. Warning signs always come before self-care.
package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/emergencynumber"
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
var Formats = []Format{Text, Markdown, JSON}

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
	Date    time.Time
	Version string
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
func RenderSpoken(as *triage.Assessment, m Meta) []byte {
	return []byte(renderTextAs(finish(build(as, m), m), true))
}

// Render renders the assessment in the format.
func Render(f Format, as *triage.Assessment, m Meta) ([]byte, error) {
	switch f {
	case Text:
		return []byte(renderText(finish(build(as, m), m))), nil
	case Markdown:
		return []byte(renderMarkdown(finish(build(as, m), m))), nil
	case JSON:
		return renderJSON(as, m)
	}
	return nil, fmt.Errorf("unknown format %q; valid: text, markdown, json", f)
}
