package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/userpath"
)

// fileField is the file-name part of the export and save dialogs: huh's
// Input, validated with userpath.CheckName, and huh's Confirm asking before
// an existing file is replaced (with the path as the person will find it).
type fileField struct {
	m       *Model
	name    string
	input   *huh.Input
	confirm *huh.Confirm // non-nil while asking whether to replace
	replace bool
	err     string
	// about, when set, says what would be lost by replacing the file at
	// a path (asked with the replace question).
	about func(path string) string
}

func newFileField(m *Model, name string) *fileField {
	f := &fileField{m: m, name: name}
	f.input = huh.NewInput().Prompt("› ").CharLimit(4096).Value(&f.name).
		Validate(func(s string) error {
			if err := userpath.CheckName(s); err != nil {
				return errors.New("Could not save: " + err.Error() + ".")
			}
			return nil
		})
	f.input.WithKeyMap(huh.NewDefaultKeyMap())
	f.input.WithPosition(huh.FieldPosition{GroupCount: 1}) // alone: enter submits
	f.restyle()
	return f
}

// restyle follows the terminal's size and the theme.
func (f *fileField) restyle() {
	f.input.WithTheme(f.m.huhTheme())
	f.input.WithWidth(f.m.dialogWidth() - 4)
	if f.confirm != nil {
		f.confirm.WithTheme(f.m.huhTheme())
		f.confirm.WithWidth(f.m.dialogWidth() - 4)
	}
}

// setName replaces the name, the cursor at its end.
func (f *fileField) setName(s string) {
	f.name = ""
	f.input.Value(&f.name)
	f.name = s
	f.input.Value(&f.name)
}

func (f *fileField) focus() tea.Cmd { return f.input.Focus() }
func (f *fileField) blur()          { f.input.Blur() }

// value is the name as typed, trimmed.
func (f *fileField) value() string { return strings.TrimSpace(f.name) }

// fileKeys are the replace question's keys (huh's Confirm takes them).
var fileKeys = struct{ Yes, No, Toggle key.Binding }{
	Yes:    bind("y", "replace it", "y", "Y"),
	No:     bind("n/esc", "choose another name", "n", "N", "esc"),
	Toggle: bind("←/→ enter", "choose, confirm", "left", "right", "h", "l", "enter"),
}

// type passes a key or other message to the input. On enter it validates
// and, when the name will do, calls save(false); a file that exists turns
// into the question whether to replace it.
func (f *fileField) update(msg tea.Msg, k string, save func(force bool) (string, error)) (tea.Cmd, bool) {
	if f.confirm != nil {
		return f.confirmKey(msg, k, save)
	}
	cmd := f.inputUpdate(msg)
	if k != "enter" {
		if k != "" {
			f.err = ""
		}
		return cmd, false
	}
	if err := f.input.Error(); err != nil {
		f.err = textwrap.Safe(err.Error())
		return f.focus(), false
	}
	return f.trySave(save, false)
}

func (f *fileField) inputUpdate(msg tea.Msg) tea.Cmd {
	_, cmd := f.input.Update(msg)
	return cmd
}

// trySave saves; done reports that the file was written.
func (f *fileField) trySave(save func(force bool) (string, error), force bool) (tea.Cmd, bool) {
	_, err := save(force)
	switch {
	case errors.Is(err, export.ErrExists):
		f.ask()
		return nil, false
	case err != nil:
		// Nothing is lost: the dialog stays, with the reason, for another try.
		f.confirm = nil
		f.err = "Could not save: " + textwrap.Safe(err.Error())
		return f.focus(), false
	}
	f.confirm, f.err = nil, ""
	return nil, true
}

// ask asks whether to replace the file, naming it as it really is (~
// expanded, made absolute).
func (f *fileField) ask() {
	f.replace = false
	d := questionnaire.Dialogs().Get(questionnaire.DialogReplaceFile).With(textwrap.Quote(userpath.Shown(f.value())))
	title := d.Intro
	if f.about != nil {
		if s := f.about(f.value()); s != "" {
			title += " " + s
		}
	}
	f.confirm = huh.NewConfirm().
		Title(title + " " + d.Prompt).
		Affirmative("Replace it").Negative("No").Value(&f.replace)
	f.confirm.WithKeyMap(huh.NewDefaultKeyMap())
	f.confirm.WithTheme(f.m.huhTheme())
	f.confirm.WithWidth(f.m.dialogWidth() - 4)
	f.confirm.Focus()
	f.input.Blur()
	f.err = ""
}

func (f *fileField) confirmKey(msg tea.Msg, k string, save func(force bool) (string, error)) (tea.Cmd, bool) {
	if on(k, fileKeys.No) && k == "esc" {
		f.declined()
		return f.focus(), false
	}
	f.confirm.Update(msg)
	switch {
	case on(k, fileKeys.Yes), k == "enter" && f.replace:
		return f.trySave(save, true)
	case on(k, fileKeys.No), k == "enter":
		f.declined()
		return f.focus(), false
	}
	return nil, false
}

func (f *fileField) declined() {
	f.confirm = nil
	f.err = "Choose another name, or press enter and y to replace it."
}

// view is the field: its label, the input, the folder it is in, and the
// question or the error.
func (f *fileField) view(b *strings.Builder, label string, w int) {
	st := f.m.st
	b.WriteString(label + "\n")
	b.WriteString(f.input.View() + "\n")
	para(b, st.muted, "in "+userpath.Abs("."), 0, w)
	b.WriteString("\n")
	if f.confirm != nil {
		b.WriteString(f.confirm.View() + "\n")
		return
	}
	if f.err != "" {
		para(b, st.err, f.err, 0, w)
		b.WriteString("\n")
	}
}

// huhTheme is huh's theme drawn with this flow's styles, so its fields
// look like the rest and keep the same contrast.
func (m *Model) huhTheme() huh.Theme {
	st := m.st
	if st.huh == nil {
		t := huh.ThemeBase(m.dark)
		for _, fs := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
			fs.Title = st.text.Bold(true)
			fs.Description = st.muted
			fs.ErrorMessage = st.err
			fs.ErrorIndicator = st.err.SetString(" *")
			fs.TextInput.Prompt = st.key
			fs.TextInput.Text = st.text
			fs.TextInput.Placeholder = st.muted
			fs.TextInput.Cursor = st.key
			fs.FocusedButton = st.button.MarginRight(1)
			fs.BlurredButton = st.buttonOff.MarginRight(1)
			fs.SelectSelector = st.key.SetString("› ")
			fs.Option = st.text
			fs.SelectedOption = st.selected
		}
		t.Focused.Title = st.key
		st.huh = t
	}
	return huh.ThemeFunc(func(bool) *huh.Styles { return st.huh })
}
