package followup

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
)

// The part of the diary a check-in reads (Store.Recent) gives the same
// state as the whole diary (Store.Load): the same episode, check-ins,
// routines, previous episode, its last record and last pain score. Tried
// on diaries with no episode, one, and several, with check-ins outside any
// episode and previous episodes whose last check-in has no pain score.
func TestRecentGivesTheStateOfTheWholeDiary(t *testing.T) {
	cases := map[string]func(s *diary.Store){
		"empty": func(*diary.Store) {},
		"check-ins without an episode": func(s *diary.Store) {
			addCheckin(t, s, 0, at(2, 8), p(6))
			addCheckin(t, s, 0, at(3, 8), p(5))
			addRoutine(t, s, 0, at(3, 9))
		},
		"one episode": func(s *diary.Store) {
			ep := addEpisode(t, s, at(2, 7))
			addCheckin(t, s, 0, at(1, 8), p(6)) // before it, outside it
			addCheckin(t, s, ep, at(3, 8), p(5))
			addCheckin(t, s, ep, at(4, 8), nil)
			addRoutine(t, s, ep, at(4, 9))
		},
		"several episodes": func(s *diary.Store) {
			for e := range 4 {
				ep := addEpisode(t, s, at(1+e*7, 7))
				for d := range 5 {
					pain := p(7 - d)
					if d == 4 && e == 2 {
						pain = nil // the previous episode's last check-in stopped at a warning sign
					}
					addCheckin(t, s, ep, at(2+e*7+d, 8), pain)
				}
				addRoutine(t, s, ep, at(3+e*7, 9))
				addRoutine(t, s, ep, at(6+e*7, 21)) // its last record
			}
		},
	}
	for name, fill := range cases {
		t.Run(name, func(t *testing.T) {
			path := diary.PathIn(filepath.Join(t.TempDir(), "backtriage"))
			s, err := diary.CreateAgreed(path, "test", at(1, 6), diary.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			fill(s)
			whole, err := s.Load()
			if err != nil {
				t.Fatal(err)
			}
			for _, all := range []bool{false, true} {
				part, err := s.Recent(all)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := Current(part), Current(whole); !reflect.DeepEqual(got, want) {
					t.Errorf("Recent(%v): state\n%+v\nwant\n%+v", all, got, want)
				}
				if len(whole.Episodes) == 0 && (!reflect.DeepEqual(part.Checkins, whole.Checkins) || !reflect.DeepEqual(part.Routines, whole.Routines)) {
					t.Errorf("Recent(%v) without an episode: %d check-ins, %d routines; want all %d and %d", all, len(part.Checkins), len(part.Routines), len(whole.Checkins), len(whole.Routines))
				}
				if all && !reflect.DeepEqual(part.Episodes, whole.Episodes) {
					t.Errorf("Recent(true) lists %d episodes, want all %d", len(part.Episodes), len(whole.Episodes))
				}
				if part.Schema != whole.Schema || !reflect.DeepEqual(part.Consent, whole.Consent) || part.Path != whole.Path {
					t.Errorf("Recent(%v) head %d %+v %s, want %d %+v %s", all, part.Schema, part.Consent, part.Path, whole.Schema, whole.Consent, whole.Path)
				}
			}
		})
	}
}

func addEpisode(t *testing.T, s *diary.Store, when time.Time) int64 {
	t.Helper()
	id, err := s.AddEpisode(&diary.Episode{At: when, Source: "assess", Level: "self-care", Answers: map[string]any{"age": 40},
		Plan: []diary.Step{{ID: "tennis-ball", Title: "Tennis ball"}}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func addCheckin(t *testing.T, s *diary.Store, ep int64, when time.Time, pain *int) {
	t.Helper()
	if _, err := s.AddCheckin(&diary.Checkin{EpisodeID: ep, At: when, Level: "self-care", Pain: pain, StepsDone: []string{"tennis-ball"}}); err != nil {
		t.Fatal(err)
	}
}

func addRoutine(t *testing.T, s *diary.Store, ep int64, when time.Time) {
	t.Helper()
	if _, err := s.AddRoutine(&diary.Routine{EpisodeID: ep, At: when, Step: "tennis-ball", Seconds: 600, Finished: true}); err != nil {
		t.Fatal(err)
	}
}
