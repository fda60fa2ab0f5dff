package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/service"
	"github.com/backtriage/backtriage/internal/triage"
)

// Guided routines from the results: r offers the steps of the plan that
// have a timed routine (none that an answer or a warning sign rules out),
// and the chosen one runs here as internal/guide's model, embedded; a
// finished routine is recorded in the diary when the person keeps one.

// offeredRoutines are the plan's steps with a routine, not ruled out
// (service.Plan: the same choice as the guide command's).
func (m *Model) offeredRoutines(as *triage.Assessment) []*rules.Step {
	if as == nil || m.eng == nil {
		return nil
	}
	return service.PlanOf(as).Offered(m.eng.Table())
}

// guideChooser asks which routine to run, with huh's Select.
type guideChooser struct {
	m      *Model
	steps  []*rules.Step
	choice string
	sel    *huh.Select[string]
}

var chooserKeys = struct{ Up, Down, Start, Cancel key.Binding }{
	Up:     bind("↑/k", "up", "up", "k"),
	Down:   bind("↓/j", "down", "down", "j"),
	Start:  bind("enter", "start", "enter"),
	Cancel: bind("esc", "cancel", "esc"),
}

// openGuideChooser offers the routines of the plan.
func (m *Model) openGuideChooser(as *triage.Assessment) tea.Cmd {
	steps := m.offeredRoutines(as)
	if len(steps) == 0 {
		return nil
	}
	d := &guideChooser{m: m, steps: steps}
	var opts []huh.Option[string]
	for _, s := range steps {
		opts = append(opts, huh.NewOption(s.Title+" ("+guide.Words(time.Duration(s.Routine.TotalSeconds())*time.Second)+")", s.ID))
	}
	d.sel = huh.NewSelect[string]().Title("A guided routine from your plan").
		Description("A countdown for each phase, a bell at each change. Read the step's caution first.").
		Options(opts...).Value(&d.choice)
	d.sel.WithKeyMap(huh.NewDefaultKeyMap())
	d.resize()
	d.sel.Focus()
	m.openDialog(d)
	return nil
}

func (d *guideChooser) resize() {
	d.sel.WithTheme(d.m.huhTheme())
	d.sel.WithWidth(d.m.dialogWidth() - 4)
	// The box's border, a blank line and the footer take four lines; the
	// options scroll within the rest.
	d.sel.WithHeight(min(d.m.height-4, 4+2*len(d.steps)))
}

func (d *guideChooser) helpKeys() keyMap {
	k := chooserKeys
	return keyMap{short: []key.Binding{k.Start, k.Cancel}, full: [][]key.Binding{{k.Up, k.Down, k.Start, k.Cancel}}}
}

func (d *guideChooser) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		_, cmd := d.sel.Update(msg)
		return cmd
	}
	switch k := keyName(km); {
	case k == "ctrl+c":
		return tea.Quit
	case on(k, chooserKeys.Cancel):
		d.m.closeDialog()
		return nil
	case on(k, chooserKeys.Start):
		d.m.closeDialog()
		return d.m.startGuide(d.m.eng.Table().Step(d.choice))
	}
	_, cmd := d.sel.Update(msg)
	return cmd
}

func (d *guideChooser) view() string {
	m := d.m
	w := m.dialogWidth()
	return m.st.box.Width(w).Render(d.sel.View() + "\n\n" + m.footerIn(d.helpKeys().short, w-4))
}

// guideScreen runs a routine: internal/guide's model, embedded.
type guideScreen struct {
	m    *Model
	step *rules.Step
	g    guide.Model
}

// guideTick is the routine's clock tick; tests replace it.
var guideTick = time.Second

// startGuide runs step's routine.
func (m *Model) startGuide(step *rules.Step) tea.Cmd {
	if step == nil || step.Routine == nil {
		return nil
	}
	m.guide.step = step
	m.guide.g = guide.NewModel(step, guideTick, false).Embed()
	g, _ := m.guide.g.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	m.guide.g = g.(guide.Model)
	m.cur = m.guide
	return m.guide.g.Init()
}

func (g *guideScreen) id() screenID { return scrGuide }

func (g *guideScreen) invalidate() {
	if g.step != nil {
		gm, _ := g.g.Update(tea.WindowSizeMsg{Width: g.m.width, Height: g.m.height})
		g.g = gm.(guide.Model)
	}
}

// guideKeys are internal/guide's keys, for the help.
var guideKeys = struct{ Pause, Skip, Stop, Help key.Binding }{
	Pause: bind("space/p", "pause or resume", "space", "p"),
	Skip:  bind("s/→/n", "skip this phase", "s", "right", "n"),
	Stop:  bind("q/esc", "stop, back to the results", "q", "esc", "ctrl+c"),
	Help:  bind("?", "all keys", "?"),
}

func (g *guideScreen) helpKeys() keyMap {
	k := guideKeys
	return keyMap{short: []key.Binding{k.Pause, k.Skip, k.Stop, k.Help}, full: [][]key.Binding{{k.Pause, k.Skip, k.Stop, k.Help}}}
}

func (g *guideScreen) update(_ string, msg tea.KeyPressMsg) tea.Cmd { return g.message(msg) }

// message passes the routine its keys and timer ticks; when it ends the
// results come back, and a finished routine goes in the diary.
func (g *guideScreen) message(msg tea.Msg) tea.Cmd {
	m := g.m
	if done, ok := msg.(guide.DoneMsg); ok {
		m.cur = m.results
		title := g.step.Title
		if !done.Result.Finished {
			how := "Stopped; the routine was not recorded: " + title + "."
			if done.Result.Skipped > 0 && !g.g.Stopped() {
				how = "Ended, mostly skipped, so not counted as done and not recorded: " + title + "."
			}
			m.setStatus(how, false)
			return nil
		}
		m.setStatus("Finished: "+title+".", false)
		sess, step, at := m.sess, g.step.ID, m.sess.Now.Add(done.Result.Elapsed)
		return func() tea.Msg {
			rec, err := sess.RecordRoutine(step, done.Result.Elapsed, at)
			return diaryMsg{op: routineRecorded, err: err, routine: rec, title: title}
		}
	}
	gm, cmd := g.g.Update(msg)
	g.g = gm.(guide.Model)
	return cmd
}

func (g *guideScreen) view() string {
	m := g.m
	v := g.g.View().Content
	lines := strings.Split(v, "\n")
	return indentBlock(strings.Join(lines[:min(len(lines), m.height)], "\n"))
}
