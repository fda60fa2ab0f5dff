package report

import (
	"fmt"
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
)

func renderMarkdown(d Document) string {
	var b strings.Builder
	b.WriteString("# " + d.Title + "\n\n")
	if d.Date != "" {
		b.WriteString("Date: " + d.Date + "\n")
	}
	for _, s := range d.Sections {
		b.WriteString("\n")
		if s.Heading != "" {
			b.WriteString("## " + s.Heading + "\n\n")
		}
		for i, bl := range s.Blocks {
			if i > 0 {
				b.WriteString("\n")
			}
			switch bl.Kind {
			case Para:
				b.WriteString(mdEscape(bl.Text) + "\n")
			case QuoteBlock:
				b.WriteString("> " + mdEscape(bl.Text) + "\n")
			case LabelBlock:
				b.WriteString("### " + mdEscape(bl.Text) + "\n")
			case Preformatted:
				// An indented code block: nothing in it is markup.
				for _, l := range strings.Split(strings.TrimRight(bl.Text, "\n"), "\n") {
					b.WriteString("    " + l + "\n")
				}
			case Numbered, Bullets:
				for j, it := range bl.Items {
					marker := "- "
					if bl.Kind == Numbered {
						marker = fmt.Sprintf("%d. ", j+1)
					}
					b.WriteString(marker + mdEscape(it.Text) + "\n")
					indent := strings.Repeat(" ", len(marker))
					for _, dl := range it.Detail {
						b.WriteString(indent + "- " + mdEscape(dl.Text) + "\n")
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
