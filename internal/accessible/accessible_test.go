package accessible

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/backtriage/backtriage/internal/answers"
	"github.com/backtriage/backtriage/internal/field"
	"github.com/backtriage/backtriage/internal/input"
	"github.com/backtriage/backtriage/internal/questionnaire"
	"github.com/backtriage/backtriage/internal/testkit/keyscript"
	"github.com/backtriage/backtriage/internal/testkit/testrules"
	"github.com/backtriage/backtriage/internal/textwrap"
	"github.com/backtriage/backtriage/internal/triage"
)

var testDate = time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)

func run(t *testing.T, input string, mod ...func(*Options)) (string, error) {
	t.Helper()
	eng, err := testrules.Engine()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	o := Options{
		Load: func() (*triage.Engine, error) { return eng, nil },
		In:   strings.NewReader(input), Out: &out, Now: testDate, Version: "test",
	}
	for _, f := range mod {
		f(&o)
	}
	err = Run(context.Background(), o)
	return out.String(), err
}

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// qn is the questionnaire the scripts answer; they name question and option
// ids, and the numbers typed come from it.
var qn = questionnaire.Default()

// num is the number typed for an option.
func num(t *testing.T, question, option string) string {
	t.Helper()
	q, ok := qn.Question(question)
	if !ok {
		t.Fatalf("no question %q", question)
	}
	n := keyscript.Number(q, option)
	if n == "" {
		t.Fatalf("question %q has no option %q", question, option)
	}
	return n
}

// with is keyscript.With over qn.
func with(t *testing.T, a answers.Answers, pairs ...string) answers.Answers {
	t.Helper()
	return keyscript.With(t, qn, a, pairs...)
}

// noWarnings is "none" to every warning question, and age.
func noWarnings(t *testing.T, age int) answers.Answers {
	t.Helper()
	return keyscript.NoWarnings(t, qn, age)
}

// Emma, piped: every answer arrives (one reader for the session), the
// follow-up logic is the questionnaire's, and the results are the engine's.
func TestPipedEmma(t *testing.T) {
	t.Chdir(t.TempDir())
	in := keyscript.Lines(t, qn, with(t, keyscript.Emma(t, qn), "baby", "no"))
	out, err := run(t, lines(append(in,
		"",      // review: results
		"3", "", // JSON, default name
	)...))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		fmt.Sprintf("Page 1 of %d: Warning signs first", len(qn.Pages)), "  " + num(t, "warning_now", "none") + ". None of these", "> " + num(t, "warning_now", "none"),
		"Review your answers", "Age: 14 years", "Training: Serious training, most days",
		"Likely causes:", "pulled muscle", "Saved the summary to",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "How do you usually feed") {
		t.Error("asked a follow-up that does not apply (baby: no)")
	}
	if strings.Contains(out, "\x1b") {
		t.Error("escape codes in the accessible output")
	}
	if _, err := os.Stat("backtriage-summary-2025-03-04.json"); err != nil {
		t.Error(err)
	}
}

func TestWhyBackAndErrors(t *testing.T) {
	now, _ := qn.Question("warning_now")
	noOption := strconv.Itoa(len(now.Options) + 1)
	none := func(q string) string { return num(t, q, keyscript.None) }
	out, err := run(t, lines("?", num(t, "warning_now", "chest_pain")+" "+none("warning_now"), noOption, "<",
		none("warning_now"), none("warning_nerves"), "<", "<", // back from warning_history to warning_now
		none("warning_now"), none("warning_nerves"), none("warning_history"), "abc", "200", "40", "q", "n"))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		"Why we ask: These can be signs",
		"cannot be combined", "There is no option " + noOption,
		"This is the first question.",
		`"abc" is not a whole number`, "200 is out of range",
		"Quit without saving.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEmergencyStops(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, lines(num(t, "warning_now", "chest_pain"), "1", ""), func(o *Options) { o.Output = filepath.Join(dir, "sos.txt") })
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "Emergency: call for help now.") || strings.Contains(out, "EMERGENCY: Emergency") || strings.Contains(out, "Do you have any of these?") {
		t.Fatalf("did not stop at once:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "sos.txt")); err != nil {
		t.Fatal("--output not written:", err)
	}
}

func TestInputEndsBeforeWarningSigns(t *testing.T) {
	_, err := run(t, lines(keyscript.LinesUntil(t, qn, noWarnings(t, 30), "warning_now")...))
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("want ErrInputEnded, got %v", err)
	}
}

func TestQuitSavesAnswers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	in := keyscript.LinesUntil(t, qn, with(t, noWarnings(t, 33), "pain_where", "between_shoulder_blades"), "pain_where")
	out, err := run(t, lines(append(in, "q", "")...))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	data, err := os.ReadFile("backtriage-answers-2025-03-04.yaml")
	if err != nil || !strings.Contains(string(data), "age: 33") {
		t.Fatalf("%v\n%s", err, data)
	}
	if !strings.Contains(out, "--answers") {
		t.Error("does not say how to reopen")
	}
}

// A name that exists is asked about in the replace dialog's words (read
// by id from the rule folder), with the line modes' one yes/no hint: n
// asks for a name again, y replaces.
func TestQuitAsksBeforeReplacing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	name := "taken.yaml"
	if err := os.WriteFile(name, []byte("age: 70\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	in := keyscript.LinesUntil(t, qn, with(t, noWarnings(t, 33), "pain_where", "between_shoulder_blades"), "pain_where")
	out, err := run(t, lines(append(in, "q", name, "n", name, "y")...))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	d := questionnaire.Dialogs().Get(questionnaire.DialogReplaceFile).With(filepath.Join(dir, name))
	if asked := field.YesNoPrompt(d.Intro + " " + d.Prompt); strings.Count(out, asked) != 2 {
		t.Errorf("not asked twice: %q\n%s", asked, out)
	}
	if data, err := os.ReadFile(name); err != nil || !strings.Contains(string(data), "age: 33") {
		t.Fatalf("not replaced: %v\n%s", err, data)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	eng, _ := testrules.Engine()
	r, w, _ := os.Pipe()
	defer w.Close()
	defer r.Close()
	err := Run(ctx, Options{Load: func() (*triage.Engine, error) { return eng, nil }, In: r, Out: &bytes.Buffer{}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want the cancellation, got %v", err)
	}
}

// Enter alone on every optional question records nothing, as in the
// terminal UI, and says each was skipped.
func TestEnterOnlySkipsOptionalQuestions(t *testing.T) {
	t.Chdir(t.TempDir())
	in := lines(keyscript.WarningLines(t, qn, noWarnings(t, 30))...) + strings.Repeat("\n", 60)
	out, err := run(t, in)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "Skipped.") {
		t.Errorf("no question said it was skipped:\n%s", out)
	}
	rev := out[strings.Index(out, "Review your answers"):]
	rev = rev[:strings.Index(rev, "Type a number")]
	if n := strings.Count(rev, "not answered"); n < 10 {
		t.Errorf("only %d questions listed as not answered:\n%s", n, rev)
	}
	for _, l := range strings.Split(rev, "\n") {
		if strings.HasPrefix(l, "  ") && !strings.Contains(l, "not answered") &&
			!strings.Contains(l, "None of these") && !strings.Contains(l, "Age: 30") {
			t.Errorf("an answer was recorded by enter alone: %q", l)
		}
	}
}

// An urgent sign is said at once with what to do today; Enter goes on with
// the questions, and the summary at the end is urgent.
func TestUrgentSignSaidAtOnceThenGoesOn(t *testing.T) {
	t.Chdir(t.TempDir())
	a := with(t, noWarnings(t, 30), "warning_history", "fever", "pain_where", "between_shoulder_blades")
	in := keyscript.LinesUntil(t, qn, a, "warning_history")
	in = append(in, "") // go on with the questions
	in = append(in, keyscript.LinesAfter(t, qn, a, "warning_history")...)
	out, err := run(t, lines(append(in,
		"",  // review: results
		"n", // do not save
	)...))
	if err != nil && !errors.Is(err, ErrInputEnded) {
		t.Fatalf("%v\n%s", err, out)
	}
	const said = "Urgent: see a doctor today.\n"
	stop := strings.Index(out, said)
	age := strings.Index(out, "How old are you?")
	if stop < 0 || age < stop {
		t.Fatalf("the urgent sign was not said before the next question:\n%s", out)
	}
	if !strings.Contains(out, "Press Enter to finish the questions") || !strings.Contains(out, "While you wait to be seen: likely causes") {
		t.Errorf("want the choice to go on, and an urgent summary with while-you-wait sections:\n%s", out)
	}
	if strings.Count(out, said) != 1 {
		t.Error("the urgent stop was said more than once")
	}
}

// Endless input with no line end (`backtriage < /dev/zero`) is refused at
// the line cap, not buffered until memory runs out.
func TestEndlessLineRefused(t *testing.T) {
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	_, err = run(t, "", func(o *Options) { o.In = f })
	if !errors.Is(err, input.ErrRefused) || !errors.Is(err, input.ErrLineTooLong) ||
		err.Error() != "input refused: line too long: an input line is longer than 4 KiB" {
		t.Fatalf("got %v", err)
	}
}

// Endless short lines stop at the total cap.
func TestEndlessInputRefused(t *testing.T) {
	_, err := run(t, "", func(o *Options) { o.In = &repeatReader{line: []byte("?\n")} })
	if !errors.Is(err, input.ErrRefused) || !errors.Is(err, input.ErrTooLarge) ||
		err.Error() != "input refused: too large: more than 64 KiB of input" {
		t.Fatalf("got %v", err)
	}
}

type repeatReader struct{ line []byte }

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n+len(r.line) <= len(p) {
		n += copy(p[n:], r.line)
	}
	return n, nil
}

// Piped input is echoed without its escape sequences and control bytes,
// which would otherwise drive the reader's terminal.
func TestEchoIsSanitized(t *testing.T) {
	in := keyscript.LinesUntil(t, qn, noWarnings(t, 30), "warning_history")
	out, err := run(t, lines(append(append([]string{"\x1b[2J\x1b]0;pwned\x07?\b\r"}, in...), "q", "n")...))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if strings.ContainsAny(out, "\x1b\x07\b\r") {
		t.Errorf("control bytes echoed: %q", out)
	}
	if !strings.Contains(out, "Why we ask: These can be signs") {
		t.Errorf("the cleaned line was not read as \"?\":\n%s", out)
	}
}

// cancelOn cancels the run once the output shows a text: a signal arriving
// while the person is at that prompt.
type cancelOn struct {
	bytes.Buffer
	text   string
	cancel context.CancelFunc
}

func (c *cancelOn) Write(p []byte) (int, error) {
	n, err := c.Buffer.Write(p)
	if strings.Contains(c.String(), c.text) {
		c.cancel()
	}
	return n, err
}

// A signal in the middle keeps the answers given so far, in a file the
// person is told about, and the run ends with the cancellation.
func TestSignalRescuesAnswers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	eng, err := testrules.Engine()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if _, err := w.WriteString(lines(keyscript.LinesUntil(t, qn, noWarnings(t, 30), "warning_nerves")...)); err != nil { // two answers, then silence
		t.Fatal(err)
	}
	third := qn.Questions()[qn.Index("warning_nerves")+1]
	out := &cancelOn{text: third.Prompt, cancel: cancel}
	err = Run(ctx, Options{Load: func() (*triage.Engine, error) { return eng, nil }, In: r, Out: out, Now: testDate, Version: "test"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want the cancellation, got %v\n%s", err, out.String())
	}
	saved, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(saved) != 1 {
		t.Fatalf("want one rescued answers file, found %v\n%s", saved, out.String())
	}
	data, err := os.ReadFile(saved[0])
	if err != nil || !strings.Contains(string(data), "warning_now") || !strings.Contains(string(data), "warning_nerves") {
		t.Errorf("rescued file lacks the two answers: %v\n%s", err, data)
	}
	if !strings.Contains(out.String(), "backtriage --answers") {
		t.Errorf("not told how to go on:\n%s", out.String())
	}
}

// The welcome's sentences are paragraphs for the wrapping writer to
// break, not lines broken by hand: on a pipe (78 columns) the hand breaks
// left ragged lines ("how you sleep" / "and your day," / "and suggests").
func TestWelcomeWrapsAsParagraphs(t *testing.T) {
	out, _ := run(t, "", func(o *Options) { o.Out = textwrap.WrapWriter(o.Out, textwrap.Width) })
	welcome, _, _ := strings.Cut(out, "Page 1 of")
	ls := strings.Split(welcome, "\n")
	for i := 0; i+1 < len(ls); i++ {
		a, b := strings.TrimRight(ls[i], " "), strings.Fields(ls[i+1])
		if a == "" || len(b) == 0 || strings.ContainsAny(a[len(a)-1:], ".:?!") {
			continue // a sentence ends there: a break of its own
		}
		if utf8.RuneCountInString(a)+1+utf8.RuneCountInString(b[0]) <= textwrap.Width {
			t.Errorf("line %d is broken early: %q, then %q", i+1, a, b[0])
		}
	}
}
