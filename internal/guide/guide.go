// Package guide runs a self-care step's routine (rules.Routine) as a guided
// session: each phase announced with what to do, a countdown, a progress
// bar over the whole routine, a terminal bell at each change (unless
// quiet), and pause, resume, skip and quit. The terminal version is a small
// Bubble Tea program with bubbles' timer and progress; the accessible
// version announces each phase in text, line by line. Both take their
// clock from outside, so tests run a five-minute routine at once.
package guide

import (
	"fmt"
	"strings"
	"time"

	"github.com/backtriage/backtriage/internal/rules"
)

// Segment is one phase in one round: what runs for how long.
type Segment struct {
	Round, Rounds int
	Index, Of     int // the phase's place in a round, from 1
	Phase         rules.Phase
}

// Duration is how long the segment runs.
func (s Segment) Duration() time.Duration { return time.Duration(s.Phase.Seconds) * time.Second }

// Announce is the segment in words, as announced when it starts.
func (s Segment) Announce() string {
	where := fmt.Sprintf("Phase %d of %d", s.Index, s.Of)
	if s.Rounds > 1 {
		where = fmt.Sprintf("Round %d of %d, phase %d of %d", s.Round, s.Rounds, s.Index, s.Of)
	}
	text := fmt.Sprintf("%s: %s, %s.", where, s.Phase.Name, Words(s.Duration()))
	if s.Phase.Say != "" {
		text += " " + s.Phase.Say
	}
	return text
}

// Segments expands a routine's rounds into the order they run.
func Segments(r *rules.Routine) []Segment {
	var out []Segment
	n := r.RoundsOf()
	for round := 1; round <= n; round++ {
		for i, p := range r.Phases {
			out = append(out, Segment{Round: round, Rounds: n, Index: i + 1, Of: len(r.Phases), Phase: p})
		}
	}
	return out
}

// Words says a duration the way a person would: "5 minutes", "12 seconds",
// "1 minute 30 seconds".
func Words(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	m, s := s/60, s%60
	unit := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	switch {
	case m == 0:
		return unit(s, "second")
	case s == 0:
		return unit(m, "minute")
	}
	return unit(m, "minute") + " " + unit(s, "second")
}

// Result is how a routine went: finished, or stopped, after how long.
type Result struct {
	Finished bool
	Elapsed  time.Duration
	// Skipped counts phases skipped on the way.
	Skipped int
}

// countsAsDone reports whether a routine that reached its end counts as
// done: at least half of its time really ran. Skipping most of it is not
// doing it, and the diary's "steps done" must not say it was.
func countsAsDone(elapsed time.Duration, r *rules.Routine) bool {
	return 2*elapsed >= time.Duration(r.TotalSeconds())*time.Second
}

// endWords is what is said when a routine reaches its end. A step's "then"
// that opens with "Done." is said once: "Finished. Roll off...", not
// "Finished. Done. Roll off...".
func endWords(elapsed time.Duration, r *rules.Routine) string {
	if countsAsDone(elapsed, r) {
		return strings.TrimSpace("Finished. " + strings.TrimPrefix(r.Then, "Done. "))
	}
	return fmt.Sprintf("Ended: %s of %s ran, the rest was skipped, so it is not counted as done.",
		Words(elapsed), Words(time.Duration(r.TotalSeconds())*time.Second))
}

// StoppedWords is what is said when the person stops a routine: plainly,
// that nothing of it went in the diary.
func StoppedWords(elapsed time.Duration) string {
	return fmt.Sprintf("Stopped after %s; the routine was not recorded.", Words(elapsed))
}

// Bell rings the terminal bell.
const Bell = "\a"

// Offered lists the steps that can be guided: those with a routine, not
// ruled out (withheld lists the ids a warning sign or an answer rules out),
// and, when plan is not empty, in the plan.
func Offered(t *rules.Table, plan, withheld []string) []*rules.Step {
	in := func(ids []string, id string) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
	var out []*rules.Step
	for _, s := range t.Steps {
		if s.Routine == nil || in(withheld, s.ID) || (len(plan) > 0 && !in(plan, s.ID)) {
			continue
		}
		out = append(out, s)
	}
	return out
}
