package report

import (
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// Text draws the document as plain text for people; spoken is the form a
// screen reader reads (headings ending in a colon, no underlines). Nothing
// from data reaches a terminal as a control.
func (d Document) Text(spoken bool) []byte {
	return []byte(textwrap.SafeLines(renderTextAs(d, spoken)))
}

// Markdown draws the document as Markdown, for a file to keep or hand
// over. A Document has no JSON form: an assessment's JSON (a contract) is
// Render's, from the assessment itself.
func (d Document) Markdown() []byte {
	return []byte(textwrap.SafeLines(renderMarkdown(d)))
}

// Body draws sections alone, with no title or date, as spoken text does
// (headings ending in a colon, no underlines): a block shown at once
// within other output, such as a check-in's warning sign.
func Body(secs ...Section) string {
	var b strings.Builder
	for i, s := range secs {
		if i > 0 {
			b.WriteString("\n")
		}
		writeSection(&b, s, true)
	}
	return textwrap.SafeLines(b.String())
}

// Paras is one paragraph a text.
func Paras(texts ...string) []Block {
	out := make([]Block, len(texts))
	for i, s := range texts {
		out[i] = Block{Kind: Para, Text: s}
	}
	return out
}

// Lines is every text of the section a renderer must show, in order: its
// heading, each paragraph, item and line of detail (not a preformatted
// block, which a screen may fit to its width). Tests compare renderers by it.
func (s Section) Lines() []string {
	var out []string
	if s.Heading != "" {
		out = append(out, s.Heading)
	}
	for _, bl := range s.Blocks {
		if bl.Text != "" && bl.Kind != Preformatted {
			out = append(out, bl.Text)
		}
		for _, it := range bl.Items {
			out = append(out, it.Text)
			for _, d := range it.Detail {
				out = append(out, d.Text)
			}
		}
	}
	return out
}

// Quoted is a person's own text (a check-in's note) as lines of detail,
// each non-blank line quoted with "> ": a line break in it cannot start a
// line that passes for a heading or a line of ours.
func Quoted(text string, tone Tone) []Line {
	var out []Line
	for _, l := range strings.Split(textwrap.SafeLines(text), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, Line{Text: "> " + l, Tone: tone})
		}
	}
	return out
}
