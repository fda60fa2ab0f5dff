package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/export"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/session"
	"github.com/backtriage/backtriage/internal/userpath"
)

// quitDialog saves the answers to reopen later: offered on quitting part
// way through, and from the results (a), where it saves and stays.
type quitDialog struct {
	m    *Model
	file *fileField
	stay bool // saving from the results: save and stay, don't quit
}

var quitKeys = struct{ Save, Stay, Quit key.Binding }{
	Save: bind("enter", "save and quit", "enter"),
	Stay: bind("esc", "keep going", "esc"),
	Quit: bind("ctrl+c", "quit without saving", "ctrl+c"),
}

var saveKeys = struct{ Save, Cancel, Quit key.Binding }{
	Save:   bind("enter", "save", "enter"),
	Cancel: bind("esc", "cancel", "esc"),
	Quit:   bind("ctrl+c", "quit", "ctrl+c"),
}

func newQuitDialog(m *Model, stay bool) *quitDialog {
	// The default is free (…-2.yaml after a first save), so a one-answer
	// file is never offered over fuller saved answers; a name typed over
	// one is asked about with both counts (answersAbout).
	f := newFileField(m, export.FreeName(m.sess.DefaultAnswersName()))
	f.about = m.answersAbout
	return &quitDialog{m: m, stay: stay, file: f}
}

// answersAbout says, before an answers file at path is replaced, when it
// holds more answers than would be saved over it, or is not an answers
// file at all.
func (m *Model) answersAbout(path string) string {
	old, err := answers.ReadFile(userpath.ExpandHome(path), nil, m.qn)
	if err != nil {
		return "It is not a backtriage answers file."
	}
	had, have := answered(answers.Prune(m.qn, old)), answered(answers.Prune(m.qn, m.sess.Given))
	if had > have {
		return fmt.Sprintf("It holds %d answers; you have %d now, so %d would be lost.", had, have, had-have)
	}
	return ""
}

// openSaveAnswers saves the answers from the results, which stay.
func (m *Model) openSaveAnswers() tea.Cmd {
	d := newQuitDialog(m, true)
	m.openDialog(d)
	return d.focus()
}

func (d *quitDialog) focus() tea.Cmd { return d.file.focus() }

func (d *quitDialog) resize() { d.file.restyle() }

func (d *quitDialog) helpKeys() keyMap {
	if d.file.confirm != nil {
		return keyMap{short: []key.Binding{fileKeys.Yes, fileKeys.No}, full: [][]key.Binding{{fileKeys.Yes, fileKeys.No, fileKeys.Toggle}}}
	}
	if d.stay {
		k := saveKeys
		return keyMap{short: []key.Binding{k.Save, k.Cancel}, full: [][]key.Binding{{k.Save, k.Cancel, k.Quit}}}
	}
	k := quitKeys
	return keyMap{short: []key.Binding{k.Save, k.Quit, k.Stay}, full: [][]key.Binding{{k.Save, k.Quit, k.Stay}}}
}

func (d *quitDialog) update(msg tea.Msg) tea.Cmd {
	km, isKey := msg.(tea.KeyPressMsg)
	if !isKey {
		return d.file.inputUpdate(msg)
	}
	k := keyName(km)
	if k == "ctrl+c" {
		return tea.Quit // a second ctrl+c quits without saving
	}
	if k == "esc" && d.file.confirm == nil {
		d.m.closeDialog()
		return nil
	}
	cmd, saved := d.file.update(msg, k, d.save)
	if !saved {
		return cmd
	}
	if d.stay {
		d.m.closeDialog()
		return nil
	}
	return tea.Quit
}

func (d *quitDialog) save(force bool) (string, error) {
	m := d.m
	abs, err := m.sess.SaveAnswers(d.file.value(), force)
	if err != nil {
		return "", err
	}
	m.note("Your answers are saved in " + abs)
	m.note("Go on or change them later with: " + session.ResumeHint(abs))
	if d.stay {
		m.setStatus("Saved your answers to "+abs, false)
	}
	return abs, nil
}

func (d *quitDialog) view() string {
	m := d.m
	st := m.st
	w := m.dialogWidth()
	quit := questionnaire.Dialogs().Get(questionnaire.DialogQuit)
	title, intro := quit.Prompt, quit.Intro
	if d.stay {
		title, intro = "Save your answers", "Save your answers to reopen or change them later with backtriage --answers FILE. They stay on this machine."
	}
	var b strings.Builder
	b.WriteString(st.title.Render(title) + "\n\n")
	para(&b, st.text, intro, 0, w-4)
	b.WriteString("\n")
	d.file.view(&b, st.key.Render("File"), w-4)
	b.WriteString(m.footerIn(d.helpKeys().short, w-4))
	return st.box.Width(w).Render(strings.TrimSuffix(b.String(), "\n"))
}

// answered counts the questions a answers.
func answered(a answers.Answers) int {
	n := 0
	for id := range a {
		if a.Answered(id) {
			n++
		}
	}
	return n
}
