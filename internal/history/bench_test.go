package history

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/backtriage/backtriage"
	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/rules"
	"github.com/backtriage/backtriage/internal/testkit/diarygen"
)

// BenchmarkHistoryScreen is what opening the history screen does with a
// ten-year diary (100 episodes, 3,650 daily check-ins): open it, read what
// the screen shows (every assessment, the current episode), build the view
// and draw it 80 columns wide. Issue 15 asks for under 50 ms. "whole
// diary" reads all of it, as the screen did before.
func BenchmarkHistoryScreen(b *testing.B) {
	tbl, err := rules.LoadSnapshot(backtriage.RuleSnapshot(), questionnaire.Default())
	if err != nil {
		b.Fatal(err)
	}
	path := diary.PathIn(filepath.Join(b.TempDir(), "backtriage"))
	if _, err := diarygen.Write(path, 100, 3650); err != nil {
		b.Fatal(err)
	}
	for how, read := range map[string]func(*diary.Store) (*diary.Record, error){
		"shown":       func(s *diary.Store) (*diary.Record, error) { return s.Recent(true) },
		"whole diary": (*diary.Store).Load,
	} {
		b.Run(how, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				s, err := diary.OpenAgreed(path, diary.Options{})
				if err != nil || s == nil {
					b.Fatal(err)
				}
				rec, err := read(s)
				s.Close()
				if err != nil {
					b.Fatal(err)
				}
				if err := WriteText(io.Discard, Build(rec, tbl, time.Time{})); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
