package diary_test

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/followup"
	"github.com/backtriage/backtriage/internal/testkit/diarygen"
)

// sizes are the diaries the benchmarks run on: a diary just started (an
// assessment, no check-in yet) and ten years of daily check-ins across 100
// episodes (issue 15: a check-in within 1.5 times the empty diary's time).
var sizes = []struct {
	name           string
	episodes, days int
	wholeDiaryToo  bool
}{
	{"empty", 1, 0, false},
	{"ten-years", 100, 3650, true},
}

// benchDiary writes a diary of the size in a fresh folder.
func benchDiary(b *testing.B, episodes, days int) string {
	b.Helper()
	path := diary.PathIn(filepath.Join(b.TempDir(), "backtriage"))
	if _, err := diarygen.Write(path, episodes, days); err != nil {
		b.Fatal(err)
	}
	if days == 0 {
		s, err := diary.OpenAgreed(path, diary.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.AddEpisode(&diary.Episode{At: diarygen.Start, Source: "assess", Level: "self-care"}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	return path
}

// BenchmarkCheckin is what a check-in does with the diary: open it (the
// integrity check included), read the current episode, save the check-in
// (synced to disk) and close. "whole diary" reads it all as before issue 15.
func BenchmarkCheckin(b *testing.B) {
	for _, size := range sizes {
		path := benchDiary(b, size.episodes, size.days)
		reads := map[string]func(*diary.Store) (*diary.Record, error){
			"recent": func(s *diary.Store) (*diary.Record, error) { return s.Recent(false) },
		}
		if size.wholeDiaryToo {
			reads["whole diary"] = (*diary.Store).Load
		}
		for how, read := range reads {
			b.Run(size.name+"/"+how, func(b *testing.B) {
				b.ReportAllocs()
				for i := range b.N {
					s, err := diary.OpenAgreed(path, diary.Options{})
					if err != nil || s == nil {
						b.Fatal(err)
					}
					rec, err := read(s)
					if err != nil {
						b.Fatal(err)
					}
					st := followup.Current(rec)
					pain := i % 11
					c := &diary.Checkin{EpisodeID: st.Episode.ID, At: time.Now(), Level: "self-care", Pain: &pain, Note: "bench"}
					if _, err := s.AddCheckin(c); err != nil {
						b.Fatal(err)
					}
					s.Close()
				}
			})
		}
	}
}

// BenchmarkOpen is opening and closing the diary alone: its integrity
// check reads the whole file.
func BenchmarkOpen(b *testing.B) {
	for _, size := range sizes {
		path := benchDiary(b, size.episodes, size.days)
		b.Run(size.name, func(b *testing.B) {
			for range b.N {
				s, err := diary.OpenAgreed(path, diary.Options{})
				if err != nil || s == nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkExportJSON is `diary export --format json` of ten years,
// streamed; B/op is what it allocates in all, not what it holds at once.
func BenchmarkExportJSON(b *testing.B) {
	path := benchDiary(b, 100, 3650)
	b.ReportAllocs()
	for range b.N {
		s, err := diary.OpenReadOnly(path, diary.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Export(io.Discard, "json", diarygen.Start); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
