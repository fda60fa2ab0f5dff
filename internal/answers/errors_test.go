package answers_test

// One test per class of mistake in an answers file, each asserting the full
// message: file:line:col where it is about content, and the valid values.
// The files are in testdata/answers at the repository root.

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/questionnaire"
)

const answersDir = "../../testdata/answers"

// allQuestions is every question id in order, as the message lists them.
var allQuestions = func() string {
	var ids []string
	for _, q := range questionnaire.Default().Questions() {
		ids = append(ids, q.ID)
	}
	return strings.Join(ids, ", ")
}()

// readErr reads testdata/answers/name with ReadFile and returns its error
// lines with the directory taken off, so expectations read "file:line:col".
func readErr(t *testing.T, name string) []string {
	t.Helper()
	a, err := answers.ReadFile(filepath.Join(answersDir, name), nil, questionnaire.Default())
	if err == nil {
		t.Fatalf("%s: no error; got %v", name, a)
	}
	if a != nil {
		t.Errorf("%s: answers returned with an error: %v", name, a)
	}
	var out []string
	for _, line := range strings.Split(err.Error(), "\n") {
		rest, ok := strings.CutPrefix(line, answersDir+string(filepath.Separator))
		if !ok {
			t.Errorf("%s: error line does not start with the file's path: %q", name, line)
		}
		out = append(out, rest)
	}
	return out
}

func expectLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestErrorUnknownQuestion(t *testing.T) {
	expectLines(t, readErr(t, "unknown-question.yaml"),
		`unknown-question.yaml:2:1: unknown question "sleep_postion"; did you mean "sleep_position"? valid: `+allQuestions) //nolint:misspell // a typo on purpose: the message suggests the word
}

func TestErrorUnknownOption(t *testing.T) {
	expectLines(t, readErr(t, "unknown-option.yaml"),
		`unknown-option.yaml:2:20: question "pain_where": unknown option "shoulders"; valid: neck, shoulder_top, `+
			`between_shoulder_blades, middle_back, lower_back, chest, arm_hand`)
}

func TestErrorWrongType(t *testing.T) {
	expectLines(t, readErr(t, "wrong-type.yaml"),
		`wrong-type.yaml:1:6: question "age": expected a whole number from 1 to 120, found "forty"`,
		`wrong-type.yaml:2:11: question "duration" takes one option, found a list; valid: days_1_2, under_week, `+
			`weeks_1_6, weeks_6_to_months_3, longer`,
		`wrong-type.yaml:3:17: question "wake_to_change": expected yes or no (true or false), found "maybe"`,
		`wrong-type.yaml:4:13: question "pain_where": expected a list of options, found a mapping`,
	)
	expectLines(t, readErr(t, "wrong-type.json"),
		`wrong-type.json:1:9: question "age": expected a whole number from 1 to 120, found "52"`,
		`wrong-type.json:1:23: question "baby": expected yes or no (true or false), found the number 1`,
	)
}

func TestErrorDuplicateKey(t *testing.T) {
	expectLines(t, readErr(t, "duplicate-key.yaml"),
		`duplicate-key.yaml:3:1: question "duration" answered twice (first on line 2)`)
	expectLines(t, readErr(t, "duplicate-key.json"),
		`duplicate-key.json:1:34: question "age" answered twice (first on line 1)`)
}

func TestErrorHugeFile(t *testing.T) {
	// A file that is valid YAML but too big: refused before parsing, and
	// read no further than the limit.
	var b bytes.Buffer
	for b.Len() <= answers.MaxFileSize {
		b.WriteString("# a very long comment line to pad the file past the limit\n")
	}
	b.WriteString("age: 40\n")
	path := filepath.Join(t.TempDir(), "huge.yaml")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	want := path + ": file is larger than 256 KiB; an answers file is a short list of question ids and answers"
	_, err := answers.ReadFile(path, nil, questionnaire.Default())
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	// The same through standard input, and straight to Parse.
	_, err = answers.ReadFile("-", bytes.NewReader(b.Bytes()), questionnaire.Default())
	if want := "<stdin>: file is larger than 256 KiB; an answers file is a short list of question ids and answers"; err == nil || err.Error() != want {
		t.Errorf("stdin: got %v", err)
	}
	_, err = answers.Parse("big.json", b.Bytes(), questionnaire.Default())
	if err == nil || !strings.HasPrefix(err.Error(), "big.json: file is larger than 256 KiB") {
		t.Errorf("Parse: got %v", err)
	}
}

// endless is a reader that never ends, like a device file.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += len(p)
	return len(p), nil
}

func TestErrorEndlessInputIsNotReadToTheEnd(t *testing.T) {
	r := &endless{}
	_, err := answers.ReadFile("-", r, questionnaire.Default())
	if err == nil || !strings.HasPrefix(err.Error(), "<stdin>: file is larger than 256 KiB") {
		t.Errorf("got %v", err)
	}
	if r.n > answers.MaxFileSize+64<<10 {
		t.Errorf("read %d bytes of an endless input; the limit is %d", r.n, answers.MaxFileSize)
	}
}

func TestErrorBinaryGarbage(t *testing.T) {
	expectLines(t, readErr(t, "binary-garbage.bin"),
		`binary-garbage.bin: not a text file (binary data); expected YAML or JSON mapping question ids to answers`)
	// Invalid UTF-8 without a NUL byte is binary too.
	_, err := answers.Parse("latin1.yaml", []byte("duration: \xe9t\xe9\n"), questionnaire.Default())
	if want := "latin1.yaml: not a text file (binary data); expected YAML or JSON mapping question ids to answers"; err == nil || err.Error() != want {
		t.Errorf("got %v", err)
	}
}

func TestErrorEmptyFile(t *testing.T) {
	const msg = `: file is empty; expected YAML or JSON mapping question ids to answers, e.g. "duration: days_1_2"`
	expectLines(t, readErr(t, "empty.yaml"), "empty.yaml"+msg)
	expectLines(t, readErr(t, "comments-only.yaml"), "comments-only.yaml"+msg)
	_, err := answers.ReadFile("-", strings.NewReader(" \n\t\n"), questionnaire.Default())
	if err == nil || err.Error() != "<stdin>"+msg {
		t.Errorf("stdin: got %v", err)
	}
}

func TestErrorOtherMistakes(t *testing.T) {
	expectLines(t, readErr(t, "out-of-range.yaml"),
		`out-of-range.yaml:1:6: question "age": 130 is out of range; expected 1 to 120 years`)
	expectLines(t, readErr(t, "exclusive-combined.yaml"),
		`exclusive-combined.yaml:1:14: question "warning_now": "none" (None of these) cannot be combined with other options`)
	expectLines(t, readErr(t, "two-documents.yaml"),
		`two-documents.yaml: expected one YAML document, found 2`)
	expectLines(t, readErr(t, "not-a-mapping.yaml"),
		`not-a-mapping.yaml:1:1: expected a mapping of question ids to answers, found a list`)
	expectLines(t, readErr(t, "syntax-error.json"),
		`syntax-error.json:1:33: could not find flow map content`)
}

func TestErrorMissingFile(t *testing.T) {
	_, err := answers.ReadFile(filepath.Join(t.TempDir(), "nope.yaml"), nil, questionnaire.Default())
	if err == nil || !strings.HasPrefix(err.Error(), "answers file: open ") || !strings.HasSuffix(err.Error(), "nope.yaml: no such file or directory") {
		t.Errorf("got %v", err)
	}
}

func TestValidFiles(t *testing.T) {
	qn := questionnaire.Default()
	for name, check := range map[string]func(answers.Answers) bool{
		// Every question the file answers is read (the file answered every
		// question when it was written; questions added since are left out).
		"valid-full.yaml": func(a answers.Answers) bool {
			return len(a) == topLevelKeys(t, "valid-full.yaml") && a.Has("desk_hours", "4_to_8h") && a.Has("pillow_support", "no") &&
				a.Has("wake_to_change", "yes") && a.Has("pillow_knees", "no") && *a["age"].Number == 34
		},
		"valid.json": func(a answers.Answers) bool {
			return len(a) == 12 && a.Has("warning_nerves", "one_arm") && a.Has("wake_to_change", "no") &&
				*a["age"].Number == 52
		},
		"valid-minimal.yaml": func(a answers.Answers) bool {
			return len(a) == 2 && a.Has("warning_now", "none") && a.Has("duration", "under_week")
		},
	} {
		a, err := answers.ReadFile(filepath.Join(answersDir, name), nil, qn)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !check(a) {
			t.Errorf("%s: unexpected answers %v", name, a)
		}
	}
}

// topLevelKeys counts the question ids an answers file names, one a line
// at its left edge.
func topLevelKeys(t *testing.T, name string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(answersDir, name))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && l[0] != ' ' && l[0] != '#' && l[0] != '-' && strings.Contains(l, ":") {
			n++
		}
	}
	return n
}

func TestErrorDeepNesting(t *testing.T) {
	expectLines(t, readErr(t, "deep-nesting.yaml"),
		`deep-nesting.yaml:2:78: nested deeper than 64 levels; an answers file maps question ids to answers`)
}

// A FIFO, a device or a link to one is refused after a stat: opening a FIFO
// for reading would wait for a writer forever.
func TestErrorNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	zero := filepath.Join(dir, "zero.yaml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo: "fifo.yaml: not a regular file: it is a FIFO (named pipe); an answers file must be a regular file (or - for standard input)",
		zero: "zero.yaml: not a regular file: it is a character device; an answers file must be a regular file (or - for standard input)",
		dir:  "not a regular file: it is a folder; an answers file must be a regular file (or - for standard input)",
	} {
		done := make(chan error, 1)
		go func() { _, err := answers.ReadFile(path, nil, questionnaire.Default()); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.HasSuffix(err.Error(), want) {
				t.Errorf("%s: %v\nwant ...%s", path, err, want)
			}
		case <-time.After(60 * time.Second): // a hang guard
			t.Fatalf("%s: ReadFile blocked", path)
		}
	}
}

// Standard input is read with the same cap as a file: an endless stream
// stops at it.
func TestErrorEndlessStdin(t *testing.T) {
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	_, err = answers.ReadFile("-", f, questionnaire.Default())
	if err == nil || err.Error() != "<stdin>: file is larger than 256 KiB; an answers file is a short list of question ids and answers" {
		t.Errorf("got %v", err)
	}
}

// A number question without a unit ends its range without a trailing space.
func TestErrorOutOfRangeWithoutUnit(t *testing.T) {
	_, err := answers.Parse("p.yaml", []byte("pain_now: 11\n"), questionnaire.Followup())
	if err == nil || err.Error() != `p.yaml:1:11: question "pain_now": 11 is out of range; expected 0 to 10` {
		t.Errorf("got %q", err)
	}
}
