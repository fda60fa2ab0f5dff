package report

import (
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/words"
)

func renderText(d Document) string { return renderTextAs(d, false) }

// renderTextAs renders the text summary; spoken leaves out the capitals and
// the ===== and ----- underlines, which a screen reader reads out.
func renderTextAs(d Document, spoken bool) string {
	var b strings.Builder
	if spoken {
		b.WriteString(words.Capitalize(d.Title) + ".\n")
	} else {
		b.WriteString(strings.ToUpper(d.Title) + "\n")
		b.WriteString(strings.Repeat("=", len(d.Title)) + "\n")
	}
	if d.Date != "" {
		b.WriteString("Date: " + d.Date + "\n")
	}
	for _, s := range d.Sections {
		b.WriteString("\n")
		writeSection(&b, s, spoken)
	}
	return b.String()
}

// writeSection is a section's heading (capitals and an underline, or, when
// spoken, a colon) and its blocks.
func writeSection(b *strings.Builder, s Section, spoken bool) {
	if s.Heading != "" && spoken {
		b.WriteString(s.Heading + ":\n")
	} else if s.Heading != "" {
		b.WriteString(strings.ToUpper(s.Heading) + "\n")
		b.WriteString(strings.Repeat("-", len(s.Heading)) + "\n")
	}
	for i, bl := range s.Blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		writeTextBlock(b, bl)
	}
}

func writeTextBlock(b *strings.Builder, bl Block) {
	switch bl.Kind {
	case Para:
		b.WriteString(wrap(bl.Text, "", ""))
	case QuoteBlock:
		b.WriteString(wrap(bl.Text, "  > ", "  > "))
	case LabelBlock:
		b.WriteString(bl.Text + ":\n")
	case Preformatted:
		b.WriteString(strings.TrimRight(bl.Text, "\n") + "\n")
	case Numbered, Bullets:
		for i, it := range bl.Items {
			marker := "- "
			if bl.Kind == Numbered {
				marker = fmt.Sprintf("%d. ", i+1)
			}
			indent := strings.Repeat(" ", len(marker))
			b.WriteString(wrap(it.Text, marker, indent))
			for _, d := range it.Detail {
				b.WriteString(wrap(d.Text, indent+"  ", indent+"  "+hanging(d.Text)))
			}
			if len(it.Detail) > 0 && i < len(bl.Items)-1 {
				b.WriteString("\n")
			}
		}
	}
}

// hanging indents the wrapped lines of a numbered instruction ("2. Put a
// pillow...") under its text rather than under its number.
func hanging(line string) string {
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(line) && line[i] == '.' && line[i+1] == ' ' {
		return strings.Repeat(" ", i+2)
	}
	return ""
}

// wrap word-wraps text to Width at spaces only, starting with first and
// indenting the following lines with rest. A word longer than the line, in
// practice a web address, is kept whole on a line of its own: a link split
// across lines no longer works when copied or clicked.
func wrap(text, first, rest string) string {
	text = strings.Join(strings.Fields(textwrap.Safe(text)), " ")
	w := Width - len(rest)
	lines := textwrap.Words(text, w)
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(rest)
		}
		b.WriteString(strings.TrimRight(l, " "))
		b.WriteString("\n")
	}
	return b.String()
}
