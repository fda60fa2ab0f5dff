// Package history shows the diary: the pain score over the days of the
// current episode as a chart, the assessments and check-ins, the steps done,
// and the current advice, as text for people and JSON for scripts.
package history

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/guptarohit/asciigraph"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/report"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

// Day is one day of the current episode: the last pain score recorded that
// day, or none.
type Day struct {
	Day  int    `json:"day"` // days since the assessment (or the first check-in)
	Date string `json:"date"`
	Pain *int   `json:"pain"`
}

// View is what history shows.
type View struct {
	Schema   int              `json:"schema"`
	Path     string           `json:"path"`
	Episodes []*diary.Episode `json:"episodes"`
	// Episode is the current one (the latest assessment), if any.
	Episode  *diary.Episode   `json:"episode"`
	Checkins []*diary.Checkin `json:"checkins"` // of the current episode
	Routines []*diary.Routine `json:"routines"`
	Days     []Day            `json:"pain_by_day"`
	Steps    []StepDays       `json:"steps_done"`
	Trend    string           `json:"trend,omitempty"`
	// Level and Advice are the latest check-in's: what the person was last
	// told, warning signs first.
	Level    string          `json:"level,omitempty"`
	Warnings []diary.Warning `json:"warnings"`
	Advice   []diary.Advice  `json:"advice"`
	AdviceAt *time.Time      `json:"advice_at,omitempty"`
	// Elsewhere are the causes to ask about when the advice says the pain
	// keeps coming back (cause ids and titles).
	Elsewhere []StepDays `json:"elsewhere"`

	// stepTitle names a step for the text (its id when the table has none).
	stepTitle func(id string) string
	// adviceAge is how many days before the day shown the advice was
	// given (0 for the same day, or when there is no check-in).
	adviceAge int
}

// StepDays is a step and the days it was done.
type StepDays struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Days  int    `json:"days"`
}

// Build gathers the view from the diary as it is shown at now, which tells
// how old the last check-in's advice is (a zero now tells nothing).
func Build(r *diary.Record, t *rules.Table, now time.Time) *View {
	st := followup.Current(r)
	v := &View{Schema: 1, Path: r.Path, Episodes: r.Episodes, Episode: st.Episode, Checkins: st.Checkins, Routines: st.Routines,
		Days: []Day{}, Steps: []StepDays{}, Warnings: []diary.Warning{}, Advice: []diary.Advice{}}
	if v.Episodes == nil {
		v.Episodes = []*diary.Episode{}
	}
	if v.Checkins == nil {
		v.Checkins = []*diary.Checkin{}
	}
	if v.Routines == nil {
		v.Routines = []*diary.Routine{}
	}
	name := func(id string) string {
		if s := t.Step(id); s != nil {
			return s.Title
		}
		return id
	}
	v.stepTitle = name
	if tr := followup.TrendOf(st); tr != nil {
		v.Trend = tr.Line(name)
		for _, s := range tr.Steps {
			v.Steps = append(v.Steps, StepDays{ID: s.ID, Title: name(s.ID), Days: s.Days})
		}
	}
	v.Days = days(st)
	if n := len(st.Checkins); n > 0 {
		last := st.Checkins[n-1]
		v.Level, v.Warnings, v.Advice, v.AdviceAt = last.Level, last.Warnings, last.Advice, &last.At
		if !now.IsZero() {
			v.adviceAge = max(followup.Days(last.At, now), 0)
		}
		if v.Warnings == nil {
			v.Warnings = []diary.Warning{}
		}
		// A check-in stored before follow-up rules had levels holds only
		// its warning signs' level; its advice's level counts too.
		v.Level = raise(v.Level, followup.AdviceLevel(t, v.Advice))
	} else if st.Episode != nil {
		v.Level, v.Warnings = st.Episode.Level, st.Episode.Warnings
		// Before the first check-in, what the follow-up rules make of the
		// episode itself (it came back soon after the last one).
		if l, _ := rules.ParseLevel(v.Level); !triage.PolicyAt(l).Stop {
			fired := t.FollowupFired(followup.Facts(st, nil, "", st.Episode.At))
			v.Advice = followup.Advice(fired)
			v.Level = raise(v.Level, followup.Level(l, fired))
		}
	}
	v.Elsewhere = []StepDays{}
	for _, a := range v.Advice {
		if a.Outcome == "elsewhere" {
			for _, c := range followup.Elsewhere(t, st.Episode, 3) {
				v.Elsewhere = append(v.Elsewhere, StepDays{ID: c.ID, Title: c.Title})
			}
			break
		}
	}
	return v
}

// raise is the stored level id lifted to at least l; an id that is not a
// level is kept as stored, for the record.
func raise(stored string, l rules.Level) string {
	if s, ok := rules.ParseLevel(stored); ok && s < l {
		return l.String()
	}
	return stored
}

// days lists every day from the episode's start (or the first check-in) to
// the latest check-in, with that day's last pain score.
func days(st followup.State) []Day {
	out := []Day{}
	if len(st.Checkins) == 0 {
		return out
	}
	start := st.Checkins[0].At
	if st.Episode != nil {
		start = st.Episode.At
	}
	last := st.Checkins[len(st.Checkins)-1].At
	n := followup.Days(start, last)
	if n < 0 || n > 3660 {
		n = max(0, min(n, 3660))
	}
	for d := 0; d <= n; d++ {
		date := start.In(last.Location()).AddDate(0, 0, d)
		out = append(out, Day{Day: d, Date: date.Format("2006-01-02")})
	}
	for _, c := range st.Checkins {
		if c.Pain == nil {
			continue
		}
		if d := followup.Days(start, c.At); d >= 0 && d < len(out) {
			p := *c.Pain
			out[d].Pain = &p
		}
	}
	return out
}

// Chart draws the pain by day with asciigraph in at most width columns: a
// fixed 0-10 scale, a gap on days without a score, each day a few columns
// wide so a week reads at a glance. A diary longer than the width allows
// is charted for its latest days, and the caption says which.
func Chart(ds []Day, width int) string {
	const axis = 6 // " 10 ┤" and the line's first column
	plot := max(7, width-axis)
	if len(ds) > plot {
		ds = ds[len(ds)-plot:]
	}
	if len(ds) == 0 {
		return ""
	}
	cols := max(1, min(6, plot/len(ds)))
	series := make([]float64, 0, len(ds)*cols)
	scored := 0
	for _, d := range ds {
		v := math.NaN()
		if d.Pain != nil {
			v = float64(*d.Pain)
			scored++
		}
		for range cols {
			series = append(series, v)
		}
	}
	if scored == 0 {
		return ""
	}
	return asciigraph.Plot(series, asciigraph.Height(10), asciigraph.LowerBound(0), asciigraph.UpperBound(10),
		asciigraph.Precision(0), asciigraph.Caption(fmt.Sprintf("pain (0 to 10), day %d to day %d", ds[0].Day, ds[len(ds)-1].Day)))
}

// WriteJSON writes the view for scripts.
func WriteJSON(w io.Writer, v *View) error {
	// C1 and bidi characters escaped, as in every JSON output.
	enc := json.NewEncoder(textwrap.JSONWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// TextWidth is the width of the text history on a terminal of 80 columns.
const TextWidth = textwrap.Width

// WriteText writes the view for people, TextWidth wide, through report's
// text renderer: the current advice with warning signs first, the chart,
// the trend, then the records.
func WriteText(w io.Writer, v *View) error {
	_, err := w.Write(Document(v, TextWidth).Text(false))
	return err
}

// The history's own sections, beside report's.
const (
	SecProgress    = "progress"
	SecEpisodes    = "episodes"
	SecCheckins    = "checkins"
	SecRoutines    = "routines"
	SecNothingKept = "nothing"
)

// Document is what the person reads about their diary, for every
// renderer (the text of `backtriage history`, the terminal UI's screen):
// the current advice with its warning signs first; below emergency level
// the pain chart (chartWidth columns wide), the trend and the records.
func Document(v *View, chartWidth int) report.Document {
	d := report.Document{Title: "Your backtriage diary"}
	d.Sections = append(d.Sections, report.Section{ID: report.SecDisclaimer,
		Blocks: report.Paras("Kept in "+textwrap.Quote(v.Path)+".", triage.Disclaimer)})
	if v.Episode == nil && len(v.Checkins) == 0 {
		d.Sections = append(d.Sections, report.Section{ID: SecNothingKept, Blocks: report.Paras(
			"Nothing recorded yet. An assessment (backtriage, or backtriage assess --store) starts an episode; check in each day with: backtriage checkin")})
		return d
	}
	d.Sections = append(d.Sections, adviceSection(v))
	if l, _ := rules.ParseLevel(v.Level); !triage.PolicyAt(l).ShowTrend {
		// At emergency level, as in the assessment's summary: what to do
		// now and the warning signs, and no chart, trend or tally of
		// self-care, so nothing reads like a reason to wait.
		d.Sections = append(d.Sections, report.Section{ID: report.SecHeld, Blocks: report.Paras(
			"Your records are kept. Once you have been seen, 'backtriage diary export' gives the whole record to whoever treats you.")})
		return d
	}
	if p, ok := progressSection(v, chartWidth); ok {
		d.Sections = append(d.Sections, p)
	}
	d.Sections = append(d.Sections, episodesSection(v.Episodes))
	if len(v.Checkins) > 0 {
		d.Sections = append(d.Sections, checkinsSection(v.Checkins))
	}
	if len(v.Routines) > 0 {
		d.Sections = append(d.Sections, routinesSection(v))
	}
	return d
}

// adviceSection is the current advice: the level and its warning signs
// first; follow-up advice only below urgent level, and then only
// alongside them; the any-time line last.
func adviceSection(v *View) report.Section {
	sec := report.Section{ID: report.SecNow, Heading: "Current advice"}
	if v.AdviceAt != nil {
		sec.Heading += " (from your check-in on " + v.AdviceAt.Format("2006-01-02 15:04") + ")"
	}
	l, _ := rules.ParseLevel(v.Level)
	pol := triage.PolicyAt(l)
	if stale := staleAdvice(v.adviceAge, pol); stale != "" {
		sec.Blocks = append(sec.Blocks, report.Block{Kind: report.Para, Text: stale})
	}
	if l > rules.SelfCare {
		info := triage.Info(l)
		do := info.Do
		if l == rules.Soon {
			do = soonHere // the summaries' words point at a plan printed below them
		}
		sec.Blocks = append(sec.Blocks, report.Block{Kind: report.Para, Text: info.Headline + ". " + do})
		if len(v.Warnings) > 0 {
			signs := report.Block{Kind: report.Bullets}
			for _, wn := range v.Warnings {
				it := report.Item{Text: "[" + safe(wn.Level) + "] " + safe(wn.Title)}
				if pol.LesserSignsForTheTeam && wn.Level != rules.Emergency.String() {
					it.Text += ". Tell the emergency team about this too."
				}
				signs.Items = append(signs.Items, it)
			}
			sec.Blocks = append(sec.Blocks, report.Block{Kind: report.LabelBlock, Text: "Warning signs"}, signs)
		}
	}
	next := report.Block{Kind: report.Bullets}
	if !pol.Stop {
		// Follow-up advice only below urgent level: a warning sign is the
		// advice otherwise.
		if len(v.Warnings) > 0 && len(v.Advice) > 0 {
			sec.Blocks = append(sec.Blocks, report.Block{Kind: report.Para, Text: "Only alongside what the warning signs above say, never instead of it:"})
		}
		next.Items = followupItems(v)
	}
	next.Items = append(next.Items, report.Item{Text: triage.AnyTime(l)})
	sec.Blocks = append(sec.Blocks, next)
	return sec
}

// staleAdvice says that the advice shown is days old, when it is two days
// or more: it fitted how the person was then. After a warning sign that
// said to get help, the help still stands if it was not sought.
func staleAdvice(days int, pol triage.Policy) string {
	switch {
	case days < 2:
		return ""
	case pol.Stop:
		return fmt.Sprintf("This is what your last check-in said, %d days ago. If you have not been checked since, get help now as it says.", days)
	}
	return fmt.Sprintf("This is what your last check-in said, %d days ago, for how you were then. For advice on how you are today, check in again: backtriage checkin", days)
}

// soonHere is what to do at soon level, as the history says it: it shows
// no plan, so it points at the plan kept from the assessment.
const soonHere = "Book an appointment with a doctor or physiotherapist in the next few days. " +
	"The self-care steps of your plan can help in the meantime."

// followupItems are what the follow-up rules advise, with the causes
// elsewhere to ask about; before the first check-in, to check in.
func followupItems(v *View) []report.Item {
	var items []report.Item
	for _, a := range v.Advice {
		it := report.Item{Text: safe(a.Title) + ".", Detail: []report.Line{{Text: safe(a.Text)}}}
		if a.Outcome == "elsewhere" {
			for i, c := range v.Elsewhere {
				it.Detail = append(it.Detail, report.Line{Text: fmt.Sprintf("%d. %s", i+1, safe(c.Title))})
			}
		}
		items = append(items, it)
	}
	if len(v.Checkins) == 0 {
		items = append(items, report.Item{Text: "Follow the plan from your assessment and check in each day: backtriage checkin"})
	}
	return items
}

// progressSection is the pain chart, the trend and the steps done; ok is
// false when there is none of them.
func progressSection(v *View, chartWidth int) (report.Section, bool) {
	sec := report.Section{ID: SecProgress, Heading: "Progress"}
	if chart := Chart(v.Days, chartWidth); chart != "" {
		sec.Blocks = append(sec.Blocks, report.Block{Kind: report.LabelBlock, Text: "Pain by day since " + v.Days[0].Date},
			report.Block{Kind: report.Preformatted, Text: chart})
	}
	if v.Trend != "" {
		sec.Blocks = append(sec.Blocks, report.Block{Kind: report.Para, Text: "Trend: " + safe(v.Trend)})
	}
	if len(v.Steps) > 0 {
		steps := report.Block{Kind: report.Bullets}
		for _, st := range v.Steps {
			steps.Items = append(steps.Items, report.Item{Text: fmt.Sprintf("%s: %d %s", safe(st.Title), st.Days, plural(st.Days, "day"))})
		}
		sec.Blocks = append(sec.Blocks, report.Block{Kind: report.LabelBlock, Text: "Steps done"}, steps)
	}
	return sec, len(sec.Blocks) > 0
}

// episodesSection lists the assessments with their level and likely causes.
func episodesSection(episodes []*diary.Episode) report.Section {
	list := report.Block{Kind: report.Bullets}
	for _, e := range episodes {
		text := e.At.Format("2006-01-02 15:04") + ": level " + safe(e.Level)
		var top []string
		for _, c := range e.Causes {
			if c.Top {
				top = append(top, safe(c.Title))
			}
		}
		if len(top) > 0 {
			text += "; likely causes: " + strings.Join(top, "; ")
		}
		list.Items = append(list.Items, report.Item{Text: text})
	}
	return report.Section{ID: SecEpisodes, Heading: "Assessments", Blocks: []report.Block{list}}
}

// checkinsSection lists the check-ins of the current episode; a note's
// lines are each quoted ("> ") under it, so none passes for a line of ours.
func checkinsSection(checkins []*diary.Checkin) report.Section {
	list := report.Block{Kind: report.Bullets}
	for _, c := range checkins {
		text := c.At.Format("2006-01-02 15:04") + ": "
		if c.Pain != nil {
			text += fmt.Sprintf("pain %d", *c.Pain)
			if c.Compared != "" {
				text += " (" + safe(c.Compared) + ")"
			}
		} else {
			text += "stopped at a warning sign"
		}
		if c.Level != "self-care" {
			text += "; level " + safe(c.Level)
		}
		if len(c.StepsDone) > 0 {
			text += "; did " + safe(strings.Join(c.StepsDone, ", "))
		}
		it := report.Item{Text: text}
		if c.Note != "" {
			it.Detail = append(it.Detail, report.Line{Text: "Note:", Tone: report.Aside})
			it.Detail = append(it.Detail, report.Quoted(c.Note, report.Aside)...)
		}
		list.Items = append(list.Items, it)
	}
	return report.Section{ID: SecCheckins, Heading: "Check-ins since the latest assessment", Blocks: []report.Block{list}}
}

// routinesSection lists the guided routines finished since the latest
// assessment (only finished ones are recorded), with how long each ran.
func routinesSection(v *View) report.Section {
	list := report.Block{Kind: report.Bullets}
	for _, r := range v.Routines {
		title := r.Step
		if v.stepTitle != nil {
			title = v.stepTitle(r.Step)
		}
		list.Items = append(list.Items, report.Item{Text: fmt.Sprintf("%s: %s (%s)", r.At.Format("2006-01-02 15:04"), safe(title),
			guide.Words(time.Duration(r.Seconds)*time.Second))})
	}
	return report.Section{ID: SecRoutines, Heading: "Guided routines finished since the latest assessment", Blocks: []report.Block{list}}
}

// safe is a value from the diary on one line: a line break in it cannot
// start a line of ours, a control cannot reach the terminal.
func safe(s string) string { return textwrap.Safe(s) }

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
