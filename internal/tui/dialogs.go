package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/tui/flow"
)

// exportDialog asks where and in which format to save the summary.
type exportDialog struct {
	fileField
	format int // index in report.Formats()
	onPath bool
}

// quitDialog offers to save the answers so far before quitting.
type quitDialog struct {
	fileField
	stay bool // saving from the results: save and stay, don't quit
}

// fileField is a file-name input that asks before replacing a file.
type fileField struct {
	input   textinput.Model
	confirm bool // asking whether to replace an existing file
	err     string
	inited  bool
}

// confirmKey handles a key while asking whether to replace the file: y
// saves over it, n or esc goes back to the name. It reports whether it
// took the key.
func (f *fileField) confirmKey(k string, save func(force bool) tea.Cmd) (tea.Cmd, bool) {
	if !f.confirm {
		return nil, false
	}
	switch k {
	case "y", "Y":
		return save(true), true
	case "n", "N", "esc":
		f.confirm = false
		f.err = "Choose another name, or press enter and y to replace it."
	}
	return nil, true
}

func inputStyles(st *styles) textinput.Styles {
	s := textinput.DefaultStyles(st.dark)
	s.Focused.Prompt = st.key
	s.Blurred.Prompt = st.muted
	s.Focused.Text = lipgloss.NewStyle()
	s.Cursor.Blink = false
	return s
}

func (m *Model) newInput(value string) textinput.Model {
	in := textinput.New()
	in.Prompt = "› "
	in.SetStyles(inputStyles(m.st))
	in.SetWidth(m.dialogInputWidth())
	in.CharLimit = 4096
	in.SetValue(value)
	in.CursorEnd()
	return in
}

func (m *Model) dialogWidth() int { return max(30, min(m.contentWidth()-4, 72)) }

func (m *Model) dialogInputWidth() int { return max(10, m.dialogWidth()-8) }

func (m *Model) openExport() tea.Cmd {
	if !m.exp.inited {
		m.exp.format = 0
		if m.o.OutputFormat != "" {
			for i, f := range report.Formats() {
				if f == m.o.OutputFormat {
					m.exp.format = i
				}
			}
		}
		m.exp.input = m.newInput(report.DefaultFileName(m.o.Now, report.Formats()[m.exp.format]))
		m.exp.inited = true
	}
	m.exp.onPath = true
	m.exp.confirm = false
	m.exp.err = ""
	m.dialog = dlgExport
	return m.exp.input.Focus()
}

func (m *Model) exportKey(msg tea.KeyPressMsg, k string) tea.Cmd {
	d := &m.exp
	if k == "ctrl+c" {
		return tea.Quit
	}
	if cmd, took := d.confirmKey(k, m.saveSummary); took {
		return cmd
	}
	switch k {
	case "esc":
		m.dialog = dlgNone
		return nil
	case "tab", "shift+tab", "up", "down":
		d.onPath = !d.onPath
		if d.onPath {
			return d.input.Focus()
		}
		d.input.Blur()
		return nil
	case "enter":
		return m.saveSummary(false)
	}
	if !d.onPath {
		switch k {
		case "left", "h":
			m.setExportFormat((d.format + len(report.Formats()) - 1) % len(report.Formats()))
		case "right", "l", "space":
			m.setExportFormat((d.format + 1) % len(report.Formats()))
		case "1", "2", "3":
			m.setExportFormat(int(k[0] - '1'))
		}
		return nil
	}
	d.err = ""
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	return cmd
}

// setExportFormat changes the format and the file's extension with it.
func (m *Model) setExportFormat(i int) {
	d := &m.exp
	d.format = i
	d.input.SetValue(flow.SwapExt(d.input.Value(), report.Formats()[i]))
	d.input.CursorEnd()
}

func (m *Model) saveSummary(force bool) tea.Cmd {
	d := &m.exp
	path := strings.TrimSpace(d.input.Value())
	if err := flow.CheckName(path); err != nil {
		d.confirm = false
		d.err = "Could not save: " + err.Error() + "."
		d.onPath = true
		return d.input.Focus()
	}
	abs, err := flow.SaveSummary(path, report.Formats()[d.format], m.as, m.meta(), force)
	switch {
	case errors.Is(err, export.ErrExists):
		d.confirm = true
		d.err = ""
		return nil
	case err != nil:
		// Nothing is lost: the dialog stays, with the reason, for another try.
		d.confirm = false
		d.err = "Could not save: " + err.Error()
		d.onPath = true
		return d.input.Focus()
	}
	m.dialog = dlgNone
	m.status, m.statusErr = "Saved the summary to "+abs, false
	m.note("Saved the summary to " + abs)
	m.footer = ""
	m.buildResults()
	return nil
}

func (m *Model) exportView() string {
	st := m.st
	d := &m.exp
	w := m.dialogWidth()
	var b strings.Builder
	b.WriteString(st.title.Render("Export the summary") + "\n\n")
	label := st.text.Bold(true)
	if !d.onPath {
		label = st.key
	}
	b.WriteString(label.Render("Format ") + " ")
	for i, f := range report.Formats() {
		mark := st.radioOff
		ls := st.text
		if i == d.format {
			mark = st.radioOn
			ls = st.selected
		}
		b.WriteString(mark + ls.Render(flow.FormatLabel(f)) + "  ")
	}
	b.WriteString("\n")
	label = st.text.Bold(true)
	if d.onPath {
		label = st.key
	}
	b.WriteString(label.Render("File") + "\n")
	b.WriteString(d.input.View() + "\n")
	b.WriteString(st.muted.Render(truncate("in "+flow.Abs("."), w-4)) + "\n\n")
	if d.confirm {
		for _, l := range wrap(flow.Shown(d.input.Value())+" already exists. Replace it? (y/n)", w-4) {
			b.WriteString(st.err.Render(l) + "\n")
		}
	} else if d.err != "" {
		for _, l := range wrap(d.err, w-4) {
			b.WriteString(st.err.Render(l) + "\n")
		}
		b.WriteString("\n")
	}
	if !d.confirm {
		help := "enter save · tab format/file · ←/→ format · esc cancel"
		for _, l := range wrap(help, w-4) {
			b.WriteString(st.muted.Render(l) + "\n")
		}
	}
	return st.box.Width(w).Render(strings.TrimSuffix(b.String(), "\n"))
}

// ---- Quit ----

func (m *Model) openQuit() {
	if !m.quit.inited {
		m.quit.input = m.newInput(flow.DefaultAnswersName(m.o.Now))
		m.quit.inited = true
	}
	m.quit.confirm = false
	m.quit.err = ""
	m.dialog = dlgQuit
}

func (m *Model) quitKey(msg tea.KeyPressMsg, k string) tea.Cmd {
	d := &m.quit
	if k == "ctrl+c" {
		return tea.Quit // a second ctrl+c quits without saving
	}
	if d.stay && k == "esc" {
		d.stay = false
	}
	if cmd, took := d.confirmKey(k, m.saveAnswers); took {
		return cmd
	}
	switch k {
	case "esc":
		m.dialog = dlgNone
		return nil
	case "enter":
		return m.saveAnswers(false)
	}
	d.err = ""
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	return cmd
}

func (m *Model) saveAnswers(force bool) tea.Cmd {
	d := &m.quit
	if err := flow.CheckName(d.input.Value()); err != nil {
		d.confirm = false
		d.err = "Could not save: " + err.Error() + "."
		return d.input.Focus()
	}
	abs, err := flow.SaveAnswers(strings.TrimSpace(d.input.Value()), m.qn, m.a, m.o.Now, force)
	switch {
	case errors.Is(err, export.ErrExists):
		d.confirm = true
		return nil
	case err != nil:
		d.err = "Could not save: " + err.Error()
		return d.input.Focus()
	}
	m.note("Your answers are saved in " + abs)
	m.note("Go on or change them later with: backtriage --answers " + flow.QuoteArg(abs))
	if d.stay {
		d.stay = false
		m.dialog = dlgNone
		m.status, m.statusErr = "Saved your answers to "+abs, false
		m.buildResults()
		return nil
	}
	return tea.Quit
}

func (m *Model) quitView() string {
	st := m.st
	d := &m.quit
	w := m.dialogWidth()
	var b strings.Builder
	title, intro, help := "Quit backtriage?", "Save your answers so far to go on later with backtriage --answers FILE. They stay on this machine.",
		"enter save and quit · ctrl+c quit without saving · esc keep going"
	if d.stay {
		title, intro, help = "Save your answers", "Save your answers to reopen or change them later with backtriage --answers FILE. They stay on this machine.",
			"enter save · esc cancel"
	}
	b.WriteString(st.title.Render(title) + "\n\n")
	for _, l := range wrap(intro, w-4) {
		b.WriteString(st.text.Render(l) + "\n")
	}
	b.WriteString("\n" + st.key.Render("File") + "\n")
	b.WriteString(d.input.View() + "\n")
	b.WriteString(st.muted.Render(truncate("in "+flow.Abs("."), w-4)) + "\n\n")
	if d.confirm {
		for _, l := range wrap(flow.Shown(d.input.Value())+" already exists. Replace it? (y/n)", w-4) {
			b.WriteString(st.err.Render(l) + "\n")
		}
	} else {
		if d.err != "" {
			for _, l := range wrap(d.err, w-4) {
				b.WriteString(st.err.Render(l) + "\n")
			}
			b.WriteString("\n")
		}
		for _, l := range wrap(help, w-4) {
			b.WriteString(st.muted.Render(l) + "\n")
		}
	}
	return st.box.Width(w).Render(strings.TrimSuffix(b.String(), "\n"))
}

func (m *Model) updateInput(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.dialog {
	case dlgExport:
		m.exp.input, cmd = m.exp.input.Update(msg)
	case dlgQuit:
		m.quit.input, cmd = m.quit.input.Update(msg)
	}
	return cmd
}
