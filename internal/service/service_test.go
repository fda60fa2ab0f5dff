package service

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
	"github.com/backtriage/backtriage/internal/triage"
)

var when = time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)

// selfCare is a reader's morning: self-care with a plan that has routines.
func selfCare(t *testing.T, eng *triage.Engine) *triage.Assessment {
	t.Helper()
	a, err := answers.ReadFile("../../testdata/readers/charlotte.yaml", nil, eng.Questionnaire())
	if err != nil {
		t.Fatal(err)
	}
	as := eng.Assess(a)
	if as.Level != rules.SelfCare || len(as.Plan) == 0 {
		t.Fatalf("charlotte: %s with %d steps; want self-care with a plan", as.Level, len(as.Plan))
	}
	return as
}

func emergency(eng *triage.Engine) *triage.Assessment {
	return eng.Assess(answers.Answers{"warning_now": answers.Choices("chest_pain")})
}

func newDiary(t *testing.T) Diary {
	return Diary{Path: filepath.Join(t.TempDir(), "diary.db"), TableVersion: func() string { return "test" }}
}

func agreed(t *testing.T, d Diary) *diary.Store {
	t.Helper()
	s, err := d.Consent("test", when)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Nothing is created without consent, nothing is asked beside advice to
// get help, and --store is consent.
func TestOpenOrAgree(t *testing.T) {
	never := func(string) bool { t.Error("asked beside advice to get help"); return true }
	no := func(string) bool { return false }
	yes := func(words string) bool {
		if words == "" {
			t.Error("asked without the words agreed to")
		}
		return true
	}
	d := newDiary(t)
	for name, try := range map[string]func() (*diary.Store, error){
		"not offered": func() (*diary.Store, error) { return d.OpenOrAgree(false, false, never, when) },
		"declined":    func() (*diary.Store, error) { return d.OpenOrAgree(false, true, no, when) },
		"not asked":   func() (*diary.Store, error) { return d.OpenOrAgree(false, true, nil, when) },
		"off":         func() (*diary.Store, error) { off := d; off.Off = true; return off.OpenOrAgree(true, true, yes, when) },
	} {
		if s, err := try(); s != nil || err != nil {
			t.Fatalf("%s: %v, %v; want no diary", name, s, err)
		}
		if _, err := os.Stat(d.Path); err == nil {
			t.Fatalf("%s: a diary file without consent", name)
		}
	}
	for how, explicit := range map[string]bool{"--store on the command line": true, "asked": false} {
		d := newDiary(t)
		s, err := d.OpenOrAgree(explicit, true, yes, when)
		if s == nil || err != nil {
			t.Fatalf("%s: %v, %v", how, s, err)
		}
		c, ok, err := s.ConsentGiven()
		s.Close()
		if !ok || err != nil || c.How != how {
			t.Errorf("consent %+v, %v, %v; want how %q", c, ok, err, how)
		}
	}
}

// An episode is kept once; --store keeps a new one; a run revises its own.
func TestKeepEpisode(t *testing.T) {
	eng := testrules.Builtin(t)
	d := newDiary(t)
	s := agreed(t, d)
	as := selfCare(t, eng)
	ep := Episode{Assessment: as, Questionnaire: eng.Questionnaire(), Source: "test", At: when}
	first, err := d.KeepEpisode(s, ep)
	if err != nil || !first.Stored || !first.CheckIn {
		t.Fatalf("first: %+v, %v", first, err)
	}
	again, err := d.KeepEpisode(s, ep)
	if err != nil || again.Stored || again.ID != first.ID {
		t.Fatalf("the same answers again: %+v, %v; want episode %d found", again, err, first.ID)
	}
	ep.New = true
	back, err := d.KeepEpisode(s, ep)
	if err != nil || !back.Stored || back.ID == first.ID {
		t.Fatalf("--store: %+v, %v; want a new episode", back, err)
	}
	stop := Episode{Assessment: emergency(eng), Questionnaire: eng.Questionnaire(), Source: "test", At: when, Revise: back.ID}
	revised, err := d.KeepEpisode(s, stop)
	if err != nil || !revised.Stored || revised.ID != back.ID || revised.CheckIn {
		t.Fatalf("revised: %+v, %v", revised, err)
	}
	rec, err := s.Load()
	if err != nil || len(rec.Episodes) != 2 || rec.Episodes[1].Level != "emergency" {
		t.Fatalf("episodes %+v, %v; want two, the last revised to emergency", rec, err)
	}
	for _, c := range []struct {
		k    Kept
		want string
	}{
		{Kept{ID: 1, Stored: true, Path: "P", CheckIn: true}, "Saved to your diary (assessment 1) in P. Check in each day with: backtriage checkin"},
		{Kept{ID: 1, Stored: true, Path: "P"}, "Saved to your diary (assessment 1) in P."},
		{Kept{ID: 1, Path: "P"}, "Already in your diary (assessment 1) in P."},
	} {
		if got := c.k.Message(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.k, got, c.want)
		}
	}
}

// The routines offered: the plan's, none after an emergency (on screen or
// in the diary's latest check-in), none a warning sign withholds.
func TestPlan(t *testing.T) {
	eng := testrules.Builtin(t)
	as := selfCare(t, eng)
	onScreen := PlanOf(as)
	if len(onScreen.Offered(eng.Table())) == 0 || onScreen.Blocked != "" {
		t.Fatalf("a self-care plan offers no routine: %+v", onScreen)
	}
	if p := PlanOf(emergency(eng)); p.Blocked == "" || p.Offered(eng.Table()) != nil {
		t.Errorf("an emergency offers routines: %+v", p)
	}
	if p := PlanIn(nil); p.Known || p.Offered(eng.Table()) == nil {
		t.Errorf("no diary: %+v; want the unchecked list", p)
	}

	d := newDiary(t)
	s := agreed(t, d)
	k, err := d.KeepEpisode(s, Episode{Assessment: as, Questionnaire: eng.Questionnaire(), Source: "test", At: when})
	var p Plan
	if err != nil {
		t.Fatal(err)
	}
	p, err = d.CurrentPlan()
	if err != nil || !p.Known || len(p.Offered(eng.Table())) != len(onScreen.Offered(eng.Table())) {
		t.Fatalf("the diary's plan %+v, %v; want the episode's", p, err)
	}
	step := p.Offered(eng.Table())[0].ID
	c := &diary.Checkin{EpisodeID: k.ID, At: when.Add(time.Hour), Level: "self-care", Withheld: []diary.Step{{ID: step, Why: "a new warning sign"}}, TableVersion: "test"}
	if _, err := s.AddCheckin(c); err != nil {
		t.Fatal(err)
	}
	if p, _ := d.CurrentPlan(); p.Refusal(step) != "a new warning sign" {
		t.Errorf("a check-in's withheld step is offered: %+v", p)
	}
	if _, err := s.AddCheckin(&diary.Checkin{EpisodeID: k.ID, At: when.Add(2 * time.Hour), Level: "emergency", TableVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	if p, _ := d.CurrentPlan(); p.Blocked == "" || p.Offered(eng.Table()) != nil {
		t.Errorf("routines offered after an emergency check-in: %+v", p)
	}
}

// A routine is recorded with its episode, and each other outcome says why
// it was not.
func TestRecordRoutine(t *testing.T) {
	d := newDiary(t)
	if r, err := d.RecordRoutine("cold-packs", time.Minute, when); r != RoutineNoDiary || err != nil {
		t.Errorf("no diary: %v, %v", r, err)
	}
	off := d
	off.Off, off.OffBy = true, "--no-store"
	if r, _ := off.RecordRoutine("cold-packs", time.Minute, when); r != RoutineStoringOff || r.Message(off.OffBy) != "Not recorded: storing is off (--no-store)." {
		t.Errorf("storing off: %v %q", r, r.Message(off.OffBy))
	}
	s := agreed(t, d)
	if r, err := d.RecordRoutine("cold-packs", time.Minute, when); r != RoutineRecorded || err != nil {
		t.Fatalf("recorded: %v, %v", r, err)
	}
	rec, err := s.Load()
	if err != nil || len(rec.Routines) != 1 || rec.Routines[0].Seconds != 60 {
		t.Errorf("routines %+v, %v", rec, err)
	}
}

// A check-in is saved only where the person agreed; beside advice to get
// help nothing is suggested; a damaged diary is left alone.
func TestKeepCheckin(t *testing.T) {
	c := &diary.Checkin{At: when, Level: "self-care", TableVersion: "test"}
	d := newDiary(t)
	never := func(string) bool { t.Error("asked beside advice to get help"); return false }
	if k, err := d.KeepCheckin(nil, c, rules.Urgent, false, false, never, when); k.Saved || k.Message != "" || err != nil {
		t.Errorf("urgent, no diary: %+v, %v; want nothing said", k, err)
	}
	if k, _ := d.KeepCheckin(nil, c, rules.SelfCare, false, false, nil, when); k.Saved || k.Message == "" {
		t.Errorf("no diary, not asked: %+v; want why it was not saved", k)
	}
	if k, _ := d.KeepCheckin(nil, c, rules.SelfCare, true, true, nil, when); k.Saved {
		t.Errorf("damaged: %+v; want left alone", k)
	}
	if _, err := os.Stat(d.Path); err == nil {
		t.Fatal("a diary file without consent")
	}
	k, err := d.KeepCheckin(nil, c, rules.Urgent, true, false, never, when)
	if !k.Saved || err != nil {
		t.Fatalf("--store at urgent level: %+v, %v; want saved", k, err)
	}
	if rec, err := d.Shown(time.Time{}); err != nil || len(rec.Checkins) != 1 {
		t.Errorf("record %+v, %v", rec, err)
	}
}

// History as it stood: what came later is left out; no diary is NoDiary.
func TestShown(t *testing.T) {
	d := newDiary(t)
	var none *NoDiary
	if _, err := d.Shown(time.Time{}); !errors.As(err, &none) {
		t.Fatalf("no diary: %v", err)
	}
	s := agreed(t, d)
	for i := range 3 {
		if _, err := s.AddCheckin(&diary.Checkin{At: when.Add(time.Duration(i) * 24 * time.Hour), Level: "self-care", TableVersion: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	rec, err := d.Shown(when.Add(36 * time.Hour))
	if err != nil || len(rec.Checkins) != 2 {
		t.Errorf("as of the second day: %+v, %v; want two check-ins", rec, err)
	}
}

// A check-in finds the current episode; a diary that cannot be read is
// damaged, left alone, and said why.
func TestOpenForCheckin(t *testing.T) {
	eng := testrules.Builtin(t)
	d := newDiary(t)
	if c, faults := d.OpenForCheckin(); c.Store != nil || c.Damaged || len(faults) != 0 {
		t.Fatalf("no diary: %+v, %v", c, faults)
	}
	s := agreed(t, d)
	if _, err := d.KeepEpisode(s, Episode{Assessment: selfCare(t, eng), Questionnaire: eng.Questionnaire(), Source: "test", At: when}); err != nil {
		t.Fatal(err)
	}
	c, faults := d.OpenForCheckin()
	if c.Store == nil || c.Damaged || len(faults) != 0 || len(c.Plan()) == 0 {
		t.Fatalf("a diary with an episode: %+v, %v", c, faults)
	}
	c.Store.Close()

	bad := newDiary(t)
	if err := os.WriteFile(bad.Path, []byte("not a diary, not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, faults = bad.OpenForCheckin()
	if c.Store != nil || !c.Damaged || len(faults) == 0 {
		t.Fatalf("a damaged diary: %+v, %v", c, faults)
	}
	if k, _ := bad.KeepCheckin(c.Store, &diary.Checkin{At: when, Level: "self-care"}, rules.SelfCare, true, c.Damaged, nil, when); k.Saved {
		t.Error("a check-in written over a damaged diary")
	}
	if data, _ := os.ReadFile(bad.Path); string(data) != "not a diary, not a database" {
		t.Error("the damaged file was changed")
	}
}
