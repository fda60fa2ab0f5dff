package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/triage"
)

// The private diary from the results: after the first results frame the
// flow looks whether the person keeps a diary; if so the assessment is
// saved, and if not, below urgent level, it offers one, once, on the status
// line: y opens the offer in the words the command line shows, with yes
// and no. The offer never pops up by itself: a dialog appearing while
// someone scrolls would take their keys. The store is opened only in commands, never before
// the results and never on the way to the first frame. --no-store,
// BACKTRIAGE_NO_STORE and --data-dir come in through the session.

// diaryState is what the flow knows of the diary this run.
type diaryState struct {
	kept       bool               // there is a diary (looked for after the first frame)
	outputDone bool               // --output written
	asked      bool               // consent offered (once a run)
	offer      *triage.Assessment // the offer stands, for this assessment
	savedKey   string             // the answers of the last episode saved
	savedID    int64              // the episode this run saved, 0 for none
}

// offerText is the status line that offers a diary.
const offerText = "Keep a private diary, to follow how this goes with daily check-ins? Press y to see what it keeps, and choose."

// openConsent opens the offer in full.
func (m *Model) openConsent() {
	as := m.diary.offer
	m.diary.offer = nil
	m.setStatus("", false)
	m.openDialog(newConsentDialog(m, as))
}

// diaryDelay lets the results be read before anything is asked.
var diaryDelay = 400 * time.Millisecond

// diaryMsg is a diary command's answer.
type diaryMsg struct {
	op   diaryOp
	as   *triage.Assessment
	kept bool
	id   int64
	seen bool // the diary already held this episode
	err  error
	// title is the routine's, for routineRecorded, and routine what
	// recording it did.
	title   string
	routine service.Recorded
}

type diaryOp int

const (
	diaryProbed diaryOp = iota // whether the person keeps a diary
	diarySaved                 // an episode saved
	diaryDeclined
	routineRecorded
	diaryLooked // whether there is a diary, for the welcome
)

// lookForDiary looks, after the first frame, whether there is a diary, so
// the welcome screen can offer it (h) on the mornings after.
func (m *Model) lookForDiary() tea.Cmd {
	if !m.sess.DiaryOn() {
		return nil
	}
	sess := m.sess
	return func() tea.Msg { return diaryMsg{op: diaryLooked, kept: sess.DiaryFound()} }
}

// afterResults is the diary's turn once results are shown: a look at the
// diary, a moment later, in the background.
func (m *Model) afterResults(as *triage.Assessment) tea.Cmd {
	if !m.sess.DiaryOn() || m.diary.savedKey == answersKey(m, as) {
		return nil
	}
	sess := m.sess
	return func() tea.Msg {
		time.Sleep(diaryDelay)
		kept, err := sess.DiaryKept()
		return diaryMsg{op: diaryProbed, as: as, kept: kept, err: err}
	}
}

// answersKey identifies what an episode would hold.
func answersKey(m *Model, as *triage.Assessment) string {
	return string(answers.Marshal(m.qn, as.Answers))
}

// saveEpisode stores the assessment in the background.
func (m *Model) saveEpisode(as *triage.Assessment) tea.Cmd {
	m.diary.savedKey = answersKey(m, as)
	sess := m.sess
	return func() tea.Msg {
		id, stored, err := sess.SaveEpisode(as, "tui")
		return diaryMsg{op: diarySaved, as: as, id: id, seen: id != 0 && !stored, err: err}
	}
}

// diaryAnswered follows up a diary command.
func (m *Model) diaryAnswered(msg diaryMsg) tea.Cmd {
	if msg.op == diaryLooked {
		m.diary.kept = msg.kept
		m.welcome.invalidate()
		return nil
	}
	if msg.err != nil {
		m.diaryNote(msg.as, "Your diary: "+msg.err.Error(), true)
		return nil
	}
	switch msg.op {
	case diaryProbed:
		switch {
		case msg.kept:
			return m.saveEpisode(msg.as)
		case m.diary.asked || !triage.PolicyFor(msg.as).OfferDiary:
			// Offered once a run, and never beside advice to get help.
			return nil
		}
		m.diary.asked = true
		m.diary.offer = msg.as
		if m.results.status == "" {
			// Never over a fresher message ("Saved the summary to …"):
			// the footer's "y keep a diary?" offers it then.
			m.setStatus(offerText, false)
		} else {
			m.results.invalidate()
		}
		return nil
	case diarySaved:
		m.diary.kept = true
		said := "Saved to your diary"
		switch {
		case msg.seen:
			said = "Already in your diary"
		case msg.id != 0 && msg.id == m.diary.savedID:
			said = "Updated in your diary" // one session, one assessment
		}
		m.diary.savedID = msg.id
		text := fmt.Sprintf("%s (assessment %d) in %s.", said, msg.id, m.sess.Diary.Path)
		if msg.as == nil || triage.PolicyFor(msg.as).SuggestCheckin {
			// No daily routine suggested beside advice to get help.
			text += " Check in each day with: backtriage checkin"
		}
		m.diaryNote(msg.as, text, false)
	case diaryDeclined:
		m.setStatus("No diary: nothing is stored.", false)
	case routineRecorded:
		if msg.routine == service.RoutineRecorded {
			m.setStatus("Finished and recorded in your diary: "+msg.title+".", false)
		} else {
			m.setStatus("Finished: "+msg.title+". "+msg.routine.Message(m.sess.Diary.OffBy), false)
		}
	}
	return nil
}

// diaryNote says what the diary did: on the results, and after the
// program ends. At emergency level only after: nothing on the screen may
// stand between the person and the call.
func (m *Model) diaryNote(as *triage.Assessment, s string, isErr bool) {
	m.note(s)
	if as == nil || as.Level < rules.Emergency {
		m.setStatus(s, isErr)
	}
}

// consentDialog offers a diary, in the words the command line uses, with
// huh's Confirm: yes keeps one and saves this assessment in it.
type consentDialog struct {
	m       *Model
	as      *triage.Assessment
	yes     bool
	confirm *huh.Confirm
	off     int // first line of the words shown, on a short terminal
}

var consentKeys = struct{ Yes, No, Choose, Up, Down, Quit key.Binding }{
	Yes:    bind("y", "keep a diary", "y", "Y"),
	No:     bind("n/esc", "no diary", "n", "N", "esc"),
	Choose: bind("←/→ enter", "choose, confirm", "left", "right", "h", "l", "enter"),
	Up:     bind("↑/k", "read back", "up", "k"),
	Down:   bind("↓/j", "read on", "down", "j"),
	Quit:   keyQuit,
}

func newConsentDialog(m *Model, as *triage.Assessment) *consentDialog {
	d := &consentDialog{m: m, as: as}
	d.confirm = huh.NewConfirm().Title(questionnaire.Dialogs().Get(questionnaire.DialogKeepDiary).Prompt).Description(m.sess.ConsentWords()).
		Affirmative("Yes, keep a diary").Negative("No").Value(&d.yes)
	d.confirm.WithKeyMap(huh.NewDefaultKeyMap())
	d.resize()
	d.confirm.Focus()
	return d
}

func (d *consentDialog) resize() {
	d.confirm.WithTheme(d.m.huhTheme())
	d.confirm.WithWidth(d.m.dialogWidth() - 4)
}

func (d *consentDialog) helpKeys() keyMap {
	k := consentKeys
	short := []key.Binding{k.Yes, k.No}
	if d.tooTall() {
		short = append(short, bind("↑/↓", "read on", "up", "down"))
	}
	return keyMap{short: short, full: [][]key.Binding{{k.Yes, k.No, k.Choose, k.Up, k.Down, k.Quit}}}
}

func (d *consentDialog) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := keyName(km)
	if k == "ctrl+c" {
		return tea.Quit
	}
	switch {
	case k == "esc":
		d.yes = false
		return d.decide()
	case on(k, consentKeys.Up):
		d.off = max(0, d.off-1)
		return nil
	case on(k, consentKeys.Down):
		d.off++
		return nil
	}
	d.confirm.Update(msg)
	if on(k, consentKeys.Yes) || on(k, consentKeys.No) || k == "enter" {
		return d.decide()
	}
	return nil
}

func (d *consentDialog) decide() tea.Cmd {
	m := d.m
	m.closeDialog()
	if !d.yes {
		return func() tea.Msg { return diaryMsg{op: diaryDeclined, as: d.as} }
	}
	sess, as := m.sess, d.as
	m.diary.savedKey = answersKey(m, as)
	return func() tea.Msg {
		if err := sess.KeepDiary("asked in the terminal questionnaire"); err != nil {
			return diaryMsg{op: diarySaved, as: as, err: err}
		}
		id, stored, err := sess.SaveEpisode(as, "tui")
		return diaryMsg{op: diarySaved, as: as, id: id, seen: id != 0 && !stored, err: err}
	}
}

// maxLines is how many lines of the confirm field fit: the box's border,
// the blank line and the footer take four.
func (d *consentDialog) maxLines() int { return max(4, d.m.height-4) }

func (d *consentDialog) tooTall() bool {
	return strings.Count(d.confirm.View(), "\n")+1 > d.maxLines()
}

// view draws the words and the buttons; on a terminal too short for all
// the words, the title and the buttons stay and the words scroll.
func (d *consentDialog) view() string {
	m := d.m
	w := m.dialogWidth()
	lines := strings.Split(d.confirm.View(), "\n")
	if n := d.maxLines(); len(lines) > n {
		// The title line, a window on the words, the last two lines
		// (a blank and the buttons).
		words := lines[1 : len(lines)-2]
		keep := n - 3
		d.off = max(0, min(d.off, len(words)-keep))
		lines = append(append([]string{lines[0]}, words[d.off:d.off+keep]...), lines[len(lines)-2:]...)
	} else {
		d.off = 0
	}
	var b strings.Builder
	b.WriteString(strings.Join(lines, "\n") + "\n\n")
	b.WriteString(m.footerIn(d.helpKeys().short, w-4))
	return m.st.box.Width(w).Render(b.String())
}
