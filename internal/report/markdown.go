package report

import (
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
)

func renderMarkdown(d document) string {
	var b strings.Builder
	b.WriteString("# " + d.title + "\n\n")
	b.WriteString("Date: " + d.date + "\n")
	for _, s := range d.sections {
		b.WriteString("\n")
		if s.heading != "" {
			b.WriteString("## " + s.heading + "\n\n")
		}
		for i, bl := range s.blocks {
			if i > 0 {
				b.WriteString("\n")
			}
			switch bl.kind {
			case para:
				b.WriteString(mdEscape(bl.text) + "\n")
			case quote:
				b.WriteString("> " + mdEscape(bl.text) + "\n")
			case label:
				b.WriteString("### " + mdEscape(bl.text) + "\n")
			case numbered, bullets:
				for j, it := range bl.items {
					marker := "- "
					if bl.kind == numbered {
						marker = fmt.Sprintf("%d. ", j+1)
					}
					b.WriteString(marker + mdEscape(it.text) + "\n")
					indent := strings.Repeat(" ", len(marker))
					for _, dl := range it.detail {
						b.WriteString(indent + "- " + mdEscape(dl) + "\n")
					}
				}
			}
		}
	}
	return b.String()
}

// mdEscape keeps rule text from turning into Markdown markup by accident,
// on one line and without a control character (textwrap.Safe).
func mdEscape(s string) string {
	return mdMarkup.Replace(strings.Join(strings.Fields(textwrap.Safe(s)), " "))
}

// mdMarkup is built once: a Replacer is costly to build and safe to share.
var mdMarkup = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", "[", `\[`, "]", `\]`)
