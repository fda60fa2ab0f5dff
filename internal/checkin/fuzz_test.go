package checkin

import (
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/diary"
	"github.com/backtriage/backtriage/internal/textwrap/textwraptest"
)

// FuzzParse: a check-in answers file never crashes the reader, and every
// error names the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		none + "age: 31\npain_now: 5\npain_compared: better\nsteps_done: [heat]\nnote: fine\n",
		"note: [1, 2]\n", "note:\n", "note: &a x\nfoo: *a\n", "{note: 'x', pain_now: 11}", "- a\n- b\n", "",
		"note: |\n  two\n  lines\n", "pain_now: 3\npain_now: 4\n", "note: \"a\\e]0;x\\a\\x9b\\u202e\\r\\nb\\0\"\n",
	} {
		f.Add([]byte(seed))
	}
	qn := Questionnaire([]diary.Step{{ID: "heat", Title: "Heat"}, {ID: "cold-packs", Title: "Cold"}})
	f.Fuzz(func(t *testing.T, data []byte) {
		a, note, err := Parse("c.yaml", data, qn)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "c.yaml") {
					t.Fatalf("an error that does not name the file: %q", line)
				}
			}
			return
		}
		if len([]rune(note)) > MaxNote {
			t.Fatalf("a note of %d characters was accepted", len([]rune(note)))
		}
		// A note is kept cleaned: no control, escape or bidi character.
		if r, _, bad := textwraptest.Leak(note); bad {
			t.Fatalf("the note kept %U: %q", r, note)
		}
		_ = a
	})
}
