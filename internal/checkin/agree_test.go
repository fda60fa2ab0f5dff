package checkin

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/emergencynumber"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
	"github.com/backtriage/backtriage/internal/triage"
)

// Issue 17 item 8: check-ins that agree with the assessment. Each case is
// an assessment and a run of check-ins (answers-file text, a day after
// the assessment), evaluated as `backtriage checkin` does, each one's
// record added to the diary state before the next.

// muscle is an episode whose pain fits a muscle (worse on waking, eases
// with movement) in the lower back: no assessment rule but the pain's own
// fires, so what a check-in shows comes from today's answers.
const muscle = none + "age: 40\npain_where: [lower_back]\npain_when: [on_waking, eases_during_day]\npain_changes: [moving]\n" +
	"duration: under_week\nonset: on_waking\ncourse: same\n"

// diaryRun is an episode assessed from its answers on day0 and its check-ins.
type diaryRun struct {
	t   *testing.T
	eng *triage.Engine
	st  followup.State
}

func newRun(t *testing.T, episodeAnswers string) *diaryRun {
	eng := testrules.Builtin(t)
	a, err := answers.Parse("episode.yaml", []byte(episodeAnswers), eng.Questionnaire())
	if err != nil {
		t.Fatal(err)
	}
	ep := diary.EpisodeOf(eng.Assess(a), eng.Questionnaire(), "sha256:test", "assess", day0)
	ep.ID = 1
	return &diaryRun{t: t, eng: eng, st: followup.State{Episode: ep}}
}

// checkin evaluates a check-in file's text on the given day after the
// assessment, with the episode's age pre-filled as the front ends do,
// and records it.
func (r *diaryRun) checkin(day int, text string) (*Result, string) {
	r.t.Helper()
	a, _, err := Parse("c.yaml", []byte(text), FileQuestionnaire(r.st.Episode.Plan, r.eng.Table()))
	if err != nil {
		r.t.Fatal(err)
	}
	pre := Prefill(Options{State: r.st})
	for k, v := range pre {
		if !a.Answered(k) {
			a[k] = v
		}
	}
	res := Evaluate(r.eng, r.st, Input{Answers: a, Now: day0.Add(time.Duration(day) * 24 * time.Hour), Prefilled: pre}, "v")
	r.st.Checkins = append(r.st.Checkins, res.Checkin)
	return res, Text(res, r.eng.Table(), emergencynumber.Local{})
}

func pain(n, compared string) string {
	return none + "pain_now: " + n + "\npain_compared: " + compared + "\n"
}

func firedIDs(res *Result) []string {
	var ids []string
	for _, r := range res.Fired {
		ids = append(ids, r.ID)
	}
	return ids
}

// The assessment's pain score is the baseline: 5 at the assessment, 8 at
// the first check-in is worse (before, the first check-in was the
// baseline and nothing could be worse by score until the second).
func TestAssessmentPainIsTheBaseline(t *testing.T) {
	r := newRun(t, muscle+"pain_severity: 5\n")
	res, _ := r.checkin(1, pain("8", "same"))
	if !slices.Contains(firedIDs(res), "worse-since-last-time") {
		t.Errorf("5 then 8: fired %v, want worse-since-last-time", firedIDs(res))
	}
	// Without a score at the assessment the first check-in is the baseline.
	r = newRun(t, muscle)
	r.checkin(1, pain("5", "same"))
	res, _ = r.checkin(2, pain("8", "same"))
	if !slices.Contains(firedIDs(res), "worse-since-last-time") {
		t.Errorf("check-ins 5 then 8: fired %v, want worse-since-last-time", firedIDs(res))
	}
}

// The review's case: pain 5 → 8 → 9 with "about the same" today showed both
// "[soon] Worse than last time" and "About the same, early days: carry
// on". Worse by score outranks early days: only the worse advice shows.
func TestWorseByScoreOutranksEarlyDays(t *testing.T) {
	r := newRun(t, muscle+"pain_severity: 5\n")
	r.checkin(1, pain("8", "worse"))
	res, text := r.checkin(2, pain("9", "same"))
	if ids := firedIDs(res); !slices.Contains(ids, "worse-since-last-time") || slices.Contains(ids, "early-days-carry-on") {
		t.Errorf("5 → 8 → 9, the same: fired %v", ids)
	}
	if !strings.Contains(text, "[soon] Worse than last time") || strings.Contains(text, "early days") || strings.Contains(text, "arry on with your plan") {
		t.Errorf("5 → 8 → 9, the same:\n%s", text)
	}
	if res.Checkin.Level != "soon" {
		t.Errorf("level %s, want soon", res.Checkin.Level)
	}
}

// A check-in at 8 or more reaches at least soon, by the assessment's rule
// soon-very-severe (NHS: "is very severe or gets worse over time"); at
// 10/10 "about the same" it never says carry on.
func TestSeverePainAtACheckinIsAtLeastSoon(t *testing.T) {
	for _, score := range []string{"8", "9", "10"} {
		r := newRun(t, muscle)
		res, text := r.checkin(1, pain(score, "same"))
		lvl, _ := rules.ParseLevel(res.Checkin.Level)
		if lvl < rules.Soon || !hasWarning(res, "soon-very-severe") {
			t.Errorf("%s/10: level %s, warnings %v", score, res.Checkin.Level, res.Assessment.Warnings)
		}
		if strings.Contains(text, "early days") || strings.Contains(text, "arry on with your plan") {
			t.Errorf("%s/10 says carry on:\n%s", score, text)
		}
	}
	r := newRun(t, muscle)
	if res, _ := r.checkin(1, pain("7", "same")); res.Checkin.Level != "self-care" || !slices.Equal(firedIDs(res), []string{"early-days-carry-on"}) {
		t.Errorf("7/10 the same on day 1: level %s, fired %v", res.Checkin.Level, firedIDs(res))
	}
}

func hasWarning(res *Result, id string) bool {
	return slices.ContainsFunc(res.Assessment.Warnings, func(w triage.Finding) bool { return w.Rule.ID == id })
}

// Worsening pain between the shoulders was soon at a check-in but urgent in
// the assessment (urgent-thoracic-not-muscle-pattern). The check-in's pain
// and trend now answer the assessment's questions, so the same rule gives
// the same level; and a check-in reaches the level the assessment gives
// for the same answers.
func TestWorseBetweenTheShouldersIsUrgentAsInTheAssessment(t *testing.T) {
	r := newRun(t, nursing+"pain_when: [on_waking]\npain_severity: 4\n")
	res, text := r.checkin(2, pain("6", "worse"))
	if !res.Stopped || res.Assessment.Level != rules.Urgent || !hasWarning(res, "urgent-thoracic-not-muscle-pattern") {
		t.Errorf("worse between the shoulders: level %s, warnings %v", res.Assessment.Level, res.Assessment.Warnings)
	}
	if !strings.Contains(text, triage.Info(rules.Urgent).Headline) {
		t.Errorf("no urgent headline:\n%s", text)
	}
	a, err := answers.Parse("same.yaml", []byte(nursing+"pain_when: [on_waking]\npain_severity: 6\ncourse: worse\n"), r.eng.Questionnaire())
	if err != nil {
		t.Fatal(err)
	}
	if want := r.eng.Assess(a).Level; want != res.Assessment.Level {
		t.Errorf("the assessment gives %s for the same answers, the check-in %s", want, res.Assessment.Level)
	}
	// Better the next day: the trend answers "course" afresh, and the
	// urgent rule no longer holds.
	res, _ = r.checkin(3, pain("3", "better"))
	if res.Stopped || hasWarning(res, "urgent-thoracic-not-muscle-pattern") {
		t.Errorf("better: level %s, warnings %v", res.Assessment.Level, res.Assessment.Warnings)
	}
}

// The words follow the real number of days: on day 43 no advice says "about
// a week"; each span has its own rule and only one of them shows.
func TestTheWordsFollowTheDays(t *testing.T) {
	spans := []struct {
		day  int
		want string
	}{
		{8, "early-days-carry-on"},
		{13, "early-days-carry-on"},
		{14, "no-better-after-two-weeks"},
		{20, "no-better-after-two-weeks"},
		{21, "not-improving-after-weeks"},
		{41, "not-improving-after-weeks"},
		{42, "not-settled-after-six-weeks"},
		{43, "not-settled-after-six-weeks"},
	}
	for _, s := range spans {
		r := newRun(t, muscle+"pain_severity: 6\n")
		res, text := r.checkin(s.day, pain("6", "same"))
		if ids := firedIDs(res); !slices.Equal(ids, []string{s.want}) {
			t.Errorf("day %d, 6 the same: fired %v, want [%s]", s.day, ids, s.want)
		}
		if strings.Contains(text, "about a week") {
			t.Errorf("day %d says about a week:\n%s", s.day, text)
		}
	}
}

// The expected course comes from guidance, not from one reader's reply (a
// therapist's "when the week is out" to a 14-year-old dancer): a
// 76-year-old, no better on day 8, is told nothing about a week; her level
// is the assessment's for new pain at her age (soon-age-new-pain), and no
// follow-up rule cites the reply.
func TestTheCourseComesFromGuidance(t *testing.T) {
	old := strings.Replace(muscle, "age: 40", "age: 76", 1)
	r := newRun(t, old)
	res, text := r.checkin(8, pain("6", "same"))
	if strings.Contains(text, "week is out") || strings.Contains(text, "pretty much better") || !strings.Contains(text, "two weeks") {
		t.Errorf("day 8 at 76:\n%s", text)
	}
	if res.Checkin.Level != "soon" || !hasWarning(res, "soon-age-new-pain") {
		t.Errorf("day 8 at 76: level %s, warnings %v", res.Checkin.Level, res.Assessment.Warnings)
	}
	for _, fr := range r.eng.Table().Followup {
		if strings.Contains(fr.Quote, "when the week is out") {
			t.Errorf("follow-up rule %s still rests on the week of one reader's reply", fr.ID)
		}
	}
}
