package answers_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/fuzzguard"
)

// wholeFileMessages are the only messages allowed without a line and column:
// they are about the file as a whole, not a place in it.
var wholeFileMessages = []string{
	"file is larger than ",
	"not a text file (binary data)",
	"file is empty;",
	"expected one YAML document, found ",
}

var lineCol = regexp.MustCompile(`^[1-9][0-9]*:[1-9][0-9]*: `)

// checkDiagnostics fails unless every line of err starts with the file name
// and, unless it is about the whole file, a line:col.
func checkDiagnostics(t *testing.T, name string, err error, data []byte) {
	t.Helper()
	for _, line := range strings.Split(err.Error(), "\n") {
		rest, ok := strings.CutPrefix(line, name+":")
		if !ok {
			t.Fatalf("error line does not start with %q: %q\ninput: %q", name+":", line, data)
		}
		rest = strings.TrimPrefix(rest, " ")
		if lineCol.MatchString(rest) {
			continue
		}
		if !slices.ContainsFunc(wholeFileMessages, func(p string) bool { return strings.HasPrefix(rest, p) }) {
			t.Fatalf("error without line:col that is not about the whole file: %q\ninput: %q", line, data)
		}
	}
	// Every part is an input.Error naming the file, so callers can rely on it.
	var parts []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		parts = j.Unwrap()
	} else {
		parts = []error{err}
	}
	for _, e := range parts {
		var de *input.Error
		if !errors.As(e, &de) || de.File != name {
			t.Fatalf("error part %q (%T) is not an input.Error for %s\ninput: %q", e, e, name, data)
		}
	}
}

// parseWithin runs Parse, turning a panic or a hang into a test failure.
func parseWithin(t *testing.T, name string, data []byte, qn *questionnaire.Questionnaire) (answers.Answers, error) {
	t.Helper()
	return fuzzguard.Call(t, "Parse", data, func() (answers.Answers, error) { return answers.Parse(name, data, qn) })
}

func sameAnswers(a, b answers.Answers) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !slices.Equal(v.Options, w.Options) ||
			(v.Number == nil) != (w.Number == nil) || (v.Number != nil && *v.Number != *w.Number) ||
			(v.Yes == nil) != (w.Yes == nil) || (v.Yes != nil && *v.Yes != *w.Yes) {
			return false
		}
	}
	return true
}

// FuzzParseAnswers feeds arbitrary bytes to the answers-file parser (YAML and
// JSON). It must not panic or hang; a rejected input gets an error whose
// every line names the file and, where it is about content, a line:col; an
// accepted input holds only valid answers and survives a round trip through
// Marshal unchanged.
func FuzzParseAnswers(f *testing.F) {
	qn := questionnaire.Default()
	files, _ := filepath.Glob(filepath.Join(answersDir, "*"))
	vignettes, _ := filepath.Glob("../../testdata/vignettes/*.yaml")
	for _, p := range append(files, vignettes...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `~`, `"x"`, `age: 40`, `{"age": 40}`, `{"warning_now": ["none"]}`,
		"warning_now:\n  - chest_pain\n  - breathless\n", `age: 0x28`, `age: 040`, `age: +40`, `age: 4e1`,
		`age: 99999999999999999999999`, `wake_to_change: Yes`, `wake_to_change: "no"`, `pillow_support: no`,
		`duration: &d days_1_2`, "a: &x [1]\nb: *x\n", `!!binary aGVsbG8=`, `age: !!str 40`,
		"? age\n: 40\n", `{age: 40, age: 41}`, "\ufeffage: 40\n", "age: 40\r\nduration: longer\r\n",
		"pain_where: [neck,\n", `tried: [heat]`, `{"tried": ["none"], "tried_result": "helped"}`,
	} {
		f.Add([]byte(s))
	}
	for _, s := range deepAndWide() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.yaml"
		a, err := parseWithin(t, name, data, qn)
		if err != nil {
			if a != nil {
				t.Fatalf("answers returned with an error")
			}
			checkDiagnostics(t, name, err, data)
			return
		}
		for id, v := range a {
			q, ok := qn.Question(id)
			if !ok {
				t.Fatalf("accepted unknown question %q from %q", id, data)
			}
			switch q.Kind {
			case questionnaire.Number:
				if v.Number == nil || *v.Number < q.Min || *v.Number > q.Max {
					t.Fatalf("accepted %q: bad number answer %+v", id, v)
				}
			case questionnaire.YesNo:
				if v.Yes == nil {
					t.Fatalf("accepted %q: yes/no answer without a value", id)
				}
			default:
				if len(v.Options) == 0 || (q.Kind == questionnaire.One && len(v.Options) != 1) {
					t.Fatalf("accepted %q with options %v", id, v.Options)
				}
				for _, o := range v.Options {
					if _, ok := q.Option(o); !ok {
						t.Fatalf("accepted unknown option %q of %q", o, id)
					}
				}
			}
		}
		out := answers.Marshal(qn, a, "round trip")
		b, err := answers.Parse("roundtrip.yaml", out, qn)
		if err != nil {
			t.Fatalf("Marshal wrote a file Parse rejects:\n%v\ninput: %q\nwritten:\n%s", err, data, out)
		}
		if !sameAnswers(a, b) {
			t.Fatalf("round trip changed the answers: %v -> %v\ninput: %q\nwritten:\n%s", a, b, data, out)
		}
	})
}

// TestMarshalRoundTrip: a file Marshal writes is one Parse reads back to
// the same answers, from none at all (Marshal then ends with "{}": a file
// of comments alone is refused as empty, which this checks too) to every
// question of a reader's file; and each question left unanswered is
// there as a commented line with its id and what it takes, to fill in.
func TestMarshalRoundTrip(t *testing.T) {
	qn := questionnaire.Default()
	reader, err := answers.ReadFile(filepath.Join("..", "..", "testdata", "readers", "charlotte.yaml"), nil, qn)
	if err != nil {
		t.Fatal(err)
	}
	one := answers.Answers{"duration": answers.Choice("under_week")}
	for name, in := range map[string]answers.Answers{"none": {}, "one": one, "a reader's": reader} {
		out := answers.Marshal(qn, in, "saved by a test")
		back, err := answers.Parse("saved.yaml", out, qn)
		if err != nil || !sameAnswers(in, back) {
			t.Errorf("%s answers: Marshal then Parse gives %v (%v), want %v\n%s", name, back, err, in, out)
		}
		if !strings.HasPrefix(string(out), "# saved by a test\n") {
			t.Errorf("%s answers: the header is not the first comment:\n%s", name, out)
		}
		for _, q := range qn.Questions() {
			if _, answered := in[q.ID]; !answered && !strings.Contains(string(out), "\n# "+q.ID+": ") {
				t.Errorf("%s answers: unanswered %s has no commented line to fill in:\n%s", name, q.ID, out)
			}
		}
	}
	// Why the "{}": without it the file is comments alone, and refused.
	empty := strings.TrimSuffix(string(answers.Marshal(qn, answers.Answers{})), "{}\n")
	if _, err := answers.Parse("saved.yaml", []byte(empty), qn); err == nil || !strings.Contains(err.Error(), "file is empty") {
		t.Errorf("a file of comments alone: %v, want it refused as empty", err)
	}
}

// deepAndWide are seeds at the limits: nesting at and past the depth limit,
// in flow and block style, and a file with very many keys and list items.
func deepAndWide() []string {
	var wide strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&wide, "q%d: [a, b, c]\n", i)
	}
	var block strings.Builder
	for i := range 80 {
		block.WriteString(strings.Repeat("  ", i) + "k:\n")
	}
	return []string{
		"warning_now: " + strings.Repeat("[", 63) + "none" + strings.Repeat("]", 63),
		"warning_now: " + strings.Repeat("[", 64000),
		strings.Repeat("{a: ", 100),
		block.String(),
		strings.Repeat("- ", 100) + "x\n",
		wide.String(),
		"pain_where: [" + strings.Repeat("neck, ", 20000) + "neck]\n",
	}
}
