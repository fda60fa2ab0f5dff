package service

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/guide"
	"github.com/backtriage/backtriage/internal/rules"
)

// Recorded is what recording a finished routine did.
type Recorded int

const (
	RoutineRecorded Recorded = iota
	RoutineStoringOff
	RoutineNoDiary     // the person keeps no diary
	RoutineCannotOpen  // the diary is there but could not be opened
	RoutineCannotWrite // opened, but the record could not be written
)

// RecordRoutine records a finished guided routine in the diary the person
// agreed to, with the episode it belongs to. The error, when there is
// one, says what failed; Recorded says what it means for the person.
func (d Diary) RecordRoutine(step string, elapsed time.Duration, at time.Time) (Recorded, error) {
	if d.Off {
		return RoutineStoringOff, nil
	}
	s, err := d.Open()
	switch {
	case err != nil:
		return RoutineCannotOpen, err
	case s == nil:
		return RoutineNoDiary, nil
	}
	defer s.Close()
	r := &diary.Routine{At: at, Step: step, Seconds: int(elapsed.Seconds()), Finished: true}
	if rec, err := s.Recent(false); err == nil {
		if cur := followup.Current(rec); cur.Episode != nil {
			r.EpisodeID = cur.Episode.ID
		}
	}
	if _, err := s.AddRoutine(r); err != nil {
		return RoutineCannotWrite, err
	}
	return RoutineRecorded, nil
}

// Message says plainly what was recorded, or what was not and why; offBy
// names what turned storing off.
func (r Recorded) Message(offBy string) string {
	switch r {
	case RoutineRecorded:
		return "Recorded in your diary."
	case RoutineStoringOff:
		return "Not recorded: storing is off (" + offBy + ")."
	case RoutineNoDiary:
		return "Not recorded: you keep no diary. Start one with 'backtriage diary start' (it says what is kept)."
	case RoutineCannotOpen:
		return "Not recorded: the diary could not be opened."
	}
	return "Not recorded: the diary could not be written."
}

// unchecked is said when no assessment in a diary can check the routines
// against the person's warning signs.
const unchecked = "No assessment in a diary to check these against your warning signs: do not start one " +
	"that your results left out, and with a warning sign get help first. Read each step's caution before you start."

// RoutinePlan is the current plan, for guide: what it offers and
// withholds. A diary fault is shown, and the plan is then unknown.
func (a *App) RoutinePlan() Plan {
	p, err := a.Diary().CurrentPlan()
	a.Warn(err)
	return p
}

// NotOffered is a routine guide will not run: it has no timed routine, or
// the latest warning signs rule it out.
type NotOffered struct{ Why string }

func (e *NotOffered) Error() string { return e.Why }

// PickRoutine is the step to guide through, checked against the plan p;
// note is what to read first ("" for nothing): the step is not in the
// plan, or there is no plan to check it against.
func (a *App) PickRoutine(p Plan, id string) (step *rules.Step, note string, err error) {
	eng, err := a.Engine()
	if err != nil {
		return nil, "", err
	}
	t := eng.Table()
	step = t.Step(id)
	switch {
	case step == nil || step.Routine == nil:
		var ids []string
		for _, st := range guide.Offered(t, nil, nil) {
			ids = append(ids, st.ID)
		}
		return nil, "", &NotOffered{fmt.Sprintf("%q has no guided routine; steps with one: %s", id, strings.Join(ids, ", "))}
	case p.Refusal(id) != "":
		return nil, "", &NotOffered{fmt.Sprintf("%q is not offered now: %s", id, p.Refusal(id))}
	case p.Known && !p.InPlan(id):
		note = fmt.Sprintf("Note: %q is not in your current plan; read its caution before you start.", id)
	case !p.Known:
		note = "Note: " + unchecked
	}
	return step, note, nil
}

// WriteRoutines lists the routines guide offers under the plan p, and
// those it withholds with why.
func (a *App) WriteRoutines(w io.Writer, p Plan) error {
	eng, err := a.Engine()
	if err != nil {
		return err
	}
	t := eng.Table()
	if p.Blocked != "" {
		_, err := fmt.Fprintln(w, "No guided routine is offered: "+p.Blocked+".")
		return err
	}
	if p.Known {
		fmt.Fprintln(w, "Guided routines for the steps in your plan:")
	} else {
		fmt.Fprintln(w, "Guided routines. "+unchecked)
	}
	offered := p.Offered(t)
	if len(offered) == 0 {
		fmt.Fprintln(w, "  none: no step in your plan has a timed routine.")
	}
	for _, s := range offered {
		fmt.Fprintf(w, "  %-24s %s (%s)\n", s.ID, s.Title, guide.Words(time.Duration(s.Routine.TotalSeconds())*time.Second))
	}
	for _, id := range p.Withheld {
		if st := t.Step(id); st != nil && st.Routine != nil {
			fmt.Fprintf(w, "Not offered now: %s: %s\n", st.Title, p.Why[id])
		}
	}
	_, err = fmt.Fprintln(w, "Run one with: backtriage guide STEP")
	return err
}

// RecordRoutine records a finished routine in the diary the person keeps
// and tells Notices what was recorded, or why not.
func (a *App) RecordRoutine(id string, elapsed time.Duration) {
	d := a.Diary()
	rec, err := d.RecordRoutine(id, elapsed, a.Now())
	a.Warn(err)
	fmt.Fprintln(a.Notices, rec.Message(d.OffBy))
}
