package report

import "strings"

// finish prepares a built document for people: the local emergency number
// next to "your local emergency number" and the date with the time and its
// UTC offset. It runs on the document, before wrapping, so a phrase it
// changes is never split across lines. The JSON is not touched.
func finish(d document, m Meta) document {
	d.date = DateTime(m)
	fix := m.Emergency.Annotate
	secs := make([]section, len(d.sections))
	for i, s := range d.sections {
		s.heading = fix(s.heading)
		blocks := make([]block, len(s.blocks))
		for j, bl := range s.blocks {
			bl.text = fix(bl.text)
			items := make([]item, len(bl.items))
			for k, it := range bl.items {
				it.text = fix(it.text)
				detail := make([]string, len(it.detail))
				for l, dl := range it.detail {
					detail[l] = fix(dl)
				}
				it.detail = detail
				items[k] = it
			}
			bl.items = items
			blocks[j] = bl
		}
		s.blocks = blocks
		secs[i] = s
	}
	d.sections = secs
	for i, s := range d.sections {
		if s.heading != "What to do now" {
			continue
		}
		for _, bl := range s.blocks {
			if strings.Contains(bl.text, "emergency") {
				// The number to call: the local one, or every one.
				d.sections[i].blocks = append(d.sections[i].blocks, block{kind: para, text: m.Emergency.Line()})
				break
			}
		}
	}
	return d
}

// DateTime is the summary's date: day, time and UTC offset, so a doctor
// reading it later knows when the answers were given.
func DateTime(m Meta) string { return m.Date.Format("2006-01-02 15:04 (UTC-07:00)") }
