package accessible

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

// FuzzParseLine feeds arbitrary typed input to the accessible mode's line
// reader and answer parser, for every kind of question. The reader keeps
// its caps and cleaning leaves no control character; the parser must not
// panic; an accepted answer holds only the question's
// options (an exclusive one alone) or a number in range; a rejected one
// gets a sentence for the person, never a Go error.
func FuzzParseLine(f *testing.F) {
	qn := questionnaire.Default()
	qs := qn.Questions()
	// The typed-input seeds once per kind of question (the parser is per
	// kind); with them for every question the baseline alone outlasted
	// CI's short run, which then never fuzzed.
	seeded := map[questionnaire.Kind]bool{}
	for i, q := range qs {
		for _, s := range []string{"1", "1 2", "1,2;3", "0", "99", "-1", "yes", "n", "none", "7 1", "40", "+40",
			"4e1", " 12 ", "abc", "", "\x1b[31m1\x1b[0m", "1\x00", strings.Repeat("1 ", 2000), "９",
			"1\n2\r\n3", strings.Repeat("x", 100) + "\n1", strings.Repeat("\n", 2000)} {
			if !seeded[q.Kind] {
				f.Add(uint8(i), s)
			}
		}
		seeded[q.Kind] = true
		for _, o := range q.Options {
			f.Add(uint8(i), o.ID+" "+o.Label)
		}
	}
	f.Fuzz(func(t *testing.T, qi uint8, typed string) {
		q := qs[int(qi)%len(qs)]
		// The input as the session reads it: capped lines (small caps
		// here, so the fuzzer reaches them), cleaned, then parsed.
		r := input.NewLineReader(strings.NewReader(typed), 64, 1024)
		for {
			raw, err := r.ReadLine()
			if err != nil {
				if !errors.Is(err, io.EOF) && !errors.Is(err, input.ErrLineTooLong) && !errors.Is(err, input.ErrTooLarge) {
					t.Fatalf("%q: unexpected read error %v", typed, err)
				}
				return
			}
			if len(raw) > 64 || strings.ContainsAny(raw, "\n") {
				t.Fatalf("%q: line %q over the cap or not split", typed, raw)
			}
			line := input.CleanLine(raw)
			if strings.ContainsFunc(line, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
				t.Fatalf("%q: control characters left in %q", raw, line)
			}
			checkParse(t, q, strings.TrimSpace(line))
		}
	})
}

func checkParse(t *testing.T, q *questionnaire.Question, line string) {
	v, err := field.Parse(q, line)
	if err != nil {
		var r field.Retry
		if !errors.As(err, &r) || !strings.HasSuffix(err.Error(), ".") {
			t.Fatalf("%s %q: error %q is not a sentence for the person", q.ID, line, err)
		}
		return
	}
	switch q.Kind {
	case questionnaire.Number:
		if v.Number == nil || *v.Number < q.Min || *v.Number > q.Max {
			t.Fatalf("%s %q: accepted %v, out of %d..%d", q.ID, line, v, q.Min, q.Max)
		}
	default:
		if q.Kind != questionnaire.Many && len(v.Options) > 1 {
			t.Fatalf("%s %q: %d options for a one-answer question", q.ID, line, len(v.Options))
		}
		for _, id := range v.Options {
			o, ok := q.Option(id)
			if !ok {
				t.Fatalf("%s %q: accepted unknown option %q", q.ID, line, id)
			}
			if o.Exclusive && len(v.Options) > 1 {
				t.Fatalf("%s %q: exclusive %q combined", q.ID, line, id)
			}
		}
	}
}
