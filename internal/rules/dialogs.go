package rules

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// The section dialogs holds the words of the program's own yes/no
// questions (keep a diary, replace a file, quit), so that no question's
// words are in Go. They are not questions of a questionnaire: no rule
// reads them, and they are checked here, each at its file:line:col, and
// written to the snapshot's head for questionnaire.Dialogs.

// QDialog is one dialog in a rule file.
type QDialog struct {
	ID     string `yaml:"id"`
	Prompt string `yaml:"prompt"`
	Intro  string `yaml:"intro"`
	Pos    Pos    `yaml:"-"`
}

func (d *QDialog) UnmarshalYAML(n ast.Node) error {
	type plain QDialog
	return decodeItem(n, "dialog", (*plain)(d), &d.Pos)
}

// loadDialogs builds the folder's dialogs section, from the one file that
// holds it, or takes the program's when no file does.
func loadDialogs(t *Table, docs []*fileDoc, errs *input.List) {
	var items []*QDialog
	for _, d := range docs {
		if len(d.Dialogs) == 0 {
			continue
		}
		if len(items) > 0 {
			first, p := items[0].Pos, d.Dialogs[0].Pos
			errs.Add(p.File, p.Line, p.Col, "dialogs: the section is already in %s:%d:%d; keep it in one file", first.File, first.Line, first.Col)
			return
		}
		items = d.Dialogs
	}
	if len(items) == 0 {
		t.dialogs = questionnaire.Dialogs()
		return
	}
	t.dialogs = buildDialogs(items, errs)
}

// buildDialogs checks each dialog where it is written and that none the
// program asks is missing (a blank title otherwise); nil when it added an
// error.
func buildDialogs(items []*QDialog, errs *input.List) *questionnaire.DialogSet {
	n := len(*errs)
	b := &qBuilder{errs: errs}
	seen := map[string]Pos{}
	var out []questionnaire.Dialog
	for _, it := range items {
		owner := b.id(it.Pos, "dialog", it.ID, seen)
		if owner == "" {
			continue
		}
		d := questionnaire.Dialog{ID: questionnaire.DialogID(it.ID), Prompt: it.Prompt, Intro: it.Intro}
		if err := d.Check(); err != nil {
			b.at(it.Pos, owner, "%v", err)
		}
		out = append(out, d)
	}
	if missing := questionnaire.MissingDialogs(out); len(missing) > 0 {
		ids := make([]string, len(missing))
		for i, id := range missing {
			ids[i] = fmt.Sprintf("%q", id)
		}
		p := items[0].Pos
		errs.Add(p.File, p.Line, p.Col, "dialogs: no dialog %s; the program asks it, so give its prompt", strings.Join(ids, ", "))
	}
	if len(*errs) > n {
		return nil
	}
	set, err := questionnaire.NewDialogSet(out)
	if err != nil { // the checks above are meant to catch all of NewDialogSet's
		p := items[0].Pos
		errs.Add(p.File, p.Line, p.Col, "dialogs: %v", err)
		return nil
	}
	return set
}

// Dialogs are the dialogs' words: the folder's own section, or the
// program's (questionnaire.Dialogs), which the program asks either way.
func (t *Table) Dialogs() *questionnaire.DialogSet {
	if t.dialogs == nil {
		return questionnaire.Dialogs()
	}
	return t.dialogs
}
