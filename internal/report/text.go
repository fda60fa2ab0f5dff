package report

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

func renderText(d document) string {
	var b strings.Builder
	b.WriteString(strings.ToUpper(d.title) + "\n")
	b.WriteString(strings.Repeat("=", len(d.title)) + "\n")
	b.WriteString("Date: " + d.date + "\n")
	for _, s := range d.sections {
		b.WriteString("\n")
		if s.heading != "" {
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

// wrap word-wraps text to Width (breaking only words longer than a line, such
// as addresses), starting with first and indenting the
// following lines with rest.
func wrap(text, first, rest string) string {
	text = strings.Join(strings.Fields(text), " ")
	w := Width - len(rest)
	lines := strings.Split(ansi.Wrap(text, w, ""), "\n")
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
