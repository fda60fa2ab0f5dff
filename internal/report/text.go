package report

import (
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/words"
)

func renderText(d document) string { return renderTextAs(d, false) }

// renderTextAs renders the text summary; spoken leaves out the capitals and
// the ===== and ----- underlines, which a screen reader reads out.
func renderTextAs(d document, spoken bool) string {
	var b strings.Builder
	if spoken {
		b.WriteString(words.Capitalize(d.title) + ".\n")
	} else {
		b.WriteString(strings.ToUpper(d.title) + "\n")
		b.WriteString(strings.Repeat("=", len(d.title)) + "\n")
	}
	b.WriteString("Date: " + d.date + "\n")
	for _, s := range d.sections {
		b.WriteString("\n")
		if s.heading != "" && spoken {
			b.WriteString(s.heading + ":\n")
		} else if s.heading != "" {
			b.WriteString(strings.ToUpper(s.heading) + "\n")
			b.WriteString(strings.Repeat("-", len(s.heading)) + "\n")
		}
		for i, bl := range s.blocks {
			if i > 0 {
				b.WriteString("\n")
			}
			writeTextBlock(&b, bl)
		}
	}
	return b.String()
}

func writeTextBlock(b *strings.Builder, bl block) {
	switch bl.kind {
	case para:
		b.WriteString(wrap(bl.text, "", ""))
	case quote:
		b.WriteString(wrap(bl.text, "  > ", "  > "))
	case label:
		b.WriteString(bl.text + ":\n")
	case numbered, bullets:
		for i, it := range bl.items {
			marker := "- "
			if bl.kind == numbered {
				marker = fmt.Sprintf("%d. ", i+1)
			}
			indent := strings.Repeat(" ", len(marker))
			b.WriteString(wrap(it.text, marker, indent))
			for _, d := range it.detail {
				b.WriteString(wrap(d, indent+"  ", indent+"  "+hanging(d)))
			}
			if len(it.detail) > 0 && i < len(bl.items)-1 {
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
