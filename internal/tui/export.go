package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/triage"
)

// exportDialog asks in which format and where to save the summary. It is
// kept between openings: the format and name chosen stay.
type exportDialog struct {
	m      *Model
	as     *triage.Assessment
	file   *fileField
	format int // index in formats
	onPath bool
	// offered is the default name last put in the field.
	offered string
}

var formats = report.Formats()

var exportKeys = struct {
	Save, Switch, Format, Pick, Cancel, Quit key.Binding
}{
	Save:   bind("enter", "save", "enter"),
	Switch: bind("tab", "format / file", "tab", "shift+tab", "up", "down"),
	Format: bind("←/→", "format (on the format row)", "left", "right", "h", "l", "space"),
	Pick:   bind("1-3", "format by number", "1", "2", "3"),
	Cancel: bind("esc", "cancel", "esc"),
	Quit:   bind("ctrl+c", "quit", "ctrl+c"),
}

// openExport opens the export dialog for an assessment.
func (m *Model) openExport(as *triage.Assessment) tea.Cmd {
	d := m.exp
	if d == nil {
		d = &exportDialog{m: m}
		for i, f := range formats {
			if f == m.sess.OutputFormat {
				d.format = i
			}
		}
		d.file = newFileField(m, "")
		m.exp = d
	}
	if d.file.value() == "" || d.file.value() == d.offered {
		// A default the person has not changed is offered afresh, free
		// each time: a second export never offers the first one's name.
		d.offerDefault()
	}
	d.as = as
	d.onPath = true
	d.file.confirm, d.file.err = nil, ""
	d.file.restyle()
	m.openDialog(d)
	return d.file.focus()
}

func (d *exportDialog) helpKeys() keyMap {
	k := exportKeys
	if d.file.confirm != nil {
		return keyMap{short: []key.Binding{fileKeys.Yes, fileKeys.No}, full: [][]key.Binding{{fileKeys.Yes, fileKeys.No, fileKeys.Toggle, k.Quit}}}
	}
	return keyMap{
		short: []key.Binding{k.Save, k.Switch, k.Format, k.Cancel},
		full:  [][]key.Binding{{k.Save, k.Switch, k.Format, k.Pick, k.Cancel, k.Quit}},
	}
}

func (d *exportDialog) resize() { d.file.restyle() }

func (d *exportDialog) update(msg tea.Msg) tea.Cmd {
	km, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return d.file.inputUpdate(msg)
	}
	k := keyName(km)
	ks := exportKeys
	if on(k, ks.Quit) {
		return tea.Quit
	}
	if d.file.confirm == nil {
		switch {
		case on(k, ks.Cancel):
			d.m.closeDialog()
			return nil
		case on(k, ks.Switch):
			d.onPath = !d.onPath
			if d.onPath {
				return d.file.focus()
			}
			d.file.blur()
			return nil
		case !d.onPath:
			switch {
			case on(k, ks.Save):
				d.onPath = true
			case k == "left" || k == "h":
				d.setFormat((d.format + len(formats) - 1) % len(formats))
			case on(k, ks.Format):
				d.setFormat((d.format + 1) % len(formats))
			case on(k, ks.Pick):
				d.setFormat(int(k[0] - '1'))
			}
			if k != "enter" {
				return nil
			}
		}
	}
	cmd, saved := d.file.update(msg, k, d.save)
	if saved {
		d.m.closeDialog()
	}
	return cmd
}

// setFormat changes the format and the file's extension with it.
func (d *exportDialog) setFormat(i int) {
	d.format = i
	if d.file.value() == d.offered {
		d.offerDefault()
		return
	}
	d.file.setName(formats[i].SwapExt(d.file.name))
}

// offerDefault puts the default name for the format in the field: the
// date's, or its first free -2, -3 … .
func (d *exportDialog) offerDefault() {
	d.offered = export.FreeName(report.DefaultFileName(d.m.sess.Now, formats[d.format]))
	d.file.setName(d.offered)
}

func (d *exportDialog) save(force bool) (string, error) {
	m := d.m
	abs, err := m.sess.SaveSummary(d.file.value(), formats[d.format], d.as, force)
	if err != nil {
		return "", err
	}
	m.setStatus("Saved the summary to "+abs, false)
	m.note("Saved the summary to " + abs)
	return abs, nil
}

func (d *exportDialog) view() string {
	m := d.m
	st := m.st
	w := m.dialogWidth()
	var b strings.Builder
	b.WriteString(st.title.Render("Export the summary") + "\n\n")
	label := st.text.Bold(true)
	if !d.onPath {
		label = st.key
	}
	b.WriteString(label.Render("Format ") + " ")
	for i, f := range formats {
		mark, ls := st.radioOff, st.text
		if i == d.format {
			mark, ls = st.radioOn, st.selected
		}
		b.WriteString(mark + ls.Render(f.Label()) + "  ")
	}
	b.WriteString("\n")
	label = st.text.Bold(true)
	if d.onPath {
		label = st.key
	}
	d.file.view(&b, label.Render("File"), w-4)
	b.WriteString(m.footerIn(d.helpKeys().short, w-4))
	return st.box.Width(w).Render(strings.TrimSuffix(b.String(), "\n"))
}
