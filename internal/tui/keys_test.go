package tui

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
	"github.com/backtriage/backtriage/internal/triage"
)

// allKeys are the key presses a person can make: every printable
// character and the named keys.
func allKeys() []tea.KeyPressMsg {
	var ks []tea.KeyPressMsg
	for c := rune(33); c < 127; c++ {
		ks = append(ks, tea.KeyPressMsg{Code: c, Text: string(c)})
	}
	for _, n := range []string{"up", "down", "left", "right", "enter", "tab", "shift+tab", "space", "esc", "backspace", "ctrl+c"} {
		ks = append(ks, keyMsg(n))
	}
	return append(ks,
		tea.KeyPressMsg{Code: tea.KeyPgUp}, tea.KeyPressMsg{Code: tea.KeyPgDown},
		tea.KeyPressMsg{Code: tea.KeyHome}, tea.KeyPressMsg{Code: tea.KeyEnd},
		tea.KeyPressMsg{Code: tea.KeyDelete},
		tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl},
	)
}

// shown is what a key press can change that a person sees or keeps.
func shown(m *Model) string {
	return string(rune('0'+m.screen())) + string(rune('0'+m.dialogKind())) + plain(m) + string(answers.Marshal(m.qn, m.sess.Given))
}

// helpOf is the help the person sees where the key is pressed: the
// dialog's, else the screen's.
func helpOf(m *Model) keyMap {
	if m.dlg != nil {
		return m.dlg.helpKeys()
	}
	return m.cur.helpKeys()
}

// bound reports whether k is one of the enabled bindings of km, with help.
func bound(km keyMap, k string) (key.Binding, bool) {
	for _, g := range append(km.full, km.short) {
		for _, b := range g {
			if b.Enabled() && slices.Contains(b.Keys(), k) {
				return b, b.Help().Key != "" && b.Help().Desc != ""
			}
		}
	}
	return key.Binding{}, false
}

// Every key a screen or dialog reacts to (anything on the screen changes,
// an answer changes, or a command runs) is one of its bindings, with help
// text: the footer and the full help (?) cannot leave a key out.
func TestEveryHandledKeyHasHelp(t *testing.T) {
	eng := testEngine(t)
	opts := func() Options {
		o := testOptions(t)
		o.Load = func() (*triage.Engine, error) { return eng, nil }
		return o
	}
	fresh := func() *Model { return newTestModel(t, opts(), 80, 24) }
	toPageOne := func() *Model { m := fresh(); press(m, "enter", "down"); return m }
	states := map[string]func() *Model{
		"welcome":          fresh,
		"page, choose any": toPageOne,
		"page, number": func() *Model {
			m := toPageOne()
			press(m, script(t).Type("age", "3").Keys()...)
			return m
		},
		"page, choose one": func() *Model {
			m := toPageOne()
			press(m, script(t).NoWarnings(30).Choose("pain_where", "between_shoulder_blades").Focus("pain_side").Keys()...)
			return m
		},
		"page, from the review": func() *Model {
			m := fresh()
			answerCharlotte(t, m)
			press(m, "left", "home", "down", "enter")
			return m
		},
		"review": func() *Model { m := fresh(); answerCharlotte(t, m); press(m, "left", "up"); return m },
		"results": func() *Model {
			m := fresh()
			answerCharlotte(t, m)
			press(m, "down")
			return m
		},
		"urgent stop": func() *Model {
			m := toPageOne()
			press(m, script(t).Choose("warning_now", keyscript.None).Choose("warning_nerves", keyscript.None).
				Choose("warning_history", "fever").Next().Keys()...)
			return m
		},
		"emergency": func() *Model {
			o := opts()
			o.Emergency = emergencynumber.Here("GB", nil)
			m := newTestModel(t, o, 80, 24)
			press(m, "enter")
			press(m, script(t).Cursor("warning_now", "chest_pain").Space().Next().Keys()...)
			press(m, "down")
			return m
		},
		"history": func() *Model {
			m := fresh()
			answerCharlotte(t, m)
			m.openHistory()
			m.history.set(strings.Repeat("a line of the diary\n", 40))
			press(m, "down")
			return m
		},
		"export dialog, format row": func() *Model { m := fresh(); answerCharlotte(t, m); press(m, "e", "tab"); return m },
		"export, replace?": func() *Model {
			inTempDir(t)
			m := fresh()
			answerCharlotte(t, m)
			press(m, "e", "enter", "e", "enter")
			return m
		},
		"all keys": func() *Model { m := toPageOne(); press(m, "?"); return m },
		"results, diary offered": func() *Model {
			m := fresh()
			answerCharlotte(t, m)
			m.diary.offer = m.results.as
			m.setStatus(offerText, false)
			return m
		},
		"diary consent": func() *Model {
			m := fresh()
			answerCharlotte(t, m)
			m.openDialog(newConsentDialog(m, m.results.as))
			return m
		},
	}
	t.Chdir(t.TempDir())
	for name, setup := range states {
		t.Run(name, func(t *testing.T) {
			// The state is built once and kept while keys do nothing (no
			// command, the screen unchanged: the model is as it was); only
			// a key that acted makes the next key start from a new one.
			m := setup()
			for _, msg := range allKeys() {
				k := keyName(msg)
				km := helpOf(m)
				before := shown(m)
				_, cmd := m.Update(msg)
				if cmd == nil && shown(m) == before {
					continue
				}
				if b, ok := bound(km, k); !ok {
					t.Errorf("%s: the key %q does something but has no binding with help (%q)", name, k, b.Help())
				}
				m = setup()
			}
		})
	}
}

// The footer and the full key help are drawn from the same bindings: every
// binding in a footer is in the full help.
func TestFooterIsPartOfFullHelp(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	check := func(where string, km keyMap) {
		t.Helper()
		for _, b := range km.short {
			if !b.Enabled() {
				continue
			}
			for _, k := range b.Keys() {
				if _, ok := bound(keyMap{full: km.full}, k); !ok {
					t.Errorf("%s: the footer's %q (%s) is not in the full help", where, k, b.Help().Desc)
				}
			}
		}
	}
	check("welcome", m.cur.helpKeys())
	press(m, "enter")
	check("page", m.cur.helpKeys())
	press(m, "?")
	mustContain(t, m, "Keys", "why we ask", "choose by number", "next question", "first option")
	press(m, "esc")
	answerCharlotte(t, newTestModel(t, testOptions(t), 80, 24))
	r := newTestModel(t, testOptions(t), 80, 24)
	answerCharlotte(t, r)
	check("results", r.cur.helpKeys())
}

// w shows why a question is asked; ? opens the full key help.
func TestWhyAndAllKeys(t *testing.T) {
	m := newTestModel(t, testOptions(t), 80, 24)
	press(m, "enter", "w")
	mustContain(t, m, "Why we ask:", "w why we ask", "? all keys")
	press(m, "?")
	if m.dialogKind() != dlgKeys {
		t.Fatalf("? did not open the keys:\n%s", plain(m))
	}
	press(m, "?")
	if m.dialogKind() != dlgNone {
		t.Fatal("? did not close the keys")
	}
}
