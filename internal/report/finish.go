package report

import "strings"

// finish prepares a built document for people: the local emergency number
// next to "your local emergency number" and the date with the time and its
// UTC offset. It runs on the document, before wrapping, so a phrase it
// changes is never split across lines. The JSON is not touched.
func finish(d Document, m Meta) Document {
	d.Date = DateTime(m)
	fix := m.Emergency.Annotate
	secs := make([]Section, len(d.Sections))
	for i, s := range d.Sections {
		s.Heading = fix(s.Heading)
		blocks := make([]Block, len(s.Blocks))
		for j, bl := range s.Blocks {
			bl.Text = fix(bl.Text)
			items := make([]Item, len(bl.Items))
			for k, it := range bl.Items {
				it.Text = fix(it.Text)
				detail := make([]Line, len(it.Detail))
				for l, dl := range it.Detail {
					detail[l] = Line{Text: fix(dl.Text), Tone: dl.Tone}
				}
				it.Detail = detail
				items[k] = it
			}
			bl.Items = items
			blocks[j] = bl
		}
		s.Blocks = blocks
		secs[i] = s
	}
	d.Sections = secs
	for i, s := range d.Sections {
		if s.ID != SecNow {
			continue
		}
		for _, bl := range s.Blocks {
			if strings.Contains(bl.Text, "emergency") {
				// The number to call: the local one, or every one.
				d.Sections[i].Blocks = append(d.Sections[i].Blocks, Block{Kind: Para, Text: m.Emergency.Line()})
				break
			}
		}
	}
	return d
}

// DateTime is the summary's date: day, time and UTC offset, so a doctor
// reading it later knows when the answers were given.
func DateTime(m Meta) string { return m.Date.Format("2006-01-02 15:04 (UTC-07:00)") }
