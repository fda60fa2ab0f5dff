package questionnaire

import (
	"fmt"
	"slices"
	"strings"

	"github.com/backtriage/backtriage/internal/textwrap"
)

// DialogID names a dialog question: a yes/no question about the program
// itself (keep a diary, replace a file, quit), not about the pain. Their
// words are data (rules/questions.yaml, dialogs) like every question's,
// but no rule reads their answers and no answers file or `backtriage
// questions` lists them: they are not in any Questionnaire.
type DialogID string

// The dialogs the program asks; a dialogs section must give every one.
const (
	// DialogKeepDiary asks to keep a diary, after the consent words.
	DialogKeepDiary DialogID = "keep_diary"
	// DialogQuit is the terminal flow's quit dialog: its title, and the
	// offer to save the answers under it.
	DialogQuit DialogID = "quit"
	// DialogReplaceFile asks whether to replace a file that exists: its
	// intro names the file, the screen may add what would be lost, then
	// the prompt asks.
	DialogReplaceFile DialogID = "replace_file"
	// DialogForgetDiary asks before the whole diary is deleted.
	DialogForgetDiary DialogID = "forget_diary"
)

// dialogIDs are every dialog, in the order a message lists them.
var dialogIDs = []DialogID{DialogKeepDiary, DialogQuit, DialogReplaceFile, DialogForgetDiary}

// PathPlaceholder stands for a file's path in a dialog's words. It is
// written exactly once in the dialogs that name a file (NamesPath), and
// nowhere else; With puts the path in.
const PathPlaceholder = "{path}"

// NamesPath reports whether the dialog's words name a file.
func (id DialogID) NamesPath() bool { return id == DialogReplaceFile || id == DialogForgetDiary }

// Dialog is one dialog question's words.
type Dialog struct {
	ID DialogID
	// Prompt is the question (a dialog's title on the terminal screens).
	Prompt string
	// Intro, optional, is what the dialog says with its question: the
	// words under the quit dialog's title, the sentence before the
	// replace question.
	Intro string
}

// With is d with path in place of PathPlaceholder. Give the path as the
// person should read it (userpath.Shown, and textwrap.Quote where a screen
// quotes names); a character a terminal would obey is still replaced.
func (d Dialog) With(path string) Dialog {
	path = textwrap.Safe(path)
	d.Prompt = strings.ReplaceAll(d.Prompt, PathPlaceholder, path)
	d.Intro = strings.ReplaceAll(d.Intro, PathPlaceholder, path)
	return d
}

// Check checks one dialog: a known id, a prompt, and the path placeholder
// where the words name a file and nowhere else. Braces are kept for
// placeholders, so that {file} for {path} is an error, not words shown.
func (d Dialog) Check() error {
	if !d.ID.known() {
		return fmt.Errorf("unknown dialog %q; the program asks %s", d.ID, listIDs(dialogIDs))
	}
	if strings.TrimSpace(d.Prompt) == "" {
		return fmt.Errorf("missing prompt")
	}
	words := d.Prompt + "\n" + d.Intro
	n := strings.Count(words, PathPlaceholder)
	switch {
	case d.ID.NamesPath() && n != 1:
		return fmt.Errorf("the words name the file once, as %s, in the prompt or the intro (found %d)", PathPlaceholder, n)
	case !d.ID.NamesPath() && n > 0:
		return fmt.Errorf("%s: this dialog names no file", PathPlaceholder)
	case strings.ContainsAny(strings.ReplaceAll(words, PathPlaceholder, ""), "{}"):
		return fmt.Errorf("braces are only for %s", PathPlaceholder)
	}
	return nil
}

func (id DialogID) known() bool { return slices.Contains(dialogIDs, id) }

func listIDs(ids []DialogID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}

// MissingDialogs lists the dialogs the program asks that ds lacks.
func MissingDialogs(ds []Dialog) []DialogID {
	var out []DialogID
	for _, id := range dialogIDs {
		if !slices.ContainsFunc(ds, func(d Dialog) bool { return d.ID == id }) {
			out = append(out, id)
		}
	}
	return out
}

// DialogSet is every dialog's words, checked: each known, once, none
// missing. It is immutable; share it freely.
type DialogSet struct{ list []Dialog }

// NewDialogSet checks ds as a dialogs section must be.
func NewDialogSet(ds []Dialog) (*DialogSet, error) {
	seen := map[DialogID]bool{}
	for _, d := range ds {
		if err := d.Check(); err != nil {
			return nil, fmt.Errorf("dialog %q: %w", d.ID, err)
		}
		if seen[d.ID] {
			return nil, fmt.Errorf("dialog %q defined twice", d.ID)
		}
		seen[d.ID] = true
	}
	if m := MissingDialogs(ds); len(m) > 0 {
		return nil, fmt.Errorf("no dialog %s: the program asks it", listIDs(m))
	}
	return &DialogSet{list: ds}, nil
}

// Get is the dialog id. Every DialogID constant is in every set
// (NewDialogSet checks it), so only a made-up id panics.
func (s *DialogSet) Get(id DialogID) Dialog {
	for _, d := range s.list {
		if d.ID == id {
			return d
		}
	}
	panic("questionnaire: no dialog " + string(id))
}

// Records flattens the set for the compiled rule table, one record a
// dialog: ["dialog", id, prompt, intro].
func (s *DialogSet) Records() Records {
	out := make(Records, len(s.list))
	for i, d := range s.list {
		out[i] = []string{"dialog", string(d.ID), d.Prompt, d.Intro}
	}
	return out
}

// dialogBuilder reads the dialogs' records at the head of a snapshot.
type dialogBuilder struct{ list []Dialog }

func (b *dialogBuilder) add(r []string) error {
	if len(r) != 4 || r[0] != "dialog" {
		return fmt.Errorf(`expected "dialog", an id, a prompt and an intro`)
	}
	b.list = append(b.list, Dialog{ID: DialogID(r[1]), Prompt: r[2], Intro: r[3]})
	return nil
}

func (b *dialogBuilder) build() (*DialogSet, error) { return NewDialogSet(b.list) }
